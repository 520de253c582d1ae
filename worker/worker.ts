/**
 * The worker process: subscribes to topic `catalyst` on the engine with the Camunda
 * client library, runs each task through the handler, and stops gracefully.
 */
import { setMaxListeners } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';

import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import type { Interceptor } from 'camunda-external-task-client-js';

import { createNodeSecretStore } from '../runtime/node/secret-store';
import type { ExecuteOptions, ExecutionResult, SecretStore, TaskConfig } from '../runtime/types';

import { describeEngineError } from './engine-errors';
import { handleTask } from './handler';
import { DEFAULT_RETRY_TIMEOUTS } from './report';
import { DEFAULT_STRING_RULE } from './variables';
import { createLogger, createSecretRedactor } from './log';
import type { Logger } from './log';
import type { EngineAuth, WorkerOptions } from './options';

/** The topic every Catalyst task uses (design §2). */
const CATALYST_TOPIC = 'catalyst';

/** Time a released task's call gets to notice the abort and unlock before stop() returns. */
const RELEASE_GRACE_MS = 5_000;

/** Pauses between fetches while the engine does not answer. */
const MIN_FETCH_BACKOFF_MS = 500;
const MAX_FETCH_BACKOFF_MS = 30_000;

/** Head room over the long poll before a request to the engine counts as hung. */
const ENGINE_REQUEST_SLACK_MS = 30_000;

export interface WorkerDependencies {

  /** Default: files, properties and environment as `createNodeSecretStore` reads them. */
  secrets?: SecretStore;

  /** Where log lines go; default stdout. */
  write?: (line: string) => void;

  /** Injected for tests and benchmarks. */
  fetch?: typeof fetch;
  execute?: (config: TaskConfig, options: ExecuteOptions) => Promise<ExecutionResult>;
}

export interface Worker {

  /** Tasks running now. */
  readonly running: number;

  /**
   * Stops fetching, lets running tasks finish for `shutdownTimeoutMs`, then cancels and
   * releases (unlocks) the rest, so another worker takes them at once. Tasks that arrive
   * from a fetch already under way are released without running; an idle worker cancels
   * its fetch (long poll) instead of waiting it out.
   */
  stop(): Promise<void>;

  /** Stops without waiting: cancels and releases running tasks now (a second SIGTERM). */
  abort(): void;
}

/** Starts fetching and running Catalyst tasks. */
export function startWorker(options: WorkerOptions, dependencies: WorkerDependencies = {}): Worker {
  const redactor = createSecretRedactor([ secretOf(options.auth) ]);
  const log = createLogger({ redactor, write: dependencies.write });
  const draining = new AbortController();
  const shutdown = new AbortController();
  const fetchCancel = new AbortController();

  // Each running task listens on these; Node warns past 10 listeners per signal.
  setMaxListeners(options.maxTasks + 10, draining.signal, shutdown.signal);

  const running = new Set<Promise<unknown>>();
  const fetches = new Set<Promise<unknown>>();
  let stopping: Promise<void> | null = null;

  const client = new Client({
    baseUrl: options.engineUrl,
    workerId: options.workerId,
    maxTasks: options.maxTasks,

    // Without it the client fetches again while earlier tasks still run, without bound.
    maxParallelExecutions: options.maxTasks,
    interval: options.pollIntervalMs,
    lockDuration: options.lockDurationMs,
    asyncResponseTimeout: options.longPollMs || undefined,
    autoPoll: false,
    interceptors: engineInterceptors(options, fetchCancel.signal)
  });

  trackFetches(client, fetches);
  const engineState = watchEngine(client, log, options.pollIntervalMs, draining.signal);
  const heartbeat = options.healthFile ? startHeartbeat(options.healthFile, engineState, log) : null;

  const context = {
    secrets: dependencies.secrets ?? createNodeSecretStore({ secretsFile: options.secretsFile, secretsDir: options.secretsDir }),
    log,
    redactor,
    lockDurationMs: options.lockDurationMs,
    engineRetries: options.engineRetries,
    retryTimeouts: options.retryTimeouts,
    stringRule: options.stringRule,
    trustedHosts: options.trustedHosts,
    lintedPayloads: new Set<string>(),
    draining: draining.signal,
    shutdown: shutdown.signal,
    fetch: dependencies.fetch,
    execute: dependencies.execute
  };

  // Tasks this worker is running, by id. A lock that ran out during an engine outage can
  // hand this worker a task it is still running: the engine then counts the new lock as
  // this worker's, and the running call reports the outcome; a second call would ask the
  // provider again for the same answer.
  const runningIds = new Set<string>();

  client.subscribe(CATALYST_TOPIC, { lockDuration: options.lockDurationMs, includeExtensionProperties: true }, async ({ task, taskService }) => {
    if (runningIds.has(task.id)) {
      log.info('task.already-running', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId });

      return;
    }

    runningIds.add(task.id);
    const handled = handleTask(task, taskService, context);
    running.add(handled);

    try {
      await handled;
    } finally {
      running.delete(handled);
      runningIds.delete(task.id);
    }
  });

  client.start();
  log.info('worker.started', {
    engineUrl: options.engineUrl,
    workerId: options.workerId,
    topic: CATALYST_TOPIC,
    maxTasks: options.maxTasks,
    lockDurationMs: options.lockDurationMs,
    engineRetries: options.engineRetries,
    engineRetryTimeoutMs: (options.retryTimeouts ?? DEFAULT_RETRY_TIMEOUTS).baseMs,
    stringLimit: (options.stringRule ?? DEFAULT_STRING_RULE).limit,
    longValues: (options.stringRule ?? DEFAULT_STRING_RULE).longValues
  });

  const stop = () => {
    stopping ??= drain();

    return stopping;
  };
  const abort = () => {
    shutdown.abort();
    void stop();
  };

  async function drain(): Promise<void> {
    log.info('worker.stopping', { running: running.size, shutdownTimeoutMs: options.shutdownTimeoutMs });
    client.stop();
    draining.abort();

    // An idle worker's only business is its fetch waiting at the engine (a long poll), which
    // would hold the stop for the whole poll; cancel it. With tasks running, the fetch may
    // still bring tasks, which are released as they arrive.
    if (!running.size) {
      fetchCancel.abort();
    }

    const finished = await idleWithin(options.shutdownTimeoutMs, shutdown.signal, fetches);

    if (!finished) {
      log.warn('worker.releasing', { running: running.size });
      abort();
      await idleWithin(RELEASE_GRACE_MS);

      // A long poll still waiting at the engine would keep the process alive for its
      // whole duration; nothing is running any more that could take its tasks.
      fetchCancel.abort();
    }

    heartbeat?.stop();
    log.info('worker.stopped', { unfinished: running.size });
  }

  /**
   * Waits until no task runs (and no fetch in `alsoFetches` is under way), again after each
   * round: a fetch that ends hands over tasks, which are released at once.
   */
  async function idleWithin(ms: number, cut?: AbortSignal, alsoFetches = new Set<Promise<unknown>>()): Promise<boolean> {
    const deadline = Date.now() + ms;

    while (running.size || alsoFetches.size) {
      if (!await settleWithin([ ...running, ...alsoFetches ], deadline - Date.now(), cut)) {
        return false;
      }

      // The client dispatches a fetch's tasks just after the fetch settles.
      await new Promise(resolve => setImmediate(resolve));
    }

    return true;
  }

  return {
    get running() {
      return running.size;
    },
    stop,
    abort
  };
}

/**
 * Request options for every call to the engine: a timeout (got waits forever by default,
 * and a hung connection would stall fetching for good), the cancel signal on fetches
 * (recognised by their `topics`), and the engine's auth.
 */
function engineInterceptors(options: WorkerOptions, fetchCancel: AbortSignal): Interceptor[] {
  const common: Interceptor = config => ({
    ...config,
    timeout: { request: options.longPollMs + ENGINE_REQUEST_SLACK_MS },
    ...(isFetch(config) ? { signal: fetchCancel } : {})
  });
  const { auth } = options;

  if (auth.type === 'basic') {
    return [ common, new BasicAuthInterceptor({ username: auth.username, password: auth.password }) ];
  }

  if (auth.type === 'bearer') {
    return [ common, config => ({ ...config, headers: { ...config.headers, Authorization: `Bearer ${auth.token}` } }) ];
  }

  return [ common ];
}

function isFetch(config: { json?: unknown }): boolean {
  return typeof config.json === 'object' && config.json !== null && 'topics' in config.json;
}

function secretOf(auth: EngineAuth): string | null {
  return auth.type === 'basic' ? auth.password : auth.type === 'bearer' ? auth.token : null;
}

/**
 * Remembers fetches under way, so a stopping worker waits for them and releases the
 * tasks they bring instead of leaving them locked until their lock runs out. The client
 * offers no event for this, so its engine service's fetchAndLock is wrapped.
 */
function trackFetches(client: Client, fetches: Set<Promise<unknown>>): void {
  const engine = (client as unknown as { engineService: { fetchAndLock(body: unknown): Promise<unknown> } }).engineService;
  const fetchAndLock = engine.fetchAndLock;

  engine.fetchAndLock = body => {
    const fetched = fetchAndLock(body);
    const settled = fetched.then(() => undefined, () => undefined);

    fetches.add(settled);
    settled.then(() => fetches.delete(settled));

    return fetched;
  };
}

/**
 * Logs when the engine stops answering and when it answers again, not every failed
 * fetch; and while it does not answer, doubles the pause between fetches (up to
 * {@link MAX_FETCH_BACKOFF_MS}) so a fleet of workers does not hammer an engine that is
 * starting up. The client reads its `options.interval` before each fetch.
 */
function watchEngine(client: Client, log: Logger, pollIntervalMs: number, draining: AbortSignal): EngineState {
  const options = (client as unknown as { options: { interval: number } }).options;
  let lastError: string | null = null;
  let failingSince: number | null = null;

  client.on('poll:error', (error: unknown) => {

    // In words: the client library's own text for an engine 401 is `Error: ; Type: undefined`.
    const message = describeEngineError(error);

    // A fetch cancelled on the way out is not the engine's fault.
    if (draining.aborted) {
      return;
    }

    if (message !== lastError) {
      log.error('engine.fetch-failed', { error: message });
      lastError = message;
    }

    failingSince ??= Date.now();

    options.interval = Math.min(Math.max(options.interval * 2, MIN_FETCH_BACKOFF_MS), MAX_FETCH_BACKOFF_MS);
  });

  client.on('poll:success', () => {
    if (lastError) {
      log.info('engine.fetch-recovered');
      lastError = null;
    }

    failingSince = null;
    options.interval = pollIntervalMs;
  });

  return { failingSince: () => failingSince };
}

/** What the worker knows of the engine: since when its fetches fail (null: they pass). */
interface EngineState {
  failingSince(): number | null;
}

/** How often the health file is written. */
const HEARTBEAT_INTERVAL_MS = 10_000;

/** How long the engine may refuse fetches before the worker stops saying it is healthy. */
const UNHEALTHY_AFTER_MS = 60_000;

/**
 * Writes the time to `file` every {@link HEARTBEAT_INTERVAL_MS} while the worker runs and
 * its fetches reach the engine (or have failed for less than {@link UNHEALTHY_AFTER_MS}), so
 * a container health check that reads the file's age sees a hung process and a worker cut
 * off from its engine. A worker busy with all its slots fetches nothing and stays healthy.
 */
function startHeartbeat(file: string, engine: EngineState, log: Logger): { stop(): void } {
  let warned = false;

  const beat = () => {
    const failingSince = engine.failingSince();

    if (failingSince !== null && Date.now() - failingSince > UNHEALTHY_AFTER_MS) {
      return;
    }

    try {
      writeFileSync(file, `${new Date().toISOString()}\n`);
      warned = false;
    } catch (error) {
      if (!warned) {
        log.error('worker.health-file-failed', { file, error: error instanceof Error ? error.message : String(error) });
        warned = true;
      }
    }
  };

  beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      rmSync(file, { force: true });
    }
  };
}

/** True when all settle within `ms`; false on timeout or when `cut` aborts first. */
async function settleWithin(work: Array<Promise<unknown>>, ms: number, cut?: AbortSignal): Promise<boolean> {
  if (cut?.aborted) {
    return false;
  }

  let timer: NodeJS.Timeout | undefined;
  let onCut: (() => void) | undefined;

  const late = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
    onCut = () => resolve(false);
    cut?.addEventListener('abort', onCut);
  });

  try {
    return await Promise.race([ Promise.allSettled(work).then(() => true), late ]);
  } finally {
    clearTimeout(timer);
    cut?.removeEventListener('abort', onCut!);
  }
}

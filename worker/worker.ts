/**
 * The worker process: fetches tasks of topic `catalyst` from the engine, runs each through
 * the handler, and stops gracefully. It drives fetchAndLock itself (worker/engine-client.ts):
 * a fetch asks for exactly the free slots and goes out the moment a slot frees, so
 * `--max-tasks` slots stay full while the engine has work, without waves.
 */
import { setMaxListeners } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';

import { createNodeSecretStore } from '../runtime/node/secret-store';
import type { ExecuteOptions, ExecutionResult, SecretStore, TaskConfig } from '../runtime/types';

import { createEngineClient, fromRestVariables } from './engine-client';
import type { LockedTask } from './engine-client';
import { describeEngineError } from './engine-errors';
import { handleTask } from './handler';
import type { TaskHandlerContext, TaskReporter } from './handler';
import { createAgents, createKeepAliveFetch } from './http';
import { DEFAULT_RETRY_TIMEOUTS } from './report';
import { DEFAULT_STRING_RULE } from './variables';
import { createLogger, createSecretRedactor } from './log';
import type { Logger } from './log';
import type { EngineAuth, WorkerOptions } from './options';

/** The topic every Catalyst task uses (design §2). */
const CATALYST_TOPIC = 'catalyst';

/** Time a released task's call gets to notice the abort and unlock before stop() returns. */
const RELEASE_GRACE_MS = 5_000;

/** How long a stopping worker's poll may take to hand back a task the worker just released. */
const RETURNED_TASK_WAIT_MS = 500;

/** Pauses between fetches while the engine does not answer. */
const MIN_FETCH_BACKOFF_MS = 500;
const MAX_FETCH_BACKOFF_MS = 30_000;

/**
 * Most connections to the engine. Reports take the engine a moment each, so a few
 * connections carry hundreds of tasks a second; without a cap a burst of completions would
 * open one each. (A provider call holds its connection for the whole call: those are not capped.)
 */
const ENGINE_SOCKETS = 32;

/** Head room over the long poll before a request to the engine counts as hung. */
const ENGINE_REQUEST_SLACK_MS = 30_000;

export interface WorkerDependencies {

  /** Default: files, properties and environment as `createNodeSecretStore` reads them. */
  secrets?: SecretStore;

  /** Where log lines go; default stdout. */
  write?: (line: string) => void;

  /** The provider calls; default the worker's keep-alive client (worker/http.ts). Injected for tests and benchmarks. */
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

/** A task this worker is handling: when that ends, and whether the task was given back meanwhile. */
interface Handling {
  ended: Promise<unknown>;
  givenBack: boolean;
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

  const engineAgents = createAgents(ENGINE_SOCKETS);
  const providerAgents = createAgents();
  const engine = createEngineClient({
    engineUrl: options.engineUrl,
    workerId: options.workerId,
    auth: options.auth,
    agents: engineAgents,
    requestTimeoutMs: options.longPollMs + ENGINE_REQUEST_SLACK_MS
  });

  // Every task this worker holds, from its fetch until the engine took its outcome.
  const running = new Set<Promise<unknown>>();

  // Of those, the ones whose provider call has not ended: what `--max-tasks` limits.
  let calling = 0;
  let fetching: Promise<void> | null = null;
  let pause: NodeJS.Timeout | null = null;
  let stopping: Promise<void> | null = null;
  let backoffMs = 0;

  const engineState = watchEngine(log, draining.signal);
  const heartbeat = options.healthFile ? startHeartbeat(options.healthFile, engineState, log) : null;

  const context: TaskHandlerContext = {
    secrets: dependencies.secrets ?? createNodeSecretStore({ secretsFile: options.secretsFile, secretsDir: options.secretsDir }),
    log,
    redactor,
    lockDurationMs: options.lockDurationMs,
    engineRetries: options.engineRetries,
    retryTimeouts: options.retryTimeouts,
    stringRule: options.stringRule,
    trustedHosts: options.trustedHosts,
    configs: new Map(),
    draining: draining.signal,
    shutdown: shutdown.signal,
    fetch: dependencies.fetch ?? createKeepAliveFetch(providerAgents),
    execute: dependencies.execute
  };

  // The tasks this worker is handling, by id. The engine can hand this worker a task it
  // holds already: after a lock ran out during an engine outage (the new lock counts as this
  // worker's, and the running call reports the outcome; a second call would ask the provider
  // again for the same answer), or right after this worker gave the task back (an unlock at
  // shutdown, a failure with no wait before the retry), to its fetch still waiting at the
  // engine, before the engine's answer to that report arrived: nobody else would take that
  // copy, so it is taken as a task of its own once the handling before it has ended.
  const handling = new Map<string, Handling>();

  /**
   * Sends a fetch for the free slots unless one is under way or the worker pauses (an empty
   * answer, an engine that does not answer). Called whenever a slot frees, so the engine is
   * asked at once; one fetch at a time gathers the slots that free while it is under way.
   */
  const fill = () => {

    // A slot is the provider call's: it goes to the next task as soon as the call ends, while
    // the outcome is still on its way to the engine. Outcomes under way may number as many
    // again, so an engine slow to take them holds the worker back instead of piling them up.
    const free = Math.min(options.maxTasks - calling, 2 * options.maxTasks - running.size);

    if (fetching || pause || free <= 0 || draining.signal.aborted) {
      return;
    }

    fetching = fetchFor(free).then(pauseMs => {
      fetching = null;

      if (pauseMs === null) {
        fill();
      } else if (!draining.signal.aborted) {
        pause = setTimeout(() => {
          pause = null;
          fill();
        }, pauseMs);
      }
    });
  };

  /** Fetches and starts what comes; resolves with the pause before the next fetch (null: none). */
  async function fetchFor(free: number): Promise<number | null> {
    let tasks: LockedTask[];

    try {
      tasks = await engine.fetchAndLock({
        maxTasks: free,
        topicName: CATALYST_TOPIC,
        lockDurationMs: options.lockDurationMs,
        asyncResponseTimeoutMs: options.longPollMs
      }, fetchCancel.signal);
    } catch (error) {
      if (draining.signal.aborted) {
        return null;
      }

      engineState.failed(error);

      // While the engine does not answer, each pause doubles (up to the cap), so a fleet of
      // workers does not hammer an engine that is starting up.
      backoffMs = Math.min(Math.max(backoffMs * 2, MIN_FETCH_BACKOFF_MS, options.pollIntervalMs), MAX_FETCH_BACKOFF_MS);

      return backoffMs;
    }

    engineState.answered();
    backoffMs = 0;

    // Run what came before anything else, including a worker that started stopping meanwhile:
    // the handler releases such tasks at once.
    tasks.forEach(run);

    // An empty answer: the long poll ended (or, without one, the engine had nothing).
    return tasks.length ? null : options.pollIntervalMs;
  }

  function run(task: LockedTask): void {
    const earlier = handling.get(task.id);

    if (earlier && !earlier.givenBack) {
      log.info('task.already-running', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId });

      return;
    }

    if (earlier) {
      log.info('task.handed-back', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId });

      // counted as running meanwhile, so stop() waits for it (and releases it, unrun)
      const next = earlier.ended.then(() => run(task)).finally(() => running.delete(next));

      running.add(next);

      return;
    }

    // `ended` is the handling below, once it has begun
    const current: Handling = { ended: Promise.resolve(), givenBack: false };

    calling++;

    let inCall = true;
    const endCall = (): boolean => {
      const ended = inCall;

      if (inCall) {
        inCall = false;
        calling--;
      }

      return ended;
    };

    const handled = handleTask({
      id: task.id,
      retries: task.retries,
      processInstanceId: task.processInstanceId,
      activityId: task.activityId,
      extensionProperties: task.extensionProperties,
      variables: { getAllTyped: () => fromRestVariables(task.variables) }
    }, givingBack(current), context, () => {
      if (endCall()) {
        fill();
      }
    }).catch((error: unknown) => {

      // handleTask turns every problem into a report or a log line; should one still escape,
      // it must not bring the worker down (an unhandled rejection would).
      log.error('task.report-failed', { taskId: task.id, error: error instanceof Error ? error.message : String(error) });
    }).finally(() => {
      running.delete(handled);
      handling.delete(task.id);

      // a task that never got to its call (a bad configuration, a release) frees its slot here
      endCall();
      fill();
    });

    current.ended = handled;
    handling.set(task.id, current);
    running.add(handled);
  }

  /**
   * The engine client for one task's reports, noting when the task is given back: from the
   * moment an unlock or a failure report leaves, the engine may hand the task out again.
   * (Sent, not answered: the copy can arrive before the answer does. A copy from a lock that
   * ran out does not come after that: the lock is extended until the outcome is reported,
   * and an engine that answers fetches takes extensions too.)
   */
  function givingBack(current: Handling): TaskReporter {
    const givenBack = () => {
      current.givenBack = true;
    };

    return {
      complete: (task, variables) => engine.complete(task, variables),
      handleBpmnError: (task, errorCode, errorMessage, variables) => engine.handleBpmnError(task, errorCode, errorMessage, variables),
      extendLock: (task, newDurationMs) => engine.extendLock(task, newDurationMs),
      handleFailure: (task, options) => {
        givenBack();

        return engine.handleFailure(task, options);
      },
      unlock: task => {
        givenBack();

        return engine.unlock(task);
      }
    };
  }

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
  fill();

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
    draining.abort();
    clearTimeout(pause ?? undefined);
    pause = null;

    // An idle worker's only business is its fetch waiting at the engine (a long poll), which
    // would hold the stop for the whole poll; cancel it. With tasks running, the fetch may
    // still bring tasks, which are released as they arrive.
    if (!running.size) {
      fetchCancel.abort();
    }

    const finished = await idleWithin(options.shutdownTimeoutMs, shutdown.signal, true);

    if (!finished) {
      log.warn('worker.releasing', { running: running.size });
      abort();
      await idleWithin(RELEASE_GRACE_MS);

      // The engine offers a released task to a poll waiting at it at once, and this worker's
      // may be the one: a fetch cancelled then would leave the task locked to nobody until
      // its lock ran out. Give the poll a moment, and release what it brings.
      await idleWithin(RETURNED_TASK_WAIT_MS, undefined, true);

      // A long poll still waiting at the engine would keep the process alive for its
      // whole duration; nothing is running any more that could take its tasks.
      fetchCancel.abort();

      // an answer that was already on its way still hands over tasks: released as well
      await idleWithin(RELEASE_GRACE_MS, undefined, true);
    }

    heartbeat?.stop();
    engineAgents.destroy();
    providerAgents.destroy();
    log.info('worker.stopped', { unfinished: running.size });
  }

  /**
   * Waits until no task runs (and, with `andFetch`, no fetch is under way), again after each
   * round: a fetch that ends hands over tasks, which are released at once.
   */
  async function idleWithin(ms: number, cut?: AbortSignal, andFetch = false): Promise<boolean> {
    const deadline = Date.now() + ms;

    while (running.size || (andFetch && fetching)) {
      const work: Array<Promise<unknown>> = [ ...running ];

      if (andFetch && fetching) {
        work.push(fetching);
      }

      if (!await settleWithin(work, deadline - Date.now(), cut)) {
        return false;
      }
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

function secretOf(auth: EngineAuth): string | null {
  return auth.type === 'basic' ? auth.password : auth.type === 'bearer' ? auth.token : null;
}

/**
 * Logs when the engine stops answering and when it answers again, not every failed fetch,
 * and remembers since when it fails (the health file's rule).
 */
function watchEngine(log: Logger, draining: AbortSignal): EngineState {
  let lastError: string | null = null;
  let failingSince: number | null = null;

  return {
    failed(error) {

      // A fetch cancelled on the way out is not the engine's fault.
      if (draining.aborted) {
        return;
      }

      // In words: an engine 401 has no body to quote.
      const message = describeEngineError(error);

      if (message !== lastError) {
        log.error('engine.fetch-failed', { error: message });
        lastError = message;
      }

      failingSince ??= Date.now();
    },
    answered() {
      if (lastError) {
        log.info('engine.fetch-recovered');
        lastError = null;
      }

      failingSince = null;
    },
    failingSince: () => failingSince
  };
}

/** What the worker knows of the engine: since when its fetches fail (null: they pass). */
interface EngineState {
  failed(error: unknown): void;
  answered(): void;
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

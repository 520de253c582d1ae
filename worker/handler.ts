/**
 * One external task through the runtime: read its configuration and variables, run the
 * call, and report the outcome to the engine the way design §5 says (worker/report.ts sends
 * it). Never throws: a bad task becomes a failure the engine records, a report the engine
 * refuses is sent again or turned into a failure naming the cause, and one the engine cannot
 * take at all is logged, so one task can never bring the worker down.
 */
import { CatalystError, messageOf } from '../runtime/errors';
import { checkTaskConfig, readTaskConfig } from '../runtime/config';
import { executeTask } from '../runtime/execute';
import type { ExecuteOptions, ExecutionResult, SecretStore, TaskConfig, TaskProperties } from '../runtime/types';

import type { LockedTask, TaskReporter, TypedValue } from './engine-client';
import { describeEngineError } from './engine-errors';
import { LINTED_CAPACITY, logTaskLint } from './lint-log';
import { startLockExtension } from './lock';
import type { Logger, SecretRedactor } from './log';
import { engineRetryTimeout, nextRetries, release, reportFailure, reportWithValues } from './report';
import type { ReportTiming, RetryTimeouts } from './report';
import { fromEngineVariables } from './variables';
import type { StringRule } from './variables';

export { engineRetryTimeout, nextRetries } from './report';

/**
 * What the worker did with a task. `released`: handed back unfinished (shutdown). `gone`:
 * the task is no longer this worker's (another worker locked it, or it no longer exists), so
 * nothing was reported against it. `unreported`: the engine could not be reached (or refused
 * the worker's credentials) for as long as the report was tried; the task comes back when its
 * lock runs out.
 */
export type TaskDisposition = 'complete' | 'bpmnError' | 'failure' | 'released' | 'gone' | 'unreported';

export type { TaskReporter } from './engine-client';

/** The slice of a task a handler reads; its variables are read only when it runs. */
export type TaskInput = Pick<LockedTask, 'id' | 'retries' | 'extensionProperties' | 'processInstanceId' | 'activityId'> & {
  variables: { getAllTyped(): Record<string, TypedValue | null> };
};

export interface TaskHandlerContext {
  secrets: SecretStore;
  log: Logger;

  /** Learns every secret value a task reads, and cleans what goes to the engine and the log. */
  redactor: SecretRedactor;
  lockDurationMs: number;
  engineRetries: number;

  /** The engine's retry waits; default 30 s doubling up to 10 minutes. */
  retryTimeouts?: RetryTimeouts;

  /** How strings are stored; default 4,000 characters, longer as Json. */
  stringRule?: StringRule;

  /** How a report is sent again after a transient refusal; default 0.5 s doubling, for one lock duration. */
  reportTiming?: Partial<ReportTiming>;

  /** Aborted when the worker stops fetching: a task that has not started yet is released. */
  draining?: AbortSignal;

  /** Aborted when the worker will not wait any longer: a running call is cancelled and released. */
  shutdown?: AbortSignal;

  /**
   * Task configurations read so far, by their properties (worker-wide): each distinct one is
   * read and its lint logged once, not for every task; without it, every task does both.
   */
  configs?: Map<string, TaskConfig>;

  /** The optional allowlist of the trust rule (WorkerOptions.trustedHosts); absent: no check. */
  trustedHosts?: ExecuteOptions['trustedHosts'];

  /** Injected for tests and benchmarks. */
  fetch?: typeof fetch;
  execute?: (config: TaskConfig, options: ExecuteOptions) => Promise<ExecutionResult>;
}

/**
 * Runs one task and reports the outcome: complete with the variables, BPMN error with
 * code, message and the standard variables, failure with a message, the remaining
 * engine retries and a retry timeout, or (on shutdown) unlock. The disposition says what
 * the engine took, not what was tried.
 *
 * @param onCallSettled told once the provider call has ended, before the outcome is
 *   reported (the worker gives the task's slot to the next task then)
 */
export async function handleTask(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, onCallSettled?: () => void): Promise<TaskDisposition> {
  const { log } = context;
  const where = { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId };
  const started = performance.now();

  if (context.draining?.aborted || context.shutdown?.aborted) {
    return release(task, reporter, context, 'the worker is stopping');
  }

  let disposition: TaskDisposition;

  try {
    disposition = await run(task, reporter, context, onCallSettled);
  } catch (error) {
    disposition = await reportFailure(task, reporter, context, {
      errorMessage: `catalyst worker: ${messageOf(error)}`,
      errorDetails: detailsOf(error),
      retries: nextRetries(task.retries, context.engineRetries),
      retryTimeout: engineRetryTimeout(task.retries, context.engineRetries, context.retryTimeouts)
    });
  }

  log.info('task.done', { ...where, disposition, ms: Math.round(performance.now() - started) });

  return disposition;
}

async function run(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, onCallSettled?: () => void): Promise<TaskDisposition> {
  const { redactor } = context;
  const setup = prepare(task, context);

  if ('problem' in setup) {

    // design §5.5: every failure goes through the engine's retries, then an incident that
    // shows the message naming the property; an operator who fixes the diagram or the
    // secret in the meantime sees the task recover on its own.
    return reportFailure(task, reporter, context, {
      errorMessage: setup.problem,
      retries: nextRetries(task.retries, context.engineRetries),
      retryTimeout: engineRetryTimeout(task.retries, context.engineRetries, context.retryTimeouts)
    });
  }

  const { config, variables } = setup;

  const abort = new AbortController();
  const onShutdown = () => abort.abort();
  context.shutdown?.addEventListener('abort', onShutdown);

  let lost = false;
  const lock = startLockExtension({
    lockDurationMs: context.lockDurationMs,
    extend: ms => reporter.extendLock(task, ms),
    onError: (error, gone) => {
      context.log.warn('task.lock-extension-failed', { taskId: task.id, lost: gone, error: describeEngineError(error) });

      // Nobody could receive the result any more; stop spending tokens on it.
      if (gone) {
        lost = true;
        abort.abort();
      }
    }
  });

  // The lock is kept alive until the outcome is reported, however long the engine takes
  // to take it.
  try {
    let result: ExecutionResult;

    try {
      result = await (context.execute ?? executeTask)(config, {
        variables,
        secrets: recordingStore(context.secrets, redactor),
        signal: abort.signal,
        trustedHosts: context.trustedHosts,
        fetch: context.fetch
      });
    } finally {
      context.shutdown?.removeEventListener('abort', onShutdown);
      onCallSettled?.();
    }

    // Another worker holds the task, or it no longer exists: whatever this call brought,
    // nothing may be reported against it.
    if (lost) {
      context.log.warn('task.gone', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId, report: 'none' });

      return 'gone';
    }

    // An answer that made it in before the cut is still reported; only a cancelled call is
    // handed back for another worker to run.
    if (context.shutdown?.aborted && result.outcome === 'failure') {
      return await release(task, reporter, context, 'the worker stopped before the call finished');
    }

    return await report(task, reporter, context, result);
  } finally {
    lock.stop();
  }
}

type Prepared = { config: TaskConfig; variables: Record<string, unknown> } | { problem: string };

function prepare(task: TaskInput, context: TaskHandlerContext): Prepared {
  const { redactor } = context;
  const properties = task.extensionProperties ?? {};
  const key = context.configs ? JSON.stringify(properties) : '';
  let config = context.configs?.get(key);
  let variables: Record<string, unknown>;

  if (!config) {
    try {
      config = readTaskConfig(properties);
    } catch (error) {
      if (error instanceof CatalystError) {
        return { problem: `catalyst task configuration: ${describeProblems(properties, error)}` };
      }

      throw error;
    }

    logTaskLint(properties, context.log, { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId });
    remember(context.configs, key, config);
  }

  try {
    variables = fromEngineVariables(task.variables.getAllTyped());
  } catch (error) {
    return { problem: `catalyst task variables: a process variable cannot be read (${messageOf(error)})` };
  }

  if (config.secretSource === 'variable') {
    redactor.add(variableSecret(config.secretName, variables));
  }

  return { config, variables };
}

/** Keeps a configuration read; past {@link LINTED_CAPACITY} the memory starts over (and logs the lint again). */
function remember(configs: Map<string, TaskConfig> | undefined, key: string, config: TaskConfig): void {
  if (!configs) {
    return;
  }

  if (configs.size >= LINTED_CAPACITY) {
    configs.clear();
  }

  configs.set(key, config);
}

/** Every broken property at once, so an operator fixes the task in one go. */
function describeProblems(properties: TaskProperties, error: CatalystError): string {
  const problems = checkTaskConfig(properties);

  return problems.length
    ? problems.map(({ property, message }) => `${property}: ${message}`).join('; ')
    : error.message;
}

/**
 * The value a `variable` secret reference resolves to, so the redactor knows it before
 * any output. A literal (`ollama`) is already in the BPMN and, like the runtime, is not
 * hidden: it would only garble answers that mention the word.
 */
function variableSecret(secretName: string, variables: Record<string, unknown>): string | null {
  const reference = /^\$\{\s*([A-Za-z_$][\w$]*)\s*\}$/.exec(secretName.trim());

  if (!reference) {
    return null;
  }

  const value = variables[reference[1]];

  return typeof value === 'string' ? value : null;
}

/** A secret store that tells the redactor each value it hands out. */
function recordingStore(store: SecretStore, redactor: SecretRedactor): SecretStore {
  return {
    locate: (source, name) => store.locate(source, name),
    async read(source, name) {
      const value = await store.read(source, name);
      redactor.add(value);

      return value;
    }
  };
}

async function report(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, result: ExecutionResult): Promise<TaskDisposition> {
  const { log, redactor } = context;
  const values = cleanVariables(result.variables, redactor);

  // A mapping path that found nothing leaves its variable null (design §5.3); the log is the
  // only place an operator can learn why.
  for (const warning of result.warnings) {
    log.warn('task.warning', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId, warning });
  }

  if (result.outcome === 'complete') {
    return reportWithValues(task, reporter, context, 'complete', values, variables => reporter.complete(task, variables));
  }

  if (result.outcome === 'bpmnError' && result.bpmnError) {
    const { code, message } = result.bpmnError;

    log.info('task.bpmn-error', { taskId: task.id, code, statusCode: result.statusCode });

    return reportWithValues(task, reporter, context, 'bpmnError', values,
      variables => reporter.handleBpmnError(task, code, redactor.redact(message), variables));
  }

  // The engine retries after the runtime's backoff, or longer as the engine's own wait grows
  // with each failure it counted, so its retries span an outage of minutes; then it raises
  // an incident (design §5.5).
  return reportFailure(task, reporter, context, {
    errorMessage: result.error ?? `the call failed with HTTP ${result.statusCode}`,
    errorDetails: describeAttempts(result),
    retries: nextRetries(task.retries, context.engineRetries),
    retryTimeout: Math.max(result.retryTimeoutMs ?? 0, engineRetryTimeout(task.retries, context.engineRetries, context.retryTimeouts))
  });
}

function cleanVariables(variables: Record<string, unknown>, redactor: SecretRedactor): Record<string, unknown> {
  const clean: Record<string, unknown> = {};

  for (const name of Object.keys(variables)) {
    const value = variables[name];

    clean[name] = typeof value === 'string' ? redactor.redact(value) : value;
  }

  return clean;
}

function describeAttempts(result: ExecutionResult): string {
  const lines = result.attempts.map((attempt, index) =>
    `attempt ${index + 1}: ${attempt.statusCode ?? 'no response'} after ${Math.round(attempt.ms)} ms` +
    (attempt.waitedMs ? ` (waited ${Math.round(attempt.waitedMs)} ms)` : '') +
    (attempt.error ? `: ${attempt.error}` : '')
  );

  return [ result.error ?? '', ...lines ].filter(Boolean).join('\n');
}

function detailsOf(error: unknown): string | undefined {
  return error instanceof Error && !(error instanceof CatalystError) ? error.stack : undefined;
}

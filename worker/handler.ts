/**
 * One external task through the runtime: read its configuration and variables, run the
 * call, and report the outcome to the engine the way design §5 says. Never throws: a bad
 * task becomes a failure the engine records, and an engine that refuses the report is
 * logged, so one task can never bring the worker down.
 */
import { Variables } from 'camunda-external-task-client-js';
import type { HandleFailureOptions, Task, TaskService } from 'camunda-external-task-client-js';

import { CatalystError, messageOf } from '../runtime/errors';
import { checkTaskConfig, readTaskConfig } from '../runtime/config';
import { executeTask } from '../runtime/execute';
import type { ExecuteOptions, ExecutionResult, SecretStore, TaskConfig, TaskProperties } from '../runtime/types';

import { logTaskLint } from './lint-log';
import { startLockExtension } from './lock';
import type { Logger, SecretRedactor } from './log';
import { fromEngineVariables, toEngineVariables } from './variables';

/** What the worker did with a task. `released`: handed back unfinished (shutdown). */
export type TaskDisposition = 'complete' | 'bpmnError' | 'failure' | 'released';

/** The slice of the client's TaskService a handler uses (a fake one in tests). */
export type TaskReporter = Pick<TaskService, 'complete' | 'handleFailure' | 'handleBpmnError' | 'extendLock' | 'unlock'>;

/** The slice of a task a handler reads. */
export type TaskInput = Pick<Task, 'id' | 'retries' | 'extensionProperties' | 'processInstanceId' | 'activityId'> & {
  variables: Pick<Variables, 'getAllTyped'>;
};

export interface TaskHandlerContext {
  secrets: SecretStore;
  log: Logger;

  /** Learns every secret value a task reads, and cleans what goes to the engine and the log. */
  redactor: SecretRedactor;
  lockDurationMs: number;
  engineRetries: number;

  /** Aborted when the worker stops fetching: a task that has not started yet is released. */
  draining?: AbortSignal;

  /** Aborted when the worker will not wait any longer: a running call is cancelled and released. */
  shutdown?: AbortSignal;

  /** Task configurations whose payload lint is logged already (worker-wide); without it, every task logs it. */
  lintedPayloads?: Set<string>;

  /** Injected for tests and benchmarks. */
  fetch?: typeof fetch;
  execute?: (config: TaskConfig, options: ExecuteOptions) => Promise<ExecutionResult>;
}

/**
 * Engine-level retry wait when the runtime gives none: doubles with each failure the
 * engine has counted, as the runtime's own backoff does between attempts.
 */
export const ENGINE_RETRY_BASE_MS = 10_000;
export const ENGINE_RETRY_MAX_MS = 600_000;

/** Longest error message sent; the engine cuts its column at 666 characters anyway. */
const ERROR_MESSAGE_LIMIT = 666;

/**
 * Runs one task and reports the outcome: complete with the variables, BPMN error with
 * code, message and the standard variables, failure with a message, the remaining
 * engine retries and a retry timeout, or (on shutdown) unlock.
 */
export async function handleTask(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext): Promise<TaskDisposition> {
  const { log } = context;
  const where = { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId };
  const started = performance.now();

  if (context.draining?.aborted || context.shutdown?.aborted) {
    return release(task, reporter, context, 'the worker is stopping');
  }

  let disposition: TaskDisposition;

  try {
    disposition = await run(task, reporter, context);
  } catch (error) {
    disposition = 'failure';
    await reportFailure(task, reporter, context, {
      errorMessage: `catalyst worker: ${messageOf(error)}`,
      errorDetails: detailsOf(error),
      retries: nextRetries(task.retries, context.engineRetries),
      retryTimeout: engineRetryTimeout(task.retries, context.engineRetries)
    });
  }

  log.info('task.done', { ...where, disposition, ms: Math.round(performance.now() - started) });

  return disposition;
}

async function run(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext): Promise<TaskDisposition> {
  const { redactor } = context;
  const setup = prepare(task, redactor);

  if ('problem' in setup) {

    // design §5.5: every failure goes through the engine's retries, then an incident that
    // shows the message naming the property; an operator who fixes the diagram or the
    // secret in the meantime sees the task recover on its own.
    await reportFailure(task, reporter, context, {
      errorMessage: setup.problem,
      retries: nextRetries(task.retries, context.engineRetries),
      retryTimeout: engineRetryTimeout(task.retries, context.engineRetries)
    });

    return 'failure';
  }

  const { config, variables } = setup;

  logTaskLint(task.extensionProperties ?? {}, context.log, { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId }, context.lintedPayloads);

  const abort = new AbortController();
  const onShutdown = () => abort.abort();
  context.shutdown?.addEventListener('abort', onShutdown);

  const lock = startLockExtension({
    lockDurationMs: context.lockDurationMs,
    extend: ms => reporter.extendLock(task, ms),
    onError: (error, lost) => {
      context.log.warn('task.lock-extension-failed', { taskId: task.id, lost, error: messageOf(error) });

      // Nobody could receive the result any more; stop spending tokens on it.
      if (lost) {
        abort.abort();
      }
    }
  });

  let result: ExecutionResult;

  try {
    result = await (context.execute ?? executeTask)(config, {
      variables,
      secrets: recordingStore(context.secrets, redactor),
      signal: abort.signal,
      fetch: context.fetch
    });
  } finally {
    lock.stop();
    context.shutdown?.removeEventListener('abort', onShutdown);
  }

  // An answer that made it in before the cut is still reported; only a cancelled call is
  // handed back for another worker to run.
  if (context.shutdown?.aborted && result.outcome === 'failure') {
    return release(task, reporter, context, 'the worker stopped before the call finished');
  }

  return report(task, reporter, context, result);
}

type Prepared = { config: TaskConfig; variables: Record<string, unknown> } | { problem: string };

function prepare(task: TaskInput, redactor: SecretRedactor): Prepared {
  let config: TaskConfig;
  let variables: Record<string, unknown>;

  const properties = task.extensionProperties ?? {};

  try {
    config = readTaskConfig(properties);
  } catch (error) {
    if (error instanceof CatalystError) {
      return { problem: `catalyst task configuration: ${describeProblems(properties, error)}` };
    }

    throw error;
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
  const variables = () => new Variables().setAllTyped(toEngineVariables(cleanVariables(result.variables, redactor), result.largeVariables));

  // A mapping path that found nothing leaves its variable null (design §5.3); the log is the
  // only place an operator can learn why.
  for (const warning of result.warnings) {
    log.warn('task.warning', { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId, warning });
  }

  if (result.outcome === 'complete') {
    await send(task, context, 'complete', () => reporter.complete(task, variables()));
  } else if (result.outcome === 'bpmnError' && result.bpmnError) {
    const { code, message } = result.bpmnError;

    log.info('task.bpmn-error', { taskId: task.id, code, statusCode: result.statusCode });
    await send(task, context, 'bpmnError', () => reporter.handleBpmnError(task, code, redactor.redact(message), variables()));
  } else {

    // The engine retries after the runtime's backoff (or its own when the runtime has no
    // advice, e.g. nothing was sent because a secret file is not mounted yet), then raises
    // an incident (design §5.5).
    await reportFailure(task, reporter, context, {
      errorMessage: result.error ?? `the call failed with HTTP ${result.statusCode}`,
      errorDetails: describeAttempts(result),
      retries: nextRetries(task.retries, context.engineRetries),
      retryTimeout: result.retryTimeoutMs ?? engineRetryTimeout(task.retries, context.engineRetries)
    });

    return 'failure';
  }

  return result.outcome;
}

function cleanVariables(variables: Record<string, unknown>, redactor: SecretRedactor): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(
    ([ name, value ]) => [ name, typeof value === 'string' ? redactor.redact(value) : value ]
  ));
}

async function reportFailure(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, failure: HandleFailureOptions): Promise<void> {
  const { redactor } = context;
  const errorMessage = redactor.redact(failure.errorMessage ?? 'failed').slice(0, ERROR_MESSAGE_LIMIT);
  const errorDetails = failure.errorDetails && redactor.redact(failure.errorDetails);

  context.log.warn('task.failure', {
    taskId: task.id,
    processInstanceId: task.processInstanceId,
    activityId: task.activityId,
    error: errorMessage,
    retries: failure.retries,
    retryTimeoutMs: failure.retryTimeout
  });

  await send(task, context, 'failure', () => reporter.handleFailure(task, { ...failure, errorMessage, errorDetails }));
}

async function release(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, reason: string): Promise<TaskDisposition> {
  context.log.info('task.released', { taskId: task.id, reason });
  await send(task, context, 'unlock', () => reporter.unlock(task));

  return 'released';
}

/** Sends one report; an engine that refuses it (lock lost, engine down) is logged, never thrown. */
async function send(task: TaskInput, context: TaskHandlerContext, what: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    context.log.error('task.report-failed', { taskId: task.id, report: what, error: messageOf(error) });
  }
}

/**
 * Retries left after this failure. The engine sends `retries: null` until a worker first
 * reports a failure, so the first failure sets the worker's budget and each later one
 * counts down; 0 raises an incident.
 */
export function nextRetries(taskRetries: number | null | undefined, engineRetries: number): number {
  if (taskRetries === null || taskRetries === undefined) {
    return engineRetries;
  }

  return Math.max(taskRetries - 1, 0);
}

/** Wait before the engine hands the task out again: doubles with each counted failure. */
export function engineRetryTimeout(taskRetries: number | null | undefined, engineRetries: number): number {
  const failuresSoFar = taskRetries === null || taskRetries === undefined ? 0 : Math.max(engineRetries - taskRetries + 1, 0);

  return Math.min(ENGINE_RETRY_BASE_MS * 2 ** failuresSoFar, ENGINE_RETRY_MAX_MS);
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

/**
 * Reports a task's outcome to the engine so that the task ends in exactly one of complete,
 * BPMN error or failure, and never comes back to call the provider again because a report
 * went missing: a report the engine could not take now (network, 5xx) is sent again with
 * backoff; a value the database refused as too long is sent once more in its long form; a
 * refusal that sending again cannot fix becomes a failure naming the cause, with no retries
 * left, so the engine raises an incident an operator can read.
 */
import type { HandleFailureOptions, TypedValue } from './engine-client';
import { columnLimitOf, classifyEngineError, describeEngineError } from './engine-errors';
import type { EngineRefusal } from './engine-errors';
import type { TaskDisposition, TaskHandlerContext, TaskInput, TaskReporter } from './handler';
import {
  DEFAULT_STRING_RULE,
  LongValueError,
  SAFE_STRING_BYTES,
  SAFE_STRING_CHARS,
  stringsOverLimit,
  toEngineVariables
} from './variables';
import type { StringRule } from './variables';

/** First wait before a report is sent again; doubles up to {@link REPORT_RETRY_MAX_MS}. */
const REPORT_RETRY_FIRST_MS = 500;
const REPORT_RETRY_MAX_MS = 10_000;

/** Longest error message sent; the engine cuts its column at 666 characters anyway. */
const ERROR_MESSAGE_LIMIT = 666;

/** How a report is sent again after a transient refusal. */
export interface ReportTiming {
  firstMs: number;
  maxMs: number;

  /**
   * How long a report keeps being sent again. The lock is kept alive meanwhile, and even a
   * lock that ran out still takes this worker's report until another worker locks the task.
   */
  windowMs: number;
}

type Delivery = { ok: true } | { ok: false; refusal: EngineRefusal; words: string };

/** The Strings a database refused as too long, and its refusal (null: none was refused). */
interface Refused {
  strings: RefusedString[];
  refusal: EngineRefusal | null;
}

/** A string the database may have refused: its name, length and UTF-8 size. */
interface RefusedString {
  name: string;
  length: number;
  bytes: number;
}

/**
 * Sends a complete or a BPMN error carrying `values`, typed by the worker's String rule.
 * When the database refuses a String as too long, the strings that may be at fault go once
 * more in the rule's long form.
 */
export async function reportWithValues(
    task: TaskInput,
    reporter: TaskReporter,
    context: TaskHandlerContext,
    what: 'complete' | 'bpmnError',
    values: Record<string, unknown>,
    send: (variables: Record<string, TypedValue>) => Promise<void>
): Promise<TaskDisposition> {
  const rule = context.stringRule ?? DEFAULT_STRING_RULE;
  let typed: Record<string, TypedValue>;

  try {
    typed = toEngineVariables(values, [], rule);
  } catch (error) {
    if (error instanceof LongValueError) {
      return reportLastingFailure(task, reporter, context, `catalyst worker: ${error.message}`);
    }

    throw error;
  }

  logTruncated(task, context, values, rule);

  let delivery = await deliver(task, context, what, () => send(typed));
  const refused: Refused = { strings: [], refusal: null };

  if (!delivery.ok && isLengthRefusal(delivery.refusal)) {
    refused.strings = refusedStrings(typed, delivery.refusal);
    refused.refusal = delivery.refusal;

    if (refused.strings.length) {
      context.log.warn('task.value-refused', {
        taskId: task.id,
        report: what,
        variables: refused.strings.map(value => value.name).join(', '),
        longValues: rule.longValues,
        error: delivery.words
      });

      try {
        typed = toEngineVariables(values, refused.strings.map(value => value.name), rule);
      } catch (error) {
        if (error instanceof LongValueError) {
          return reportLastingFailure(task, reporter, context, lengthMessage(refused.strings, delivery.refusal, rule));
        }

        throw error;
      }

      delivery = await deliver(task, context, what, () => send(typed));
    }
  }

  if (delivery.ok) {
    return what;
  }

  return afterRefusal(task, reporter, context, what, delivery, typed, refused, rule);
}

/** What a refused complete or BPMN error turns into. */
async function afterRefusal(
    task: TaskInput,
    reporter: TaskReporter,
    context: TaskHandlerContext,
    what: string,
    delivery: Extract<Delivery, { ok: false }>,
    typed: Record<string, TypedValue>,
    refused: Refused,
    rule: StringRule
): Promise<TaskDisposition> {
  const { refusal, words } = delivery;
  const sentAgain = refused.refusal !== null && refused.strings.length > 0;

  switch (refusal.kind) {
  case 'gone':
  case 'transient':
  case 'unauthorized':
    return unreported(task, context, what, delivery);
  case 'no-spin':
    return reportLastingFailure(task, reporter, context, noSpinMessage(typed, refused, refusal, rule));
  case 'too-long':
    return reportLastingFailure(task, reporter, context, sentAgain
      ? lengthMessage(refused.strings, refused.refusal!, rule)
      : `catalyst worker: the engine refused the ${inWords(what)} as too long for its database (${words})`);
  case 'persistence':

    // Nothing long was sent: the database may be the one at fault, and may recover.
    if (!sentAgain) {
      return reportFailure(task, reporter, context, {
        errorMessage: `catalyst worker: the engine could not store the ${inWords(what)} (${words})`,
        retries: nextRetries(task.retries, context.engineRetries),
        retryTimeout: engineRetryTimeout(task.retries, context.engineRetries, context.retryTimeouts)
      });
    }

    return reportLastingFailure(task, reporter, context, lengthMessage(refused.strings, refused.refusal!, rule));
  default:
    return reportLastingFailure(task, reporter, context, `catalyst worker: the engine refused the ${inWords(what)} (${words})`);
  }
}

/**
 * Reports a failure: the engine counts down its retries and raises an incident at 0. A
 * failure report the engine cannot take is logged; the task then comes back when its lock
 * runs out.
 */
export async function reportFailure(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, failure: HandleFailureOptions): Promise<TaskDisposition> {
  const { redactor } = context;
  const errorMessage = redactor.redact(failure.errorMessage ?? 'failed').slice(0, ERROR_MESSAGE_LIMIT);
  const errorDetails = failure.errorDetails && redactor.redact(failure.errorDetails);
  const delivery = await deliver(task, context, 'failure', () => reporter.handleFailure(task, { ...failure, errorMessage, errorDetails }));

  if (!delivery.ok) {
    return unreported(task, context, 'failure', delivery, errorMessage);
  }

  context.log.warn('task.failure', {
    taskId: task.id,
    processInstanceId: task.processInstanceId,
    activityId: task.activityId,
    error: errorMessage,
    retries: failure.retries,
    retryTimeoutMs: failure.retryTimeout
  });

  return 'failure';
}

/** A failure that will not fix itself: no retries left, so the engine raises an incident now. */
function reportLastingFailure(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, errorMessage: string): Promise<TaskDisposition> {
  return reportFailure(task, reporter, context, { errorMessage, retries: 0, retryTimeout: 0 });
}

/** Hands a task back unfinished (shutdown), so another worker takes it at once. */
export async function release(task: TaskInput, reporter: TaskReporter, context: TaskHandlerContext, reason: string): Promise<TaskDisposition> {
  context.log.info('task.released', { taskId: task.id, reason });

  const delivery = await deliver(task, context, 'unlock', () => reporter.unlock(task), 0);

  if (!delivery.ok) {
    context.log.warn('task.report-failed', { taskId: task.id, report: 'unlock', error: delivery.words });
  }

  return 'released';
}

/**
 * Nothing could be reported: the task is gone (another worker holds it, or it no longer
 * exists) and nothing may be reported against it, or the engine could not be reached for the
 * whole window, and the task comes back when its lock runs out.
 */
function unreported(task: TaskInput, context: TaskHandlerContext, what: string, delivery: Extract<Delivery, { ok: false }>, failure?: string): TaskDisposition {
  const where = { taskId: task.id, processInstanceId: task.processInstanceId, activityId: task.activityId, report: what };

  if (delivery.refusal.kind === 'gone') {
    context.log.warn('task.gone', { ...where, error: delivery.words });

    return 'gone';
  }

  context.log.error('task.report-failed', { ...where, error: delivery.words, failure });

  return 'unreported';
}

/**
 * Sends one report, again and again with backoff while the engine's refusal is transient
 * (no answer, 5xx, a conflict) and the window lasts.
 */
async function deliver(task: TaskInput, context: TaskHandlerContext, what: string, call: () => Promise<void>, windowMs?: number): Promise<Delivery> {
  const timing = { firstMs: REPORT_RETRY_FIRST_MS, maxMs: REPORT_RETRY_MAX_MS, windowMs: context.lockDurationMs, ...context.reportTiming };
  const deadline = Date.now() + (windowMs ?? timing.windowMs);
  let waitMs = timing.firstMs;

  for (let attempt = 1; ; attempt++) {
    try {
      await call();

      return { ok: true };
    } catch (error) {
      const refusal = classifyEngineError(error);
      const words = describeEngineError(error);

      if (refusal.kind !== 'transient' || Date.now() + waitMs > deadline || context.shutdown?.aborted) {
        return { ok: false, refusal, words };
      }

      context.log.warn('task.report-retry', { taskId: task.id, report: what, attempt, waitMs, error: words });
      await sleep(waitMs, context.shutdown);
      waitMs = Math.min(waitMs * 2, timing.maxMs);
    }
  }
}

function isLengthRefusal(refusal: EngineRefusal): boolean {
  return refusal.kind === 'too-long' || refusal.kind === 'persistence';
}

/**
 * The Strings sent that the database may have refused: over the column size its message
 * names, or (when the engine hides it) over what every supported database takes.
 */
function refusedStrings(typed: Record<string, TypedValue>, refusal: EngineRefusal): RefusedString[] {
  const limit = columnLimitOf(refusal.message);

  return Object.entries(typed)
    .filter((entry): entry is [ string, TypedValue & { value: string } ] => entry[1].type === 'String' && typeof entry[1].value === 'string')
    .map(([ name, { value } ]) => ({ name, length: value.length, bytes: Buffer.byteLength(value, 'utf8') }))
    .filter(value => limit !== null
      ? value.length > limit || value.bytes > limit
      : value.length > SAFE_STRING_CHARS || value.bytes > SAFE_STRING_BYTES);
}

/** "value of aiReply is 2,500 characters; this engine's database takes 2,000 — set --string-limit 2000". */
function lengthMessage(refused: RefusedString[], refusal: EngineRefusal, rule: StringRule): string {
  const limit = columnLimitOf(refusal.message);
  const [ first, ...others ] = refused;
  const values = `value of ${first.name} is ${count(first.length)} characters` +
    (first.bytes > first.length ? ` (${count(first.bytes)} bytes)` : '') +
    others.map(value => `, ${value.name} ${count(value.length)}`).join('');
  const engineSaid = [ refusal.type, refusal.code ? `code ${refusal.code}` : null ].filter(Boolean).join(', ');
  const takes = limit !== null
    ? `this engine's database takes ${count(limit)} — set --string-limit ${limit}`
    : `this engine's database refused ${refused.length === 1 ? 'it' : 'them'} as a String${engineSaid ? ` (${engineSaid})` : ''}; ` +
      `Oracle takes ${count(SAFE_STRING_CHARS)} characters, DB2 ${count(SAFE_STRING_BYTES)} bytes — set --string-limit ${SAFE_STRING_CHARS}`;
  const policy = rule.longValues === 'fail'
    ? ' (--long-values fail keeps longer values from being stored another way: json stores them whole, truncate cuts them)'
    : '';

  return `catalyst worker: ${values}; ${takes}${policy}`;
}

function noSpinMessage(typed: Record<string, TypedValue>, refused: Refused, refusal: EngineRefusal, rule: StringRule): string {
  const json = Object.keys(typed).filter(name => typed[name].type === 'Json');
  const noSpin = `the engine has no Spin plugin for Json values (it answered: ${refusal.message})`;
  const fix = 'install Camunda Spin on the engine (camunda-engine-plugin-spin with camunda-spin-dataformat-json-jackson; ' +
    'Camunda 7 Run has it), or run the worker with --long-values truncate';

  if (refused.refusal && refused.strings.length) {
    return `${lengthMessage(refused.strings, refused.refusal, rule)}. The worker then sent ${refused.strings.length === 1 ? 'it' : 'them'} as Json, but ${noSpin} — ${fix}`;
  }

  return `catalyst worker: ${noSpin}, and ${json.join(', ') || 'a value'} ${json.length === 1 ? 'needs' : 'need'} one — ${fix}`;
}

/** Under the truncate policy a cut value is still a complete: the log is the only trace. */
function logTruncated(task: TaskInput, context: TaskHandlerContext, values: Record<string, unknown>, rule: StringRule): void {
  if (rule.longValues !== 'truncate') {
    return;
  }

  for (const { name, length } of stringsOverLimit(values, rule)) {
    context.log.warn('task.value-truncated', { taskId: task.id, variable: name, length, limit: rule.limit });
  }
}

/**
 * Engine-level retry wait when the runtime gives none, and the least one when it does:
 * doubles with each failure the engine has counted, up to the cap, so the engine's retries
 * span an outage of minutes before it raises an incident.
 */
const ENGINE_RETRY_BASE_MS = 30_000;
const ENGINE_RETRY_MAX_MS = 600_000;

/** The engine's retry waits: the first, doubling with each failure, up to the cap. */
export interface RetryTimeouts {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_TIMEOUTS: RetryTimeouts = { baseMs: ENGINE_RETRY_BASE_MS, maxMs: ENGINE_RETRY_MAX_MS };

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
export function engineRetryTimeout(
    taskRetries: number | null | undefined,
    engineRetries: number,
    { baseMs, maxMs }: RetryTimeouts = DEFAULT_RETRY_TIMEOUTS
): number {
  const failuresSoFar = taskRetries === null || taskRetries === undefined ? 0 : Math.max(engineRetries - taskRetries + 1, 0);

  return Math.min(baseMs * 2 ** Math.min(failuresSoFar, 30), maxMs);
}

/** A report's name for an incident message. */
function inWords(what: string): string {
  return what === 'bpmnError' ? 'BPMN error' : what === 'complete' ? 'completion' : what;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function sleep(ms: number, cut?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      clearTimeout(timer);
      cut?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);

    cut?.addEventListener('abort', done);
  });
}

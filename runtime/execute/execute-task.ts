import { CatalystError } from '../errors';
import { applyResponseMapping } from '../mapping';
import { checkStructuredAnswer } from '../structured/check';
import { createRedactor, createStreamRedactor, judgeKeySend, resolveSecret, type StreamRedactor } from '../secrets';
import type { Attempt, ExecuteOptions, ExecutionEvent, ExecutionResult, StreamStats, TaskConfig } from '../types';
import { readAnswer } from './answer';
import { sendAttempt, type AttemptReply, type AttemptSettings } from './attempt';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRY_WAIT_MS } from './limits';
import { redactDeep } from './redact-deep';
import { buildRequest, type ChatRequest } from './request';
import { retryDelayMs } from './retry';
import { largeVariableNames, standardVariables } from './variables';
import { judgeReply, type Verdict } from './verdict';
import { invalidAnswer, mapsIntoJson } from './invalid-answer';

const VARIABLE_REFERENCE = /^\$\{.*\}$/;

/**
 * Run a task once, as the worker would (design §5): resolve the secret, render the payload,
 * call the provider with retries, map the response, decide the outcome.
 *
 * Never throws for expected problems (missing secret, bad template, HTTP or network errors,
 * cancellation): they become `outcome: 'failure'` with `error` set. The secret never appears
 * in the result or in any event.
 */
export async function executeTask(config: TaskConfig, options: ExecuteOptions): Promise<ExecutionResult> {
  const startedAt = performance.now();
  const notify = listenerOf(options.onEvent);

  // `null` while there is no secret to hide: the result then needs no walk at all.
  let redact: Redactor | null = null;
  let apiKey: string | null = null;
  let request: ChatRequest;

  if (options.trustedHosts) {

    // judged before the secret is even read: an untrusted destination never sees a key
    const verdict = judgeKeySend(config, config.url, options.trustedHosts);

    if (!verdict.allowed) {
      return finish(failureBeforeRequest(verdict.message), startedAt, null, notify);
    }
  }

  try {
    ({ value: apiKey } = await resolveSecret(config, options.secrets, options.variables));

    // A literal `variable` secret is already written in the BPMN (development values such as
    // `ollama`); hiding it would only garble answers that mention the word.
    if (apiKey !== null && !(config.secretSource === 'variable' && !VARIABLE_REFERENCE.test(config.secretName.trim()))) {
      redact = createRedactor([ apiKey ]);
    }

    request = buildRequest(config, options.variables, apiKey, { stream: options.stream });
  } catch (error) {
    if (error instanceof CatalystError) {
      return finish(failureBeforeRequest(error.message), startedAt, redact, notify);
    }

    throw error;
  }

  const notifySafely = notify && (redact ? redactingListener(notify, redact, apiKey!) : notify);
  const run = await callWithRetries(request, config, options, notifySafely);

  return finish(decideOutcome(run, config, request.body), startedAt, redact, notifySafely);
}

/**
 * Events with the key taken out. Streamed text is redacted across chunks (a key split over
 * two chunks is caught): what could be the start of the key waits for the next chunk, and is
 * let out before any other event, so the order of what the listener sees stays the order
 * of the stream.
 */
function redactingListener(notify: Listener, redact: Redactor, apiKey: string): Listener {

  // made at the first chunk: a plain (not streamed) call never needs them
  let channels: { answer: StreamRedactor; reasoning: StreamRedactor } | null = null;

  const release = (reasoning: boolean, text: string) => {
    if (text) {
      notify(reasoning ? { type: 'chunk', text, reasoning: true } : { type: 'chunk', text });
    }
  };

  return event => {
    if (event.type === 'chunk') {
      const reasoning = event.reasoning === true;

      channels ??= { answer: createStreamRedactor([ apiKey ]), reasoning: createStreamRedactor([ apiKey ]) };
      release(reasoning, (reasoning ? channels.reasoning : channels.answer).push(event.text));

      return;
    }

    if (channels) {
      release(false, channels.answer.flush());
      release(true, channels.reasoning.flush());
    }

    // the result was redacted whole already (finish): no second walk through it
    notify(event.type === 'result' ? event : redactDeep(event, redact));
  };
}

type Redactor = (text: string) => string;

function finish(result: Omit<ExecutionResult, 'durationMs'>, startedAt: number, redact: Redactor | null, notify: Listener | null): ExecutionResult {

  // The result is built fresh for this call, so it can take its duration in place instead of
  // being copied; the property lands last, where a spread would have put it.
  const timed = result as ExecutionResult;

  timed.durationMs = Math.round(performance.now() - startedAt);

  const safe = redact ? redactDeep(timed, redact) : timed;

  notify?.({ type: 'result', result: safe });

  return safe;
}

interface RunRecord {
  attempts: Attempt[];
  reply: AttemptReply;
  verdict: Verdict;

  /** Backoff the engine should wait before its own retry, when retrying can help. */
  nextWaitMs: number | null;
}

async function callWithRetries(
    request: ChatRequest,
    config: TaskConfig,
    options: ExecuteOptions,
    notify: Listener | null
): Promise<RunRecord> {
  const retries = Math.max(0, options.retries ?? config.retries);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const settings: AttemptSettings = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: config.timeoutMs,
    maxResponseBytes,
    signal: options.signal,
    onPiece: notify ? piece => notify(piece.reasoning ? { type: 'chunk', text: piece.text, reasoning: true } : { type: 'chunk', text: piece.text }) : undefined
  };
  const attempts: Attempt[] = [];
  let waitedMs = 0;

  for (let number = 1; ; number++) {
    notify?.({ type: 'attempt', attempt: number });

    const began = performance.now();
    const reply = await sendAttempt(request, settings);
    const verdict = judgeReply(reply, maxResponseBytes);
    const attempt: Attempt = { statusCode: reply.status, ms: Math.round(performance.now() - began), waitedMs };

    if (verdict.kind === 'problem') {
      attempt.error = verdict.message;
    }

    attempts.push(attempt);

    if (verdict.kind === 'success' || !verdict.retryable) {
      return { attempts, reply, verdict, nextWaitMs: null };
    }

    const waitMs = retryDelayMs(number, reply.headers, { maxMs: options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS, random: options.random });

    if (number > retries) {
      return { attempts, reply, verdict, nextWaitMs: waitMs };
    }

    notify?.({ type: 'retry', attempt: number + 1, waitMs, reason: verdict.message });

    try {
      await (options.sleep ?? abortableSleep)(waitMs, options.signal);
    } catch {

      // Only cancellation interrupts the wait; anything else from an injected sleep is the same to us.
    }

    if (options.signal?.aborted) {
      return { attempts, reply, verdict: { kind: 'problem', message: 'cancelled', retryable: false, cancelled: true, mappedStatus: null }, nextWaitMs: null };
    }

    waitedMs = waitMs;
  }
}

function decideOutcome(run: RunRecord, config: TaskConfig, requestBody: string): Omit<ExecutionResult, 'durationMs'> {
  const { reply, verdict, attempts } = run;
  const answered = reply.kind === 'answered' ? reply : null;
  const statusCode = reply.status;
  const body = answered?.tooLarge ? '' : answered?.body ?? '';
  const common = {
    statusCode,
    attempts,
    response: answered ? { headers: answered.headers, body, sizeBytes: answered.sizeBytes } : null,
    stream: answered?.stream?.stats ?? null as StreamStats | null
  };

  if (verdict.kind === 'success') {
    const answer = readAnswer(verdict.json);
    const mapping = applyResponseMapping(answer.mappingView, config.responseMapping);
    const structured = checkStructuredAnswer({
      request: requestBody,
      answer: answer.mappingView,
      undecodable: mapping.undecodable,
      mapsIntoJson: mapsIntoJson(config.responseMapping)
    });

    if (structured && !structured.valid) {
      return invalidAnswer(common, config, structured, [ ...mapping.warnings, ...answer.warnings ], answer);
    }

    // The mapped variables are this call's own object: the standard ones go in place, after
    // (and over) them, as a spread would put them, without copying every variable.
    const variables = standardVariables({ body, statusCode, success: true, error: null }, mapping.variables);

    // Written out whole rather than spread from `common`: this runs on every successful call,
    // and one literal is much cheaper to build than a spread extended field by field.
    return {
      statusCode: common.statusCode,
      attempts: common.attempts,
      response: common.response,
      stream: common.stream,
      outcome: 'complete',
      variables,
      bpmnError: null,
      error: null,
      warnings: answer.warnings.length ? [ ...mapping.warnings, ...answer.warnings ] : mapping.warnings,
      largeVariables: largeVariableNames(variables),
      reasoning: answer.reasoning,
      finishReason: answer.finishReason,
      retryTimeoutMs: null,
      structured
    };
  }

  const message = verdict.cancelled ? 'cancelled' : `${verdict.message} (${countAttempts(attempts.length)})`;
  const variables = standardVariables({ body, statusCode, success: false, error: message });
  const bpmnCode = verdict.mappedStatus === null ? undefined : config.errorMapping[String(verdict.mappedStatus)];
  const base = {
    ...common,
    variables,
    warnings: [],
    largeVariables: largeVariableNames(variables),
    reasoning: null,
    finishReason: null
  };

  if (bpmnCode) {
    return { ...base, outcome: 'bpmnError', bpmnError: { code: bpmnCode, message }, error: null, retryTimeoutMs: null };
  }

  return { ...base, outcome: 'failure', bpmnError: null, error: message, retryTimeoutMs: run.nextWaitMs };
}

/**
 * The result of a run that stopped before sending anything (a missing secret, a payload
 * that does not render, a configuration the runtime cannot read): a failure with the
 * standard variables, as the worker reports it.
 */
export function failureBeforeRequest(message: string): Omit<ExecutionResult, 'durationMs'> {
  const variables = standardVariables({ body: '', statusCode: null, success: false, error: message });

  return {
    outcome: 'failure',
    variables,
    bpmnError: null,
    error: message,
    statusCode: null,
    attempts: [],
    warnings: [],
    largeVariables: [],
    response: null,
    reasoning: null,
    finishReason: null,
    stream: null,
    retryTimeoutMs: null
  };
}

function countAttempts(count: number): string {
  return count === 1 ? '1 attempt' : `after ${count} attempts`;
}

type Listener = (event: ExecutionEvent) => void;

/**
 * A listener that throws must not turn a finished call into a crash. `null` without a
 * listener, so callers skip building events nobody receives.
 */
function listenerOf(onEvent: ExecuteOptions['onEvent']): Listener | null {
  if (!onEvent) {
    return null;
  }

  return event => {
    try {
      onEvent(event);
    } catch {

      // The caller's display failed; the call itself is unaffected.
    }
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);

      return;
    }

    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);

    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

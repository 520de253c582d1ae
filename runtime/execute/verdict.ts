import type { AttemptReply } from './attempt';
import { errorInPayload, parseErrorBody, type ProviderErrorInfo } from './error-body';
import { jsonNestedDeeperThan, MAX_JSON_DEPTH, tryParseJson } from './json';
import { isRetryable } from './retry';

export type Verdict =
  | { kind: 'success'; json: unknown }
  | {
    kind: 'problem';
    message: string;
    retryable: boolean;
    cancelled: boolean;

    /** The status the error mapping is looked up with (an error code inside a 200 counts). */
    mappedStatus: number | null;
  };

/** Decide what one attempt's reply means: success, or a problem that may be worth retrying. */
export function judgeReply(reply: AttemptReply, maxResponseBytes: number): Verdict {
  if (reply.kind === 'unanswered') {
    const cancelled = reply.reason === 'cancelled';
    const retryable = reply.reason === 'network' || reply.reason === 'timeout';

    return { kind: 'problem', message: reply.message, retryable, cancelled, mappedStatus: null };
  }

  const ok = reply.status >= 200 && reply.status < 300;

  if (reply.tooLarge) {
    return problem(`the response is too large: more than ${formatBytes(maxResponseBytes)} (HTTP ${reply.status}; limit set by maxResponseBytes)`, false, ok ? null : reply.status);
  }

  if (!ok) {
    const info = parseErrorBody(reply.status, reply.contentType, reply.body);

    return problem(`HTTP ${reply.status}: ${describe(info)}`, isRetryable(reply.status, errorCode(info)), reply.status);
  }

  if (reply.stream?.error) {
    return errorInsideSuccess(reply.stream.error, 'the provider reported an error mid-stream');
  }

  const json = tryParseJson(reply.body);

  if (json !== undefined && jsonNestedDeeperThan(reply.body, json, MAX_JSON_DEPTH)) {
    return problem(`HTTP ${reply.status} but the answer is JSON nested deeper than ${MAX_JSON_DEPTH} levels; refused rather than read`, false, null);
  }

  if (json === undefined) {
    const type = reply.contentType ? ` (${reply.contentType.split(';')[0]})` : '';

    return problem(`HTTP ${reply.status} but the body is not valid JSON${type}; a chat-completions answer was expected`, false, null);
  }

  const error = errorInPayload(json);

  return error ? errorInsideSuccess(error, `HTTP ${reply.status} carrying an error`) : { kind: 'success', json };
}

/**
 * OpenRouter reports upstream failures inside a 200 with an HTTP-like `code` (429, 502): that
 * code decides retries and the error mapping as if it had been the status.
 */
function errorInsideSuccess(info: ProviderErrorInfo, context: string): Verdict {
  const code = Number(info.code);
  const status = Number.isInteger(code) && code >= 400 && code < 600 ? code : null;

  return problem(`${context}: ${describe(info)}`, status !== null && isRetryable(status, null), status);
}

function problem(message: string, retryable: boolean, mappedStatus: number | null): Verdict {
  return { kind: 'problem', message, retryable, cancelled: false, mappedStatus };
}

function describe(info: ProviderErrorInfo): string {
  const details = [
    info.type && `type ${info.type}`,
    info.code && info.code !== info.type && `code ${info.code}`
  ].filter(Boolean);

  return details.length ? `${info.message} (${details.join(', ')})` : info.message;
}

function errorCode(info: ProviderErrorInfo): string | null {
  return info.code === 'insufficient_quota' || info.type === 'insufficient_quota' ? 'insufficient_quota' : info.code ?? null;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024 * 10) / 10} MB` : `${bytes} bytes`;
}

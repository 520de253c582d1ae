import { BASE_BACKOFF_MS, DEFAULT_MAX_RETRY_WAIT_MS } from './limits';
import { parseResetDuration, parseRetryAfter } from './durations';

/** Statuses worth another attempt (design §5.2); network errors and timeouts are too. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([ 408, 429, 500, 502, 503, 504, 529 ]);

/** Response headers as a `Headers` object or a plain record with lower-case names. */
export type HeaderSource = Headers | Record<string, string | undefined>;

export interface RetryDelayOptions {

  /** Cap for the wait (default 60 s). */
  maxMs?: number;

  /** First backoff step (default 1 s), doubled per retry. */
  baseMs?: number;

  /** Jitter source in [0, 1). */
  random?: () => number;

  /** Clock for `Retry-After` dates. */
  now?: () => number;
}

/**
 * Whether a failed attempt is worth repeating.
 *
 * @param status HTTP status, or `null` for a network error or timeout
 * @param errorCode the provider's error code, if the body carried one
 */
export function isRetryable(status: number | null, errorCode?: string | null): boolean {
  if (status === null) {
    return true;
  }

  // An exhausted quota stays exhausted: retrying only delays the incident.
  if (status === 429 && errorCode === 'insufficient_quota') {
    return false;
  }

  return RETRYABLE_STATUSES.has(status);
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry).
 *
 * A wait the server asks for wins: `Retry-After-Ms`, `Retry-After` (seconds or HTTP date),
 * else the longest `x-ratelimit-reset-requests` / `-tokens` whose budget is spent (or not
 * reported). Otherwise exponential backoff with jitter. Always capped at `maxMs`.
 */
export function retryDelayMs(attempt: number, headers: HeaderSource | null | undefined, options: RetryDelayOptions = {}): number {
  const maxMs = options.maxMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const advised = headers ? serverAdvisedWait(headers, options.now?.() ?? Date.now()) : null;

  if (advised !== null) {
    return Math.min(advised, maxMs);
  }

  const random = options.random ?? Math.random;
  const step = (options.baseMs ?? BASE_BACKOFF_MS) * 2 ** Math.max(0, attempt - 1);

  // Jitter in [half, full) keeps a floor under the wait while spreading clients apart.
  return Math.round(Math.min(step, maxMs) * (0.5 + random() / 2));
}

function serverAdvisedWait(headers: HeaderSource, now: number): number | null {
  const retryAfterMs = Number(header(headers, 'retry-after-ms'));

  if (header(headers, 'retry-after-ms') && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.round(retryAfterMs);
  }

  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);

  if (retryAfter !== null) {
    return retryAfter;
  }

  const resets = [ 'requests', 'tokens' ]
    .filter(kind => isSpent(header(headers, `x-ratelimit-remaining-${kind}`)))
    .map(kind => parseResetDuration(header(headers, `x-ratelimit-reset-${kind}`)))
    .filter((ms): ms is number => ms !== null);

  return resets.length ? Math.max(...resets) : null;
}

function isSpent(remaining: string | undefined): boolean {
  return remaining === undefined || Number(remaining) <= 0;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }

  return (headers as Record<string, string | undefined>)[name];
}

/**
 * Server-advised waits: `Retry-After` (seconds or an HTTP date) and the Go-style durations
 * of `x-ratelimit-reset-*` (`6m0s`, `1.5s`, `250ms`) that OpenAI, Groq and others send.
 */

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  'µs': 0.001,
  ns: 0.000001
};

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;
const WHOLE_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s))+$/;
const PLAIN_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Parse a `Retry-After` value into milliseconds from `now`.
 *
 * @returns the wait, never negative, or `null` when the value is neither seconds nor a date
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim();

  if (!text) {
    return null;
  }

  if (PLAIN_SECONDS.test(text)) {
    return Math.round(Number(text) * 1000);
  }

  const date = Date.parse(text);

  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Parse a rate-limit reset duration such as `6m0s`, `1.5s`, `250ms` or a bare number of
 * seconds into milliseconds.
 *
 * @returns the duration, or `null` when the value is not a duration
 */
export function parseResetDuration(value: string | null | undefined): number | null {
  const text = value?.trim();

  if (!text) {
    return null;
  }

  if (PLAIN_SECONDS.test(text)) {
    return Math.round(Number(text) * 1000);
  }

  if (!WHOLE_DURATION.test(text)) {
    return null;
  }

  let total = 0;

  for (const [ , amount, unit ] of text.matchAll(DURATION_PART)) {
    total += Number(amount) * UNIT_MS[unit];
  }

  return Math.round(total);
}

import { describe, expect, it } from 'vitest';
import { isRetryable, parseResetDuration, parseRetryAfter, retryDelayMs } from '../../../runtime/execute';

describe('isRetryable', () => {
  it.each([ 408, 429, 500, 502, 503, 504, 529 ])('retries HTTP %i', status => {
    expect(isRetryable(status)).toBe(true);
  });

  it.each([ 400, 401, 402, 403, 404, 413, 422 ])('never retries HTTP %i', status => {
    expect(isRetryable(status)).toBe(false);
  });

  it('retries network errors and timeouts (no status)', () => {
    expect(isRetryable(null)).toBe(true);
  });

  it('does not retry a 429 whose quota is exhausted', () => {
    expect(isRetryable(429, 'insufficient_quota')).toBe(false);
    expect(isRetryable(429, 'rate_limit_exceeded')).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('doubles the backoff per retry with jitter between half and the full step', () => {

    // given
    const low = { random: () => 0 };
    const high = { random: () => 0.999 };

    // then
    expect([ 1, 2, 3 ].map(attempt => retryDelayMs(attempt, null, low))).toEqual([ 500, 1000, 2000 ]);
    expect([ 1, 2, 3 ].map(attempt => retryDelayMs(attempt, null, high))).toEqual([ 1000, 1999, 3998 ]);
  });

  it('caps the backoff', () => {
    expect(retryDelayMs(20, null, { random: () => 0.999, maxMs: 5_000 })).toBeLessThanOrEqual(5_000);
  });

  it('honours Retry-After in seconds', () => {
    expect(retryDelayMs(1, { 'retry-after': '7' })).toBe(7_000);
  });

  it('honours Retry-After as an HTTP date', () => {

    // given
    const now = Date.parse('2026-01-01T00:00:00Z');
    const headers = new Headers({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' });

    // then
    expect(retryDelayMs(1, headers, { now: () => now })).toBe(30_000);
  });

  it('honours retry-after-ms before Retry-After', () => {
    expect(retryDelayMs(1, { 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
  });

  it('waits for the longest spent rate-limit budget to reset', () => {

    // given
    const headers = {
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '6m0s',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '1.5s'
    };

    // then
    expect(retryDelayMs(1, headers, { maxMs: 600_000 })).toBe(360_000);
  });

  it('ignores the reset of a budget that is not spent', () => {

    // given
    const headers = {
      'x-ratelimit-remaining-requests': '14',
      'x-ratelimit-reset-requests': '6m0s',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '250ms'
    };

    // then
    expect(retryDelayMs(1, headers)).toBe(250);
  });

  it('caps a server-advised wait at maxMs', () => {
    expect(retryDelayMs(1, { 'retry-after': '3600' }, { maxMs: 60_000 })).toBe(60_000);
  });
});

describe('durations', () => {
  it.each([
    [ '6m0s', 360_000 ],
    [ '1.5s', 1_500 ],
    [ '250ms', 250 ],
    [ '1h2m3s', 3_723_000 ],
    [ '2m59.56s', 179_560 ],
    [ '20', 20_000 ]
  ])('reads the reset duration %s', (text, ms) => {
    expect(parseResetDuration(text)).toBe(ms);
  });

  it.each([ '', 'soon', '5 minutes', '1x' ])('rejects %j as a duration', text => {
    expect(parseResetDuration(text)).toBeNull();
  });

  it('never returns a negative wait for a Retry-After date in the past', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', Date.parse('2026-01-02T00:00:00Z'))).toBe(0);
  });

  it('rejects a Retry-After that is neither seconds nor a date', () => {
    expect(parseRetryAfter('later')).toBeNull();
  });
});

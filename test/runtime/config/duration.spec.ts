import { describe, expect, it } from 'vitest';

import { formatIsoDuration, parseIsoDuration } from '../../../runtime/config';
import { CatalystError } from '../../../runtime/errors';

describe('runtime/config durations', () => {

  it.each([
    [ 'PT60S', 60_000 ],
    [ 'PT1M30S', 90_000 ],
    [ 'PT0.5S', 500 ],
    [ 'P0DT1H', 3_600_000 ],
    [ 'P1D', 86_400_000 ],
    [ 'P1W', 604_800_000 ],
    [ 'PT0S', 0 ]
  ])('parses %s', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });


  it.each([ '60', 'PT', 'P', '-PT1S', 'P1Y', 'P1M', 'PT1.S', 'pt60s', 'PT60' ])('rejects %s with DURATION_INVALID', text => {

    // when
    let thrown: unknown;

    try {
      parseIsoDuration(text);
    } catch (error) {
      thrown = error;
    }

    // then
    expect(thrown).toBeInstanceOf(CatalystError);
    expect((thrown as CatalystError).code).toBe('DURATION_INVALID');
  });


  it.each([
    [ 60_000, 'PT1M' ],
    [ 90_000, 'PT1M30S' ],
    [ 500, 'PT0.5S' ],
    [ 3_600_000, 'PT1H' ],
    [ 0, 'PT0S' ]
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatIsoDuration(ms)).toBe(text);
  });


  it('round-trips formatted durations', () => {
    for (const ms of [ 1, 999, 61_001, 7_322_500 ]) {
      expect(parseIsoDuration(formatIsoDuration(ms))).toBe(ms);
    }
  });

});

import { describe, expect, it } from 'vitest';

import { advance, NO_PROGRESS, streamRates, type RunEvent } from '../../../client/test-call/run-progress';

function play(events: Array<[ number, RunEvent ]>) {
  return events.reduce((progress, [ at, event ]) => advance(progress, event, at), NO_PROGRESS);
}

describe('run progress', () => {

  it('collects the answer and the reasoning apart', () => {

    // when
    const progress = play([
      [ 0, { type: 'attempt', attempt: 1 } ],
      [ 10, { type: 'chunk', text: 'hmm', reasoning: true } ],
      [ 20, { type: 'chunk', text: 'Hel' } ],
      [ 30, { type: 'chunk', text: 'lo' } ]
    ]);

    // then
    expect(progress).toMatchObject({ answer: 'Hello', reasoning: 'hmm', chunks: 3 });
  });

  it('starts the answer afresh with a new attempt and keeps the retries', () => {

    // when
    const progress = play([
      [ 0, { type: 'attempt', attempt: 1 } ],
      [ 5, { type: 'chunk', text: 'lost' } ],
      [ 6, { type: 'retry', attempt: 2, waitMs: 1000, reason: 'HTTP 429' } ],
      [ 1006, { type: 'attempt', attempt: 2 } ]
    ]);

    // then
    expect(progress).toMatchObject({ attempt: 2, answer: '', retries: [ { attempt: 2, waitMs: 1000, reason: 'HTTP 429' } ] });
  });

  it('measures time to first token from the attempt and tokens per second between chunks', () => {

    // given
    const progress = play([
      [ 100, { type: 'attempt', attempt: 1 } ],
      [ 350, { type: 'chunk', text: 'a' } ],
      [ 850, { type: 'chunk', text: 'b' } ],
      [ 1350, { type: 'chunk', text: 'c' } ]
    ]);

    // when
    const rates = streamRates(progress);

    // then
    expect(rates).toEqual({ timeToFirstTokenMs: 250, tokensPerSecond: 2 });
  });

  it('has no rates before the first chunk', () => {
    expect(streamRates(play([ [ 0, { type: 'attempt', attempt: 1 } ] ]))).toEqual({ timeToFirstTokenMs: null, tokensPerSecond: null });
  });
});

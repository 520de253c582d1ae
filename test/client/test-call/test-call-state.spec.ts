import { describe, expect, it } from 'vitest';

import { initialState, SESSION_RUNS, testCallReducer, type TestCallAction, type TestCallState } from '../../../client/test-call/test-call-state';
import type { ExecutionResult } from '../../../runtime/types';

const RESULT = { outcome: 'complete', variables: { summary: 'ok' } } as unknown as ExecutionResult;

function play(actions: TestCallAction[], state: TestCallState = initialState({ inputs: {}, history: [] })): TestCallState {
  return actions.reduce(testCallReducer, state);
}

function run(at: number): TestCallAction[] {
  return [
    { type: 'start', variables: {} },
    { type: 'finish', end: { result: RESULT, cancelled: false }, inputs: {}, history: [], at }
  ];
}

describe('test call state', () => {

  it('keeps the last result while the next run goes', () => {

    // when
    const state = play([ ...run(1), { type: 'start', variables: {} } ]);

    // then
    expect(state.running).toBe(true);
    expect(state.runs.map(each => each.number)).toEqual([ 1 ]);
  });

  it('numbers the runs in the order they were sent and keeps the last few, newest first', () => {

    // when
    const state = play(Array.from({ length: SESSION_RUNS + 2 }, (_, index) => run(index)).flat());

    // then
    expect(state.runs.map(each => each.number)).toEqual([ 7, 6, 5, 4, 3 ]);
  });

  it('drops the progress of an earlier run when the next one starts', () => {

    // given
    const state = play([ { type: 'start', variables: {} }, { type: 'event', event: { type: 'attempt', attempt: 1 }, now: 0 } ]);

    // when
    const next = play([ ...run(1).slice(1), { type: 'start', variables: {} } ], state);

    // then
    expect(next.progress.attempt).toBe(0);
  });

  it('ignores stream events that arrive after the run ended', () => {

    // given
    const state = play(run(1));

    // when
    const next = testCallReducer(state, { type: 'event', event: { type: 'chunk', text: 'late' }, now: 5 });

    // then
    expect(next).toBe(state);
  });

  it('changes one input without touching the others', () => {

    // given
    const state = initialState({ inputs: { a: { text: '1', json: false }, b: { text: '2', json: false } }, history: [] });

    // when
    const next = testCallReducer(state, { type: 'input', name: 'a', change: { json: true } });

    // then
    expect(next.inputs).toEqual({ a: { text: '1', json: true }, b: { text: '2', json: false } });
  });
});

import { describe, expect, it } from 'vitest';

import { HISTORY_LENGTH, recordOf, RunStore } from '../../../client/test-call/run-store';
import type { ExecutionResult } from '../../../runtime/types';

function memoryStorage() {
  const items = new Map<string, string>();

  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const RESULT: ExecutionResult = {
  outcome: 'complete', variables: { catalyst_success: true, summary: 'All good.' }, bpmnError: null, error: null, statusCode: 200,
  attempts: [ { statusCode: 200, ms: 12, waitedMs: 0 } ], durationMs: 15, warnings: [], largeVariables: [],
  response: { headers: {}, body: '{}', sizeBytes: 2 }, reasoning: null, finishReason: 'stop', stream: null, retryTimeoutMs: null
};

describe('RunStore', () => {

  it('keeps inputs per diagram and task', () => {

    // given
    const store = new RunStore(memoryStorage());

    // when
    store.save('Definitions_1', 'Ask', { name: { text: 'Ada', json: false } });

    // then
    expect(store.load('Definitions_1', 'Ask').inputs).toEqual({ name: { text: 'Ada', json: false } });
    expect(store.load('Definitions_1', 'Other').inputs).toEqual({});
    expect(store.load('Definitions_2', 'Ask').inputs).toEqual({});
  });

  it('keeps the newest runs first and only the last few', () => {

    // given
    const store = new RunStore(memoryStorage());

    // when
    for (let at = 1; at <= HISTORY_LENGTH + 2; at++) {
      store.save('D', 'T', {}, recordOf(RESULT, false, {}, at));
    }

    // then
    expect(store.load('D', 'T').history.map(run => run.at)).toEqual([ 7, 6, 5, 4, 3 ]);
  });

  it('treats a damaged entry as none', () => {

    // given
    const storage = memoryStorage();
    storage.setItem('catalyst.testCall:D:T', '{not json');

    // when / then
    expect(new RunStore(storage).load('D', 'T')).toEqual({ inputs: {}, history: [] });
  });
});

describe('recordOf', () => {

  it('summarises a run by its first mapped text', () => {
    expect(recordOf(RESULT, false, {}, 1)).toMatchObject({ outcome: 'complete', statusCode: 200, attempts: 1, sizeBytes: 2, summary: 'All good.' });
  });

  it('records a cancelled run without a result', () => {
    expect(recordOf(null, true, {}, 1)).toMatchObject({ outcome: 'cancelled', statusCode: null, summary: '' });
  });
});

import { describe, expect, it } from 'vitest';

import { describeOutcome, formatBytes, formatMs } from '../../../client/test-call/outcome-text';
import type { ExecutionResult } from '../../../runtime/types';

function result(change: Partial<ExecutionResult>): ExecutionResult {
  return {
    outcome: 'complete', variables: {}, bpmnError: null, error: null, statusCode: 200, attempts: [], durationMs: 1,
    warnings: [], largeVariables: [], response: null, reasoning: null, finishReason: null, stream: null, retryTimeoutMs: null,
    ...change
  };
}

describe('describeOutcome', () => {

  it('says the worker completes the task', () => {
    expect(describeOutcome(result({})).headline).toBe('The worker would complete the task with these variables.');
  });

  it('names the BPMN error code', () => {
    expect(describeOutcome(result({ outcome: 'bpmnError', bpmnError: { code: 'RATE_LIMITED', message: 'HTTP 429' } })).headline)
      .toBe('The worker would throw BPMN error RATE_LIMITED.');
  });

  it('says a failure means engine retries, then an incident, with the reason', () => {

    // when
    const text = describeOutcome(result({ outcome: 'failure', error: 'connection refused' }));

    // then
    expect(text.headline).toBe('The worker would report a failure: the engine would retry the task, then raise an incident.');
    expect(text.detail).toBe('connection refused');
  });
});

describe('formatting', () => {

  it('writes times in ms below a second and seconds above', () => {
    expect([ formatMs(340.4), formatMs(1250), formatMs(12_400) ]).toEqual([ '340 ms', '1.3 s', '12 s' ]);
  });

  it('writes sizes in B, KB and MB', () => {
    expect([ formatBytes(812), formatBytes(3482), formatBytes(1_300_000) ]).toEqual([ '812 B', '3.4 KB', '1.2 MB' ]);
  });
});

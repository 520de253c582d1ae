import { describe, expect, it } from 'vitest';

import { judge, tokensUsed } from '../../../runtime/testing';
import type { ExecutionResult } from '../../../runtime/types';

function result(overrides: Partial<ExecutionResult> = {}): ExecutionResult {
  return {
    outcome: 'complete',
    variables: { aiReply: 'The capital of France is Paris.', answer: { city: 'Paris', population: 2100000 }, count: 3 },
    bpmnError: null,
    error: null,
    statusCode: 200,
    attempts: [ { statusCode: 200, ms: 40, waitedMs: 0 } ],
    durationMs: 40,
    warnings: [],
    largeVariables: [],
    response: { headers: {}, body: JSON.stringify({ usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } }), sizeBytes: 10 },
    reasoning: null,
    finishReason: 'stop',
    stream: null,
    retryTimeoutMs: null,
    ...overrides
  };
}

const one = (expectations: Parameters<typeof judge>[0], run = result()) => {
  const checks = judge(expectations, run, tokensUsed(run));

  expect(checks).toHaveLength(1);

  return checks[0];
};

describe('expectations', () => {

  describe('outcome', () => {
    it('passes when the outcome is the expected one', () => {
      expect(one({ outcome: 'complete' })).toEqual({ label: 'outcome is complete', passed: true });
    });

    it('fails naming the outcome seen', () => {
      expect(one({ outcome: 'complete' }, result({ outcome: 'failure', error: 'HTTP 500: boom (1 attempt)' })))
        .toEqual({ label: 'outcome is complete', passed: false, detail: 'it was a failure: HTTP 500: boom (1 attempt)' });
    });
  });

  describe('BPMN error code', () => {
    const rateLimited = result({ outcome: 'bpmnError', bpmnError: { code: 'RATE_LIMITED', message: 'HTTP 429' } });

    it('passes with the expected code', () => {
      expect(judge({ bpmnError: 'RATE_LIMITED' }, rateLimited, null).every(check => check.passed)).toBe(true);
    });

    it('fails with another code', () => {
      const checks = judge({ bpmnError: 'AUTH_FAILED' }, rateLimited, null);

      expect(checks[1]).toEqual({ label: 'BPMN error AUTH_FAILED', passed: false, detail: 'the BPMN error was RATE_LIMITED' });
    });

    it('fails when the task completed', () => {
      const checks = judge({ bpmnError: 'AUTH_FAILED' }, result(), null);

      expect(checks.map(check => check.detail)).toEqual([ 'it was complete', 'no BPMN error was thrown' ]);
    });
  });

  describe('variable equals', () => {
    it('passes for an equal JSON value whatever its key order', () => {
      expect(one({ variables: { answer: { equals: { population: 2100000, city: 'Paris' } } } }).passed).toBe(true);
    });

    it('fails showing the value seen', () => {
      expect(one({ variables: { count: { equals: 4 } } })).toEqual({ label: 'count equals 4', passed: false, detail: 'it is 3' });
    });

    it('fails for a variable that was not set', () => {
      expect(one({ variables: { missing: { equals: null } } }).detail).toBe('missing was not set');
    });
  });

  describe('variable contains', () => {
    it('passes when the text contains it', () => {
      expect(one({ variables: { aiReply: { contains: 'Paris' } } }).passed).toBe(true);
    });

    it('fails when it does not', () => {
      expect(one({ variables: { aiReply: { contains: 'Lyon' } } }))
        .toEqual({ label: 'aiReply contains "Lyon"', passed: false, detail: 'it is "The capital of France is Paris."' });
    });
  });

  describe('variable matches', () => {
    it('passes when the regular expression matches', () => {
      expect(one({ variables: { aiReply: { matches: '^The capital .* Paris\\.$' } } }).passed).toBe(true);
    });

    it('fails when it does not', () => {
      expect(one({ variables: { aiReply: { matches: '^Lyon' } } })).toMatchObject({ label: 'aiReply matches /^Lyon/', passed: false });
    });

    it('fails for a value that is not text', () => {
      expect(one({ variables: { count: { matches: '3' } } }).passed).toBe(false);
    });
  });

  describe('variable matches a JSON schema', () => {
    const schema = { type: 'object', required: [ 'city' ], properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 0 } } };

    it('passes for a valid value', () => {
      expect(one({ variables: { answer: { schema } } })).toEqual({ label: 'answer matches its JSON schema', passed: true });
    });

    it('fails saying what is wrong', () => {
      const run = result({ variables: { answer: { population: -1 } } });

      expect(one({ variables: { answer: { schema } } }, run).detail).toBe('the value must have required property \'city\'; it is {"population":-1}');
    });
  });

  describe('tokens', () => {
    it('passes within the limit', () => {
      expect(one({ maxTokens: 19 })).toEqual({ label: 'at most 19 tokens', passed: true });
    });

    it('fails over the limit', () => {
      expect(one({ maxTokens: 18 }).detail).toBe('it used 19 tokens');
    });

    it('fails when the provider reported no usage', () => {
      expect(one({ maxTokens: 100 }, result({ response: { headers: {}, body: '{}', sizeBytes: 2 } })).detail).toBe('the provider reported no token usage');
    });

    it('reads the usage of a streamed answer from its last event', () => {
      const body = 'data: {"choices":[]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\ndata: [DONE]\n';

      expect(tokensUsed(result({ response: { headers: {}, body, sizeBytes: body.length } }))).toBe(7);
    });
  });

  describe('time', () => {
    it('passes within the limit', () => {
      expect(one({ maxMs: 40 }).passed).toBe(true);
    });

    it('fails over the limit', () => {
      expect(one({ maxMs: 39 })).toEqual({ label: 'at most 39 ms', passed: false, detail: 'it took 40 ms' });
    });
  });
});

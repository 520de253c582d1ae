import { describe, expect, it } from 'vitest';

import { parsePath, resolvePath } from '../../../runtime/mapping';
import { responsePath, suggestedVariable } from '../../../client/test-call/response-path';

describe('responsePath', () => {

  it('writes members with dots and indexes in brackets', () => {
    expect(responsePath([ 'choices', 0, 'message', 'content' ])).toBe('choices[0].message.content');
  });

  it('quotes a member that is not an identifier', () => {
    expect(responsePath([ 'usage', 'x-tokens', 'odd "key"' ])).toBe('usage["x-tokens"]["odd \\"key\\""]');
  });

  it('writes paths the runtime resolves to the same node', () => {

    // given
    const body = { choices: [ { message: { 'content-type': 'text', content: 'hi' } } ], 'a b': [ 1, [ 2, 3 ] ] };
    const nodes: Array<Array<string | number>> = [ [ 'choices', 0, 'message', 'content-type' ], [ 'a b', 1, 0 ], [ 'choices', 0, 'message', 'content' ] ];

    for (const steps of nodes) {

      // when
      const path = responsePath(steps);

      // then
      parsePath(path);
      expect(resolvePath(body, path)).toMatchObject({ found: true, value: steps.reduce<any>((value, step) => value[step], body) });
    }
  });
});

describe('suggestedVariable', () => {

  it('camel-cases the last member name', () => {
    expect(suggestedVariable([ 'choices', 0, 'finish_reason' ])).toBe('finishReason');
  });

  it('uses the nearest member name for an index', () => {
    expect(suggestedVariable([ 'choices', 0 ])).toBe('choices');
  });

  it('falls back to value at the root', () => {
    expect(suggestedVariable([])).toBe('value');
  });
});

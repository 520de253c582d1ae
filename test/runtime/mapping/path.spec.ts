import { describe, expect, it } from 'vitest';

import { CatalystError } from '../../../runtime/errors';
import { formatPath, parsePath, resolvePath } from '../../../runtime/mapping';

const RESPONSE = {
  model: 'llama-3.3-70b-versatile',
  choices: [ { message: { role: 'assistant', content: 'Hello', tool_calls: null }, finish_reason: 'stop' } ],
  usage: { prompt_tokens: 12, completion_tokens: 3 },
  'x-meta': { 'request id': 'abc' }
};

function pathError(path: string): CatalystError {
  try {
    parsePath(path);
  } catch (error) {
    return error as CatalystError;
  }

  throw new Error(`expected ${path} to be rejected`);
}

describe('mapping/path', () => {

  describe('parsePath', () => {

    it('splits dots and indexes into steps', () => {

      // when
      const steps = parsePath('choices[0].message.content');

      // then
      expect(steps).toEqual([ 'choices', 0, 'message', 'content' ]);
    });

    it('accepts an optional leading $. and $', () => {

      // then
      expect(parsePath('$.usage.prompt_tokens')).toEqual([ 'usage', 'prompt_tokens' ]);
      expect(parsePath('$[0].id')).toEqual([ 0, 'id' ]);
    });

    it('reads quoted keys in brackets, with either quote and escapes', () => {

      // then
      expect(parsePath('["x-meta"]["request id"]')).toEqual([ 'x-meta', 'request id' ]);
      expect(parsePath("data['it\\'s']")).toEqual([ 'data', "it's" ]);
    });

    it('accepts dashes in field names after the root', () => {

      // then
      expect(parsePath('headers.x-request-id')).toEqual([ 'headers', 'x-request-id' ]);
    });

    it.each([
      [ '', 'empty' ],
      [ 'choices[0', 'position 10' ],
      [ 'choices..content', 'position 9' ],
      [ 'choices[-1]', 'position 9' ],
      [ 'a b', 'position 2' ],
      [ '["open', 'not closed' ]
    ])('rejects %j with PATH_INVALID naming where (%s)', (path, where) => {

      // when
      const error = pathError(path);

      // then
      expect(error).toBeInstanceOf(CatalystError);
      expect(error.code).toBe('PATH_INVALID');
      expect(error.message).toContain(where);
    });
  });

  describe('resolvePath', () => {

    it('finds a nested value', () => {

      // then
      expect(resolvePath(RESPONSE, 'choices[0].message.content')).toMatchObject({ found: true, value: 'Hello' });
    });

    it('finds a JSON null at the end of the path', () => {

      // then
      expect(resolvePath(RESPONSE, 'choices[0].message.tool_calls')).toMatchObject({ found: true, value: null });
    });

    it.each([
      'choices[1].message',
      'usage.total_tokens',
      'model.length',
      'choices.message',
      'usage[0]',
      'choices[0].message.content.text'
    ])('reports %j as not found', (path) => {

      // then
      expect(resolvePath(RESPONSE, path)).toMatchObject({ found: false, value: undefined });
    });

    it('says how many steps matched before the data ran out', () => {

      // then
      expect(resolvePath(RESPONSE, 'choices[0].delta.content').matched).toBe(2);
    });

    it('does not walk into inherited properties', () => {

      // then
      expect(resolvePath({}, 'constructor').found).toBe(false);
      expect(resolvePath({ a: {} }, 'a.__proto__').found).toBe(false);
    });

    it('rejects a path text that does not parse', () => {

      // then
      expect(() => resolvePath(RESPONSE, 'choices.0')).toThrow(/position 9/);
    });

    it('takes steps as well as text', () => {

      // then
      expect(resolvePath(RESPONSE, [ 'x-meta', 'request id' ]).value).toBe('abc');
    });
  });

  describe('formatPath', () => {

    it('writes steps back in the shortest readable form', () => {

      // then
      expect(formatPath([ 'order', 'items', 0, 'unit price' ])).toBe('order.items[0]["unit price"]');
    });
  });
});

/**
 * `#` steps: a response path continues into a JSON-encoded string (a structured answer's
 * `content`, a tool call's `function.arguments`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DECODE_JSON, applyResponseMapping, formatPath, parsePath, resolvePath, type PathStep } from '../../../runtime/mapping';
import { parseTemplate } from '../../../runtime/template';

const ANSWER = {
  choices: [ {
    message: {
      role: 'assistant',
      content: '{"priority": "high", "amount": 1250.5, "items": [{"sku": "A-1", "quantity": 2}], "flags": {"urgent": true}}',
      tool_calls: [ { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"orderId": 42}' } } ]
    },
    finish_reason: 'stop'
  } ]
};

describe('mapping/path: # steps into JSON text', () => {

  describe('parsePath', () => {

    it('reads # followed by a field name as a decode step and that field', () => {

      // then
      expect(parsePath('choices[0].message.content#priority')).toEqual([ 'choices', 0, 'message', 'content', DECODE_JSON, 'priority' ]);
    });

    it('reads # followed by brackets, dots, or nothing', () => {

      // then
      expect(parsePath('content#[0].sku')).toEqual([ 'content', DECODE_JSON, 0, 'sku' ]);
      expect(parsePath('content#items[1]["unit price"]')).toEqual([ 'content', DECODE_JSON, 'items', 1, 'unit price' ]);
      expect(parsePath('content#')).toEqual([ 'content', DECODE_JSON ]);
    });

    it.each([
      [ 'content#.priority', 'position 9' ],
      [ 'content# priority', 'position 9' ],
      [ '#priority', 'position 1' ]
    ])('rejects %j naming where (%s)', (path, where) => {

      // then
      expect(() => parsePath(path)).toThrow(where);
    });

    it('leaves # out of template placeholders: a variable is a value already', () => {

      // when
      const parsed = parseTemplate('{"a": "${answer#priority}"}');

      // then
      expect(parsed.diagnostics.some(diagnostic => diagnostic.severity === 'error')).toBe(true);
    });
  });

  describe('resolvePath', () => {

    it('finds a field of a JSON answer with its JSON type', () => {

      // then
      expect(resolvePath(ANSWER, 'choices[0].message.content#priority').value).toBe('high');
      expect(resolvePath(ANSWER, 'choices[0].message.content#amount').value).toBe(1250.5);
      expect(resolvePath(ANSWER, 'choices[0].message.content#flags.urgent').value).toBe(true);
      expect(resolvePath(ANSWER, 'choices[0].message.content#items[0].quantity').value).toBe(2);
    });

    it('finds the whole parsed answer with a trailing #', () => {

      // then
      expect(resolvePath(ANSWER, 'choices[0].message.content#').value).toMatchObject({ priority: 'high' });
    });

    it('reaches into a tool call\'s function.arguments the same way', () => {

      // then
      expect(resolvePath(ANSWER, 'choices[0].message.tool_calls[0].function.arguments#orderId').value).toBe(42);
    });

    it('reads JSON a model wrapped in a Markdown code fence', () => {

      // given
      const fenced = { content: '```json\n{"priority": "low"}\n```' };

      // then
      expect(resolvePath(fenced, 'content#priority').value).toBe('low');
    });

    it('passes a value through that is already parsed (arguments sent as an object)', () => {

      // then
      expect(resolvePath({ arguments: { orderId: 7 } }, 'arguments#orderId').value).toBe(7);
    });

    it('says which text is not JSON, and why, instead of finding nothing', () => {

      // when
      const resolution = resolvePath({ choices: [ { message: { content: 'Sure! Here is the JSON: {"a": 1' } } ] }, 'choices[0].message.content#a');

      // then
      expect(resolution.found).toBe(false);
      expect(resolution.undecodable?.at).toBe('choices[0].message.content');
      expect(resolution.undecodable?.message).toContain('not valid JSON');
      expect(resolution.undecodable?.message).toContain('Sure! Here is the JSON');
    });

    it('reports a missing field inside valid JSON as not found, not as undecodable', () => {

      // when
      const resolution = resolvePath(ANSWER, 'choices[0].message.content#category');

      // then
      expect(resolution).toMatchObject({ found: false });
      expect(resolution.undecodable).toBeUndefined();
    });
  });

  describe('applyResponseMapping', () => {

    it('lists a variable whose JSON text does not parse as undecodable and sets it to null', () => {

      // when
      const result = applyResponseMapping({ choices: [ { message: { content: 'not json' } } ] }, { priority: 'choices[0].message.content#priority' });

      // then
      expect(result.variables).toEqual({ priority: null });
      expect(result.undecodable).toEqual([ expect.objectContaining({ variable: 'priority', at: 'choices[0].message.content' }) ]);
      expect(result.warnings[0]).toContain('cannot be read as JSON');
    });
  });

  describe('formatPath', () => {

    it('writes a decode step as # with the field right after it', () => {

      // then
      expect(formatPath([ 'choices', 0, 'message', 'content', DECODE_JSON, 'items', 0, 'sku' ])).toBe('choices[0].message.content#items[0].sku');
    });

    it('writes any steps back to a path that parses to the same steps', () => {
      const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
      const key = fc.string({ unit: fc.constantFrom('a', ' ', '.', '#', '[', ']', '"', '\'', '\\', '-', '1', 'é'), minLength: 1, maxLength: 6 });
      const index = fc.nat({ max: 20 });
      const step: fc.Arbitrary<PathStep> = fc.oneof(name, key, index, fc.constant(DECODE_JSON));
      const first: fc.Arbitrary<PathStep> = fc.oneof(name, key, index);

      fc.assert(fc.property(first, fc.array(step, { maxLength: 8 }), (head, rest) => {

        // given
        const steps = [ head, ...rest ];

        // when
        const parsed = parsePath(formatPath(steps));

        // then
        expect(parsed).toEqual(steps);
      }), { numRuns: 300 });
    });
  });
});

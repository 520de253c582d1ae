import { describe, expect, it } from 'vitest';

import { TemplateError } from '../../../runtime/errors';
import { getPayloadModel, placeholderAt, setPayloadModel } from '../../../runtime/template';
import { SEED_PAYLOAD } from './fixtures/providers';

describe('template/model-field', () => {

  describe('getPayloadModel', () => {

    it('gives the model with the range of its JSON value', () => {

      // when
      const model = getPayloadModel(SEED_PAYLOAD);

      // then
      expect(model?.value).toBe('llama-3.3-70b-versatile');
      expect(SEED_PAYLOAD.slice(model!.from, model!.to)).toBe('"llama-3.3-70b-versatile"');
    });

    it('decodes JSON escapes', () => {

      // then
      expect(getPayloadModel('{"model": "org\\/name"}')?.value).toBe('org/name');
    });

    it('gives a placeholder model as written', () => {

      // then
      expect(getPayloadModel('{"model": ${modelName}}')?.value).toBe('${modelName}');
      expect(getPayloadModel('{"model": "${modelName}"}')?.value).toBe('${modelName}');
    });

    it('reads the top-level model only, before a later syntax error too', () => {

      // then
      expect(getPayloadModel('{"messages": [{"model": "inner"}], "model": "outer", "x": }')?.value).toBe('outer');
    });

    it.each([ '{"messages": []}', '{"model": 5}', '[]', '', 'not json' ])('gives null for %j', (text) => {

      // then
      expect(getPayloadModel(text)).toBeNull();
    });
  });

  describe('setPayloadModel', () => {

    it('replaces the model in place, keeping every other byte', () => {

      // when
      const text = setPayloadModel(SEED_PAYLOAD, 'llama-3.1-8b-instant');

      // then
      expect(text).toBe(SEED_PAYLOAD.replace('"llama-3.3-70b-versatile"', '"llama-3.1-8b-instant"'));
    });

    it('writes the model JSON-escaped', () => {

      // when
      const text = setPayloadModel('{"model": "a"}', 'odd "name"\\');

      // then
      expect(JSON.parse(text).model).toBe('odd "name"\\');
    });

    it('replaces a placeholder model', () => {

      // then
      expect(setPayloadModel('{"model": ${m}, "n": 1}', 'x')).toBe('{"model": "x", "n": 1}');
    });

    it('inserts the model as the first member in the layout of the next one', () => {

      // given
      const text = '{\n  "max_tokens": 1024,\n  "messages": []\n}';

      // then
      expect(setPayloadModel(text, 'm')).toBe('{\n  "model": "m",\n  "max_tokens": 1024,\n  "messages": []\n}');
    });

    it.each([
      [ '{"a":1}', '{"model":"m","a":1}' ],
      [ '{ "a": 1 }', '{ "model": "m", "a": 1 }' ],
      [ '{}', '{"model": "m"}' ],
      [ '', '{\n  "model": "m"\n}' ],
      [ '{"model"', '{"model": "m"' ]
    ])('inserts into %j', (text, expected) => {

      // then
      expect(setPayloadModel(text, 'm')).toBe(expected);
    });

    it('edits the model a later syntax error leaves readable', () => {

      // then
      expect(setPayloadModel('{"model": "a", "x": }', 'b')).toBe('{"model": "b", "x": }');
    });

    it('refuses a payload that is not an object', () => {

      // then
      expect(() => setPayloadModel('[1, 2]', 'm')).toThrow(TemplateError);
      expect(() => setPayloadModel('[1, 2]', 'm')).toThrow(/not a JSON object/);
    });
  });

  describe('placeholderAt', () => {

    it('gives the start and typed prefix of a name after ${', () => {

      // given
      const text = '{"content": "Hi ${userM"}';

      // then
      expect(placeholderAt(text, text.indexOf('"}'))).toEqual({ from: 18, prefix: 'userM' });
    });

    it('works right after ${ with nothing typed', () => {

      // then
      expect(placeholderAt('{"a": ${', 8)).toEqual({ from: 8, prefix: '' });
    });

    it('works with the cursor inside a closed placeholder', () => {

      // then
      expect(placeholderAt('"${userMessage}"', 5)).toEqual({ from: 3, prefix: 'us' });
    });

    it.each([
      [ 'after a literal $${', '"$${us', 6 ],
      [ 'in plain text', '"Hello us', 9 ],
      [ 'after a closed placeholder', '"${a} b', 7 ],
      [ 'inside a field step', '"${order.it', 11 ],
      [ 'before a digit', '"${1', 4 ],
      [ 'at the very start', '${', 0 ],
      [ 'past the end', '${', 5 ]
    ])('gives null %s', (_, text, offset) => {

      // then
      expect(placeholderAt(text, offset)).toBeNull();
    });
  });
});

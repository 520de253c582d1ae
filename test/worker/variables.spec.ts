import { describe, expect, it } from 'vitest';

import { toRestVariables } from '../../worker/engine-client';
import { fromEngineVariables, toEngineVariables } from '../../worker/variables';

describe('worker/variables', () => {

  describe('toEngineVariables', () => {

    it('keeps a string of 4,000 characters a String', () => {

      // given
      const text = 'a'.repeat(4000);

      // when
      const typed = toEngineVariables({ aiReply: text });

      // then
      expect(typed.aiReply).toEqual({ type: 'String', value: text });
    });

    it('sends a longer string as Json that reads back as the same string', () => {

      // given
      const text = 'line "one"\n'.repeat(400) + 'ü';

      // when
      const typed = toEngineVariables({ aiReply: text });

      // then
      expect(typed.aiReply.type).toBe('Json');
      expect(JSON.parse(typed.aiReply.value as string)).toBe(text);
    });

    it('sends a variable the runtime marks as large as Json', () => {

      // when
      const typed = toEngineVariables({ catalyst_responseBody: 'short' }, [ 'catalyst_responseBody' ]);

      // then
      expect(typed.catalyst_responseBody).toEqual({ type: 'Json', value: '"short"' });
    });

    it('types whole numbers as Integer or Long and fractions as Double', () => {

      // when
      const typed = toEngineVariables({ small: 200, big: 2 ** 40, fraction: 0.5 });

      // then
      expect(typed.small).toEqual({ type: 'Integer', value: 200 });
      expect(typed.big).toEqual({ type: 'Long', value: 2 ** 40 });
      expect(typed.fraction).toEqual({ type: 'Double', value: 0.5 });
    });

    it('sends objects and arrays as Json text, booleans as Boolean and null as Null', () => {

      // when
      const typed = toEngineVariables({ usage: { total: 3 }, tags: [ 'a' ], ok: true, error: null });

      // then
      expect(typed).toEqual({
        usage: { type: 'Json', value: '{"total":3}' },
        tags: { type: 'Json', value: '["a"]' },
        ok: { type: 'Boolean', value: true },
        error: { type: 'Null', value: null }
      });
    });

    it('reaches the engine unchanged except for the lower-cased type', () => {

      // given
      const typed = toEngineVariables({ aiReply: 'x'.repeat(5000) });

      // when
      const sent = toRestVariables(typed)!;

      // then
      expect(sent.aiReply.type).toBe('json');
      expect(JSON.parse(sent.aiReply.value as string)).toBe('x'.repeat(5000));
    });
  });


  describe('fromEngineVariables', () => {

    it('passes strings, numbers, booleans and parsed Json through', () => {

      // when
      const plain = fromEngineVariables({
        userMessage: { type: 'string', value: 'Hi "there"' },
        limit: { type: 'integer', value: 5 },
        urgent: { type: 'boolean', value: false },
        order: { type: 'json', value: { items: [ 1 ] } }
      });

      // then
      expect(plain).toEqual({ userMessage: 'Hi "there"', limit: 5, urgent: false, order: { items: [ 1 ] } });
    });

    it('turns a date into its ISO text', () => {

      // when
      const plain = fromEngineVariables({ due: { type: 'date', value: new Date('2026-01-02T03:04:05Z') } });

      // then
      expect(plain.due).toBe('2026-01-02T03:04:05.000Z');
    });

    it('parses an Object variable serialized as JSON, and keeps a Java-serialized one as text', () => {

      // when
      const plain = fromEngineVariables({
        customer: { type: 'object', value: '{"name":"Ada"}', valueInfo: { serializationDataFormat: 'application/json' } },
        legacy: { type: 'object', value: 'rO0ABXQ=', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } }
      });

      // then
      expect(plain).toEqual({ customer: { name: 'Ada' }, legacy: 'rO0ABXQ=' });
    });

    it('leaves out file variables and keeps null values as null', () => {

      // when
      const plain = fromEngineVariables({
        invoice: { type: 'file', value: {} },
        note: { type: 'null', value: null }
      });

      // then
      expect(plain).toEqual({ note: null });
    });
  });
});

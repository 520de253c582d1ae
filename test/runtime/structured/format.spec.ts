/** The response format in a payload: read whatever the flavour, written as the provider expects. */
import { describe, expect, it } from 'vitest';

import { getProvider } from '../../../runtime/catalog/providers';
import { lintPayload } from '../../../runtime/template';
import { readPayloadFormat, requestedFormat, writePayloadFormat } from '../../../runtime/structured';
import type { Provider } from '../../../runtime/types';

const SCHEMA = { type: 'object', properties: { priority: { type: 'string', enum: [ 'low', 'high' ] } }, required: [ 'priority' ] };

const PAYLOAD = `{
  "model": "llama-3.3-70b-versatile",
  "messages": [{"role": "user", "content": "\${ticketText}"}],
  "temperature": \${temperature}
}`;

function provider(id: string): Provider {
  return getProvider(id) as Provider;
}

describe('structured/format', () => {

  describe('writePayloadFormat', () => {

    it('writes OpenAI\'s json_schema response_format for a schema on Groq, keeping every other byte', () => {

      // when
      const written = writePayloadFormat(PAYLOAD, provider('groq'), { kind: 'schema', schema: SCHEMA, name: 'ticket' });

      // then
      expect(written.startsWith(PAYLOAD.slice(0, PAYLOAD.lastIndexOf('\n')))).toBe(true);
      expect(written).toContain('"temperature": ${temperature}');
      expect(JSON.parse(written.replace('${ticketText}', 'x').replace('${temperature}', '0')).response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'ticket', strict: true, schema: SCHEMA }
      });
    });

    it('writes json_object with the schema beside it on Together and Fireworks', () => {

      // when
      const written = writePayloadFormat(PAYLOAD, provider('together'), { kind: 'schema', schema: SCHEMA });

      // then
      expect(readPayloadFormat(written)).toMatchObject({ kind: 'schema', schema: SCHEMA });
      expect(written).toContain('"type": "json_object"');
    });

    it('writes JSON mode as response_format json_object', () => {

      // when
      const written = writePayloadFormat(PAYLOAD, provider('openai'), { kind: 'json' });

      // then
      expect(readPayloadFormat(written).kind).toBe('json');
      expect(written).toContain('"response_format": {\n    "type": "json_object"\n  }');
    });

    it('writes JSON mode as a schema allowing any object where the provider has no JSON mode (LM Studio)', () => {

      // when
      const written = writePayloadFormat(PAYLOAD, provider('lm-studio'), { kind: 'json' });

      // then
      expect(readPayloadFormat(written)).toMatchObject({ kind: 'schema', schema: { type: 'object' } });
    });

    it('writes Ollama\'s native format member for a provider with that flavour', () => {

      // given
      const native = { ...provider('ollama'), responseFormat: { schema: 'ollama_format', json: 'ollama_format' } } as Provider;

      // then
      expect(readPayloadFormat(writePayloadFormat(PAYLOAD, native, { kind: 'schema', schema: SCHEMA }))).toMatchObject({ kind: 'schema', schema: SCHEMA });
      expect(writePayloadFormat(PAYLOAD, native, { kind: 'json' })).toContain('"format": "json"');
    });

    it('replaces an earlier format and removes it for Text, leaving the payload as it was', () => {

      // given
      const json = writePayloadFormat(PAYLOAD, provider('groq'), { kind: 'json' });
      const schema = writePayloadFormat(json, provider('groq'), { kind: 'schema', schema: SCHEMA });

      // when
      const text = writePayloadFormat(schema, provider('groq'), { kind: 'text' });

      // then
      expect(schema.match(/response_format/g)).toHaveLength(1);
      expect(text).toBe(PAYLOAD);
    });

    it('keeps the payload free of lint errors', () => {

      // when
      const written = writePayloadFormat(PAYLOAD, provider('groq'), { kind: 'schema', schema: SCHEMA });

      // then
      expect(lintPayload(written).filter(diagnostic => diagnostic.severity === 'error')).toEqual([]);
    });

    it('writes into a one-line payload on the same line', () => {

      // when
      const written = writePayloadFormat('{"model": "m", "messages": []}', provider('openai'), { kind: 'json' });

      // then
      expect(written).toBe('{"model": "m", "messages": [], "response_format": {"type":"json_object"}}');
    });

    it('refuses a payload that is not a JSON object, naming the problem', () => {

      // then
      expect(() => writePayloadFormat('[1, 2]', provider('openai'), { kind: 'json' })).toThrow(/not a JSON object/);
    });
  });

  describe('readPayloadFormat', () => {

    it('reads Text when the payload asks for no format', () => {

      // then
      expect(readPayloadFormat(PAYLOAD)).toMatchObject({ kind: 'text', schema: null });
    });

    it('keeps the schema text as written, and reads a schema with placeholders as text only', () => {

      // given
      const payload = '{"model": "m", "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object", "maxProperties": ${limit}}}}}';

      // when
      const format = readPayloadFormat(payload);

      // then
      expect(format).toMatchObject({ kind: 'schema', schema: null, name: 'x' });
      expect(format.schemaText).toBe('{"type": "object", "maxProperties": ${limit}}');
    });
  });

  describe('requestedFormat', () => {

    it.each([
      [ { response_format: { type: 'json_schema', json_schema: { name: 'a', schema: SCHEMA } } }, 'schema' ],
      [ { response_format: { type: 'json_object', schema: SCHEMA } }, 'schema' ],
      [ { response_format: { type: 'json_object' } }, 'json' ],
      [ { format: SCHEMA }, 'schema' ],
      [ { format: 'json' }, 'json' ],
      [ { response_format: { type: 'text' } }, 'text' ],
      [ { model: 'm' }, 'text' ]
    ])('reads what %j asks for', (body, kind) => {

      // then
      expect(requestedFormat(body).kind).toBe(kind);
    });
  });
});

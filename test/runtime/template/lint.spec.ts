import { describe, expect, it } from 'vitest';

import type { Diagnostic } from '../../../runtime/types';
import { lintPayload } from '../../../runtime/template';
import { SEED_PAYLOAD, groq, openAiCompatible, reasoningProvider } from './fixtures/providers';

function chat(extra: string, messages = '[{"role": "user", "content": "Hi"}]'): string {
  return `{"model": "m", "messages": ${messages}${extra}}`;
}

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);

  return diagnostics[0];
}

function at(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.from, diagnostic.to);
}

describe('template/lint', () => {

  it('finds nothing wrong with the seeds\' default payload', () => {

    // then
    expect(lintPayload(SEED_PAYLOAD, { knownVariables: [ 'userMessage' ], provider: groq })).toEqual([]);
  });

  it('reports template and JSON problems with their ranges', () => {

    // given
    const text = '{"model": "m", "messages": [{"role": "user", "content": "${userMessage"}] "n": 1}';

    // when
    const diagnostics = lintPayload(text);

    // then
    expect(diagnostics.map((diagnostic) => [ diagnostic.code, at(text, diagnostic) ])).toEqual([
      [ 'template/unclosed-placeholder', '${userMessage' ],
      [ 'json/syntax', '"n"' ]
    ]);
  });

  it('skips field checks while the JSON is broken, as they would only echo the syntax error', () => {

    // then
    expect(lintPayload('{"messages": [').map((diagnostic) => diagnostic.code)).toEqual([ 'json/syntax' ]);
  });

  describe('variables', () => {

    it('warns about a variable the diagram does not know, suggesting a close one', () => {

      // given
      const text = chat('', '[{"role": "user", "content": "${userMesage}"}]');

      // when
      const diagnostic = only(lintPayload(text, { knownVariables: [ 'userMessage', 'orderId' ] }));

      // then
      expect(diagnostic).toMatchObject({ severity: 'warning', code: 'template/unknown-variable' });
      expect(diagnostic.message).toBe('variable userMesage is not set anywhere in the diagram; did you mean userMessage?');
      expect(at(text, diagnostic)).toBe('${userMesage}');
    });

    it('checks the root name of a path only', () => {

      // then
      expect(lintPayload(chat(', "metadata": ${order.meta}'), { knownVariables: [ 'order' ] })).toEqual([]);
    });

    it('does not check variables when the diagram\'s are not given', () => {

      // then
      expect(lintPayload(chat(', "user": "${anything}"'))).toEqual([]);
    });

    it('knows the standard catalyst_* variables without the diagram', () => {

      // then
      expect(lintPayload(chat(', "user": "${catalyst_statusCode} ${catalyst_responseBody}"'), { knownVariables: [] })).toEqual([]);
    });

    it('still warns about a misspelt standard variable', () => {

      // then
      expect(only(lintPayload(chat(', "user": "${catalyst_respnseBody}"'), { knownVariables: [] })).code).toBe('template/unknown-variable');
    });
  });

  describe('required fields', () => {

    it.each([ 'model', 'messages' ])('reports a missing %s at the opening brace', (field) => {

      // given
      const text = field === 'model' ? '{"messages": [{"role": "user", "content": "x"}]}' : '{"model": "m"}';

      // when
      const diagnostic = only(lintPayload(text));

      // then
      expect(diagnostic).toMatchObject({ code: 'chat/required', severity: 'error', from: 0, to: 1 });
      expect(diagnostic.message).toContain(`\`${field}\``);
    });

    it('reports empty messages', () => {

      // given
      const text = '{"model": "m", "messages": []}';

      // when
      const diagnostic = only(lintPayload(text));

      // then
      expect(diagnostic).toMatchObject({ code: 'chat/min-items', message: '`messages` is empty; it needs at least 1 item' });
      expect(at(text, diagnostic)).toBe('[]');
    });

    it('reports what a message of a given role lacks, naming the message', () => {

      // when
      const diagnostics = lintPayload(chat('', '[{"role": "user"}, {"role": "tool", "content": "42"}, {"content": "x"}]'));

      // then
      expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
        '`messages[0]` has no `content` field; it is required here',
        '`messages[1]` has no `tool_call_id` field; it is required here',
        '`messages[2]` has no `role` field; it is required here'
      ]);
    });

    it('lets an assistant message go without content', () => {

      // then
      expect(lintPayload(chat('', '[{"role": "user", "content": "x"}, {"role": "assistant", "content": null, "tool_calls": []}]'))).toEqual([]);
    });

    it('rejects a payload that is not an object', () => {

      // then
      expect(only(lintPayload('[1]'))).toMatchObject({ code: 'chat/type', message: 'the payload must be an object; found an array' });
    });
  });

  describe('field types', () => {

    it.each([
      [ ', "max_tokens": "1024"', 'chat/type', '`max_tokens` must be an integer or null; found a string' ],
      [ ', "max_tokens": 0', 'chat/range', '`max_tokens` must be at least 1; found 0' ],
      [ ', "max_completion_tokens": 10.5', 'chat/type', '`max_completion_tokens` must be an integer or null; found 10.5' ],
      [ ', "temperature": 2.5', 'chat/range', '`temperature` must be between 0 and 2; found 2.5' ],
      [ ', "temperature": "hot"', 'chat/type', '`temperature` must be a number or null; found a string' ],
      [ ', "top_p": 1.1', 'chat/range', '`top_p` must be between 0 and 1; found 1.1' ],
      [ ', "n": 0', 'chat/range', '`n` must be between 1 and 128; found 0' ],
      [ ', "stream": "true"', 'chat/type', '`stream` must be a boolean (true or false) or null; found a string' ],
      [ ', "stop": ["a", 1]', 'chat/type', '`stop[1]` must be a string; found 1' ],
      [ ', "stop": {}', 'chat/type', '`stop` must be a string, an array or null; found an object' ],
      [ ', "presence_penalty": -3', 'chat/range', '`presence_penalty` must be between -2 and 2; found -3' ],
      [ ', "frequency_penalty": 2.1', 'chat/range', '`frequency_penalty` must be between -2 and 2; found 2.1' ],
      [ ', "response_format": {"type": "json"}', 'chat/enum', '`response_format.type` must be one of "text", "json_schema", "json_object"; found "json"' ],
      [ ', "response_format": {"type": "json_schema"}', 'chat/required', '`response_format` has no `json_schema` field; it is required here' ],
      [ ', "response_format": "json_object"', 'chat/type', '`response_format` must be an object; found a string' ],
      [ ', "tools": [{"type": "function", "function": {}}]', 'chat/required', '`tools[0].function` has no `name` field; it is required here' ],
      [ ', "tool_choice": "always"', 'chat/enum', '`tool_choice` must be one of "none", "auto", "required"; found "always"' ],
      [ ', "seed": 1.5', 'chat/type', '`seed` must be an integer or null; found 1.5' ],
      [ ', "user": 42', 'chat/type', '`user` must be a string; found 42' ]
    ])('reports %s', (extra, code, message) => {

      // then
      expect(only(lintPayload(chat(extra)))).toMatchObject({ severity: 'error', code, message });
    });

    it('reports a bad role and a bad content type in a message', () => {

      // when
      const diagnostics = lintPayload(chat('', '[{"role": "usr", "content": "x"}, {"role": "user", "content": 5}]'));

      // then
      expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
        '`messages[0].role` must be one of "developer", "system", "user", "assistant", "tool", "function"; found "usr"',
        '`messages[1].content` must be a string or an array; found 5'
      ]);
    });

    it('checks content parts by role', () => {

      // when
      const diagnostic = only(lintPayload(chat('', '[{"role": "system", "content": [{"type": "image_url"}]}]')));

      // then
      expect(diagnostic.message).toBe('`messages[0].content[0].type` must be one of "text"; found "image_url"');
    });

    it('accepts the fields in their allowed forms', () => {

      // given
      const extra = ', "max_tokens": 1e3, "temperature": 0, "top_p": 1, "stream": false, "stop": "\\n", "seed": -5, '
        + '"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}}, "tool_choice": {"type": "function"}, '
        + '"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}], "top_k": 40, "reasoning_effort": "default"';

      // then
      expect(lintPayload(chat(extra, '[{"role": "user", "content": [{"type": "text", "text": "hi"}]}]'))).toEqual([]);
    });

    it('lets a placeholder as a whole value stand for any type', () => {

      // then
      expect(lintPayload('{"model": ${m}, "messages": ${history}, "max_tokens": ${limit}, "temperature": ${t}}')).toEqual([]);
    });

    it('takes a string holding a placeholder for a string of unknown value', () => {

      // then
      expect(lintPayload(chat('', '[{"role": "${role}", "content": "x"}]'))).toEqual([]);
      expect(only(lintPayload(chat(', "max_tokens": "${limit}"'))).code).toBe('chat/type');
    });
  });

  describe('provider', () => {

    it('warns about a literal model the provider does not list, naming it', () => {

      // given
      const text = SEED_PAYLOAD.replace('llama-3.3-70b-versatile', 'llama-3.3-70b');

      // when
      const diagnostic = only(lintPayload(text, { provider: groq }));

      // then
      expect(diagnostic).toMatchObject({ severity: 'warning', code: 'chat/unknown-model' });
      expect(diagnostic.message).toContain('"llama-3.3-70b" is not among Groq\'s models');
      expect(at(text, diagnostic)).toBe('"llama-3.3-70b"');
    });

    it('lists at most five of a long model list', () => {

      // given
      const models = Array.from({ length: 8 }, (_, index) => ({ id: `model-${index}`, description: '' }));

      // when
      const diagnostic = only(lintPayload(chat(''), { provider: { ...groq, models } }));

      // then
      expect(diagnostic.message).toContain('(model-0, model-1, model-2, model-3, model-4, …)');
    });

    it('does not judge the model of the editable-URL catch-all, nor a model placeholder', () => {

      // then
      expect(lintPayload(chat(''), { provider: openAiCompatible })).toEqual([]);
      expect(lintPayload('{"model": "${modelName}", "messages": [{"role": "user", "content": "x"}]}', { provider: groq })).toEqual([]);
    });

    it('does not judge the model of a provider without a curated list', () => {

      // then
      expect(lintPayload(chat(''), { provider: { ...groq, models: [] } })).toEqual([]);
    });

    it('warns when the output limit is in the field the provider does not expect', () => {

      // given
      const text = chat(', "max_tokens": 100');

      // when
      const diagnostic = only(lintPayload(text, { provider: { ...reasoningProvider, models: [] } }));

      // then
      expect(diagnostic).toMatchObject({ severity: 'warning', code: 'chat/token-limit-field' });
      expect(at(text, diagnostic)).toBe('"max_tokens"');
    });
  });

  describe('key-like literals', () => {

    it.each([
      'gsk_8f3kD92mQpL0xZ7vB1nR4tYw',
      'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t',
      'fw_3ZxY9wV8uT7sR6qP5oN4mL3k'
    ])('reports %s as an error without repeating the key', (key) => {

      // given
      const text = chat(', "user": "Bearer ' + key + '"');

      // when
      const diagnostic = only(lintPayload(text));

      // then
      expect(diagnostic).toMatchObject({ severity: 'error', code: 'secret/key-literal' });
      expect(at(text, diagnostic)).toBe(key);
      expect(diagnostic.message).not.toContain(key.slice(4));
    });

    it('finds a key in a broken payload too', () => {

      // then
      expect(lintPayload('{"key": "gsk_8f3kD92mQpL0xZ7vB1nR4tYw",').map((diagnostic) => diagnostic.code))
        .toEqual([ 'json/syntax', 'secret/key-literal' ]);
    });

    it('knows the provider\'s own key prefix', () => {

      // then
      expect(only(lintPayload(chat(', "user": "rsn_8f3kD92mQpL0xZ7vB1nR4tYw"'), { provider: { ...reasoningProvider, models: [] } })).code)
        .toBe('secret/key-literal');
    });

    it.each([
      'task-management-and-scheduling-assistant',
      'sk-learn-based-classification-of-tickets',
      'gsk_short1',
      'risk-9f3kD92mQpL0xZ7vB1nR4tYw'
    ])('leaves ordinary text like %s alone', (text) => {

      // then
      expect(lintPayload(chat(`, "user": "${text}"`))).toEqual([]);
    });
  });
});

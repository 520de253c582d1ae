/** The verdict on a structured answer: parsed, valid against the task's schema, or why not. */
import { describe, expect, it } from 'vitest';

import { applyResponseMapping } from '../../../runtime/mapping';
import { STARTER_SCHEMAS, checkStructuredAnswer, compileSchema, schemaPaths, schemaProblems } from '../../../runtime/structured';

const SCHEMA = {
  type: 'object',
  properties: {
    priority: { type: 'string', enum: [ 'low', 'medium', 'high' ] },
    amount: { type: 'number' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: [ 'sku' ] } }
  },
  required: [ 'priority', 'amount' ],
  additionalProperties: false
};

const SCHEMA_REQUEST = JSON.stringify({
  model: 'm',
  messages: [ { role: 'user', content: 'classify' } ],
  response_format: { type: 'json_schema', json_schema: { name: 'ticket', strict: true, schema: SCHEMA } }
});

function answer(content: string | null, message: Record<string, unknown> = {}): unknown {
  return { choices: [ { message: { role: 'assistant', content, ...message }, finish_reason: 'stop' } ] };
}

describe('structured/check: checkStructuredAnswer', () => {

  it('has nothing to check when the task asks for text and maps no path into JSON', () => {

    // then
    expect(checkStructuredAnswer({ request: '{"model": "m", "messages": []}', answer: answer('hello') })).toBeNull();
  });

  it('accepts an answer that follows the schema and hands out the parsed object', () => {

    // when
    const verdict = checkStructuredAnswer({ request: SCHEMA_REQUEST, answer: answer('{"priority": "high", "amount": 1250}') });

    // then
    expect(verdict).toMatchObject({ requested: 'schema', valid: true, problems: [], parsed: { priority: 'high', amount: 1250 }, schema: SCHEMA });
  });

  it('names every path where the answer breaks the schema, and the rule', () => {

    // when
    const verdict = checkStructuredAnswer({ request: SCHEMA_REQUEST, answer: answer('{"priority": "urgent", "items": [{}], "note": "x"}') });

    // then
    expect(verdict?.valid).toBe(false);
    expect(verdict?.parsed).toEqual({ priority: 'urgent', items: [ {} ], note: 'x' });
    expect(verdict?.problems).toEqual(expect.arrayContaining([
      { path: 'choices[0].message.content#priority', message: 'must be one of "low", "medium", "high"' },
      { path: 'choices[0].message.content#', message: 'required property "amount" is missing' },
      { path: 'choices[0].message.content#', message: 'property "note" is not allowed by the schema' },
      { path: 'choices[0].message.content#items[0]', message: 'required property "sku" is missing' }
    ]));
  });

  it('reports an answer that is not JSON with the text it got', () => {

    // when
    const verdict = checkStructuredAnswer({ request: SCHEMA_REQUEST, answer: answer('The priority is high.') });

    // then
    expect(verdict?.valid).toBe(false);
    expect(verdict?.problems).toEqual([ { path: 'choices[0].message.content', message: expect.stringContaining('"The priority is high."') } ]);
  });

  it('reports a refusal as what it is', () => {

    // when
    const verdict = checkStructuredAnswer({ request: SCHEMA_REQUEST, answer: answer(null, { refusal: 'I cannot help with that.' }) });

    // then
    expect(verdict?.problems).toEqual([ { path: 'choices[0].message.refusal', message: 'the model refused to answer: I cannot help with that.' } ]);
  });

  it('checks JSON mode for JSON only', () => {

    // given
    const request = '{"model": "m", "messages": [], "response_format": {"type": "json_object"}}';

    // then
    expect(checkStructuredAnswer({ request, answer: answer('{"anything": [1, 2]}') })).toMatchObject({ requested: 'json', valid: true });
    expect(checkStructuredAnswer({ request, answer: answer('{"anything": [1, 2') })?.valid).toBe(false);
  });

  it('checks a text task\'s answer when a mapping path reads into it as JSON', () => {

    // given
    const mapping = applyResponseMapping(answer('no JSON here'), { priority: 'choices[0].message.content#priority' });

    // when
    const verdict = checkStructuredAnswer({ request: '{"model": "m", "messages": []}', answer: answer('no JSON here'), undecodable: mapping.undecodable, mapsIntoJson: true });

    // then
    expect(verdict).toMatchObject({ requested: 'text', valid: false });
    expect(verdict?.problems[0]).toMatchObject({ path: 'choices[0].message.content', message: expect.stringContaining('mapped by priority') });
  });

  describe('tool calls', () => {

    const TOOLS_REQUEST = JSON.stringify({
      model: 'm',
      messages: [],
      tools: [ { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { orderId: { type: 'integer' } }, required: [ 'orderId' ] } } } ]
    });

    function toolAnswer(args: string): unknown {
      return answer(null, { tool_calls: [ { id: 'c1', type: 'function', function: { name: 'lookup', arguments: args } } ] });
    }

    it('accepts arguments that follow the function\'s parameters', () => {

      // then
      expect(checkStructuredAnswer({ request: TOOLS_REQUEST, answer: toolAnswer('{"orderId": 42}') })).toMatchObject({ valid: true, problems: [] });
    });

    it('names arguments that are not JSON or break the parameters', () => {

      // then
      expect(checkStructuredAnswer({ request: TOOLS_REQUEST, answer: toolAnswer('{"orderId": ') })?.problems[0].message).toContain('arguments of lookup are not JSON');
      expect(checkStructuredAnswer({ request: TOOLS_REQUEST, answer: toolAnswer('{"orderId": "x"}') })?.problems).toEqual([
        { path: 'choices[0].message.tool_calls[0].function.arguments#orderId', message: 'must be integer' }
      ]);
    });
  });
});

describe('structured/schema-check', () => {

  it('compiles draft 2020-12 schemas that name their dialect', () => {

    // when
    const compiled = compileSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { a: { type: 'string' } } });

    // then
    expect('validate' in compiled && schemaProblems(compiled.validate, { a: 1 }, 'x#')).toEqual([ { path: 'x#a', message: 'must be string' } ]);
  });

  it('says why a schema cannot be used', () => {

    // then
    expect(compileSchema({ type: 'objekt' })).toEqual({ error: expect.stringContaining('not a usable JSON Schema') });
    expect(compileSchema([ 1 ])).toEqual({ error: expect.stringContaining('must be a JSON object') });
  });
});

describe('structured/starters', () => {

  it.each(STARTER_SCHEMAS.map(starter => [ starter.id, starter ] as const))('%s is a usable schema with typed properties', (_id, starter) => {

    // when
    const compiled = compileSchema(starter.schema);

    // then
    expect('validate' in compiled).toBe(true);
    expect(schemaPaths(starter.schema).length).toBeGreaterThan(1);
  });

  it('offers a classification with an enum, an extraction with typed fields and a yes/no with a reason', () => {

    // then
    expect(STARTER_SCHEMAS.map(starter => starter.id)).toEqual([ 'classification', 'extraction', 'decision' ]);
    expect(schemaPaths(STARTER_SCHEMAS[2].schema)).toEqual([
      { path: 'approved', type: 'boolean' },
      { path: 'reason', type: 'string' }
    ]);
  });
});

describe('structured/schema-paths', () => {

  it('lists nested properties and array items as paths written after #', () => {

    // then
    expect(schemaPaths(SCHEMA).map(entry => entry.path)).toEqual([ 'priority', 'amount', 'items', 'items[0].sku' ]);
    expect(schemaPaths(SCHEMA)[0]).toEqual({ path: 'priority', type: 'string' });
  });
});

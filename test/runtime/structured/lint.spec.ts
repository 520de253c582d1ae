/** Lint of a response schema and of `#` mapping paths against the payload's format. */
import { describe, expect, it } from 'vitest';

import { lintSchema, lintStructuredMapping } from '../../../runtime/structured';

const STRICT = '{"type": "object", "properties": {"priority": {"type": "string", "enum": ["low", "high"]}}, "required": ["priority"], "additionalProperties": false}';

function codes(text: string): string[] {
  return lintSchema(text).map(diagnostic => diagnostic.code);
}

describe('structured/schema-lint: lintSchema', () => {

  it('finds nothing in a strict schema', () => {

    // then
    expect(lintSchema(STRICT)).toEqual([]);
  });

  it('reports JSON syntax with its place', () => {

    // when
    const [ first ] = lintSchema('{"type": "object",}');

    // then
    expect(first).toMatchObject({ severity: 'error', code: 'json/syntax' });
  });

  it('names a type that is not a JSON type, with a suggestion, at its place', () => {

    // given
    const text = '{"type": "objekt"}';

    // when
    const [ problem ] = lintSchema(text);

    // then
    expect(problem).toMatchObject({ severity: 'error', code: 'schema/type', message: expect.stringContaining('did you mean "object"') });
    expect(text.slice(problem.from, problem.to)).toBe('"objekt"');
  });

  it('warns about a misspelt keyword, a required name without property and a strict-mode gap', () => {

    // then
    expect(codes('{"type": "object", "propertys": {}}')).toEqual([ 'schema/unknown-keyword' ]);
    expect(lintSchema('{"type": "object", "propertys": {}}')[0].message).toContain('did you mean "properties"');
    expect(codes('{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["b"], "additionalProperties": false}')).toEqual([ 'schema/required-unknown' ]);
    expect(codes('{"type": "object", "properties": {"a": {"type": "string"}}}')).toEqual([ 'schema/strict' ]);
  });

  it('looks into nested properties and array items', () => {

    // then
    expect(codes('{"type": "object", "properties": {"items": {"type": "array", "items": {"type": "strin"}}}, "additionalProperties": false}')).toEqual([ 'schema/type' ]);
  });

  it('refuses a schema that is not an object, and an empty one', () => {

    // then
    expect(codes('[1]')).toEqual([ 'schema/not-object' ]);
    expect(codes('  ')).toEqual([ 'schema/empty' ]);
  });
});

describe('structured/mapping-lint: lintStructuredMapping', () => {

  const SCHEMA_PAYLOAD = `{"model": "m", "messages": [], "response_format": {"type": "json_schema", "json_schema": {"name": "t", "schema": ${STRICT}}}}`;

  it('warns when a path reads the answer as JSON but the payload asks for text', () => {

    // when
    const problems = lintStructuredMapping({ priority: 'choices[0].message.content#priority' }, '{"model": "m", "messages": []}');

    // then
    expect(problems).toEqual([ { key: 'priority', message: expect.stringContaining('the payload asks for text') } ]);
  });

  it('warns about a property the schema does not have, suggesting the closest', () => {

    // when
    const problems = lintStructuredMapping({ prio: 'choices[0].message.content#priorty', ok: 'choices[0].message.content#priority', reply: 'choices[0].message.content' }, SCHEMA_PAYLOAD);

    // then
    expect(problems).toEqual([ { key: 'prio', message: 'prio: the task\'s schema has no `priorty`; did you mean `priority`?' } ]);
  });

  it('leaves tool-call arguments alone', () => {

    // then
    expect(lintStructuredMapping({ id: 'choices[0].message.tool_calls[0].function.arguments#id' }, '{"model": "m", "messages": []}')).toEqual([]);
  });
});

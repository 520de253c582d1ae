import { describe, expect, it } from 'vitest';

import { checkSchema, parseTemplate, type FieldRule } from '../../../runtime/template';

const SHAPE: FieldRule = {
  type: [ 'object' ],
  required: [ 'kind' ],
  properties: {
    kind: { type: [ 'string' ], enum: [ 'circle', 'square' ] },
    size: { type: [ 'number' ], minimum: 0 },
    tags: { type: [ 'array' ], maxItems: 2, items: { type: [ 'string' ] } }
  },
  variants: {
    property: 'kind',
    rules: {
      circle: { type: [ 'object' ], required: [ 'radius' ], properties: { radius: { type: [ 'integer' ] } } },
      square: { type: [ 'object' ], required: [ 'side' ] }
    }
  }
};

function messages(text: string, rule: FieldRule = SHAPE): string[] {
  return checkSchema(parseTemplate(text).root!, rule).map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

describe('template/check-schema', () => {

  it('accepts a value that keeps every rule', () => {

    // then
    expect(messages('{"kind": "circle", "radius": 2, "size": 1.5, "tags": ["a"]}')).toEqual([]);
  });

  it('applies the variant the selector names', () => {

    // then
    expect(messages('{"kind": "square"}')).toEqual([ 'chat/required: the payload has no `side` field; chat completions require it' ]);
    expect(messages('{"kind": "circle", "radius": 2.5}')).toEqual([ 'chat/type: `radius` must be an integer; found 2.5' ]);
  });

  it('applies only the common rules when the selector is unknown or a placeholder', () => {

    // then
    expect(messages('{"kind": "${k}"}')).toEqual([]);
    expect(messages('{"kind": "star"}')).toEqual([ 'chat/enum: `kind` must be one of "circle", "square"; found "star"' ]);
  });

  it('counts an integer as a number', () => {

    // then
    expect(messages('{"kind": "circle", "radius": 1, "size": 3}')).toEqual([]);
  });

  it('names nested places by their path', () => {

    // then
    expect(messages('{"kind": "circle", "radius": 1, "tags": ["a", 2, "c"]}')).toEqual([
      'chat/max-items: `tags` may hold at most 2 items; found 3',
      'chat/type: `tags[1]` must be a string; found 2'
    ]);
  });

  it('lets a whole-value placeholder stand for anything, even the root', () => {

    // then
    expect(messages('{"kind": "circle", "radius": ${r}, "tags": ${t}}')).toEqual([]);
    expect(messages('${whole}')).toEqual([]);
  });

  it('does not check members the rule does not list', () => {

    // then
    expect(messages('{"kind": "square", "side": 1, "colour": 5}')).toEqual([]);
  });
});

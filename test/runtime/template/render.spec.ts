import { describe, expect, it } from 'vitest';

import { TemplateError } from '../../../runtime/errors';
import { renderTemplate } from '../../../runtime/template';
import { SEED_PAYLOAD } from './fixtures/providers';

function renderError(text: string, variables: Record<string, unknown>): TemplateError {
  try {
    renderTemplate(text, variables);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);

    return error as TemplateError;
  }

  throw new Error('expected the template to be refused');
}

describe('template/render', () => {

  it('inserts a string inside a string JSON-escaped', () => {

    // when
    const body = renderTemplate(SEED_PAYLOAD, { userMessage: 'He said "hi"\nthen left \\ quickly' });

    // then
    expect(JSON.parse(body).messages[1].content).toBe('He said "hi"\nthen left \\ quickly');
  });

  it('keeps every byte of the template outside the placeholders', () => {

    // when
    const body = renderTemplate(SEED_PAYLOAD, { userMessage: 'plain' });

    // then
    expect(body).toBe(SEED_PAYLOAD.replace('${userMessage}', 'plain'));
  });

  it('inserts a non-string value inside a string as its JSON text', () => {

    // when
    const body = renderTemplate('{"a": "order ${order}, n=${n}, ok=${ok}"}', { order: { id: 7 }, n: 2.5, ok: false });

    // then
    expect(JSON.parse(body).a).toBe('order {"id":7}, n=2.5, ok=false');
  });

  it('inserts a whole value as its JSON, quoting a string', () => {

    // when
    const body = renderTemplate('{"max_tokens": ${limit}, "model": ${model}, "stop": ${stop}, "seed": ${seed}}',
      { limit: 256, model: 'llama', stop: [ '\n', 'END' ], seed: null });

    // then
    expect(JSON.parse(body)).toEqual({ max_tokens: 256, model: 'llama', stop: [ '\n', 'END' ], seed: null });
  });

  it('follows .field, [index] and ["key"] steps into a JSON variable', () => {

    // when
    const body = renderTemplate('{"a": "${order.items[1]["unit price"]}", "b": ${order.items[0]}}',
      { order: { items: [ { sku: 'A' }, { 'unit price': 9.5 } ] } });

    // then
    expect(JSON.parse(body)).toEqual({ a: '9.5', b: { sku: 'A' } });
  });

  it('writes $${ as a literal ${', () => {

    // when
    const body = renderTemplate('{"a": "$${notAVariable} and ${x}"}', { x: 1 });

    // then
    expect(JSON.parse(body).a).toBe('${notAVariable} and 1');
  });

  it('lets a JSON-escaped $ stand right before a placeholder', () => {

    // when
    const body = renderTemplate('{"price": "\\u0024${price}"}', { price: '19.99' });

    // then
    expect(JSON.parse(body).price).toBe('$19.99');
  });

  it('refuses a variable without value, naming it', () => {

    // when
    const error = renderError(SEED_PAYLOAD, {});

    // then
    expect(error.code).toBe('template/missing-variable');
    expect(error.variable).toBe('userMessage');
    expect(error.message).toContain('variable userMessage has no value');
    expect(SEED_PAYLOAD.slice(error.from, error.to)).toBe('${userMessage}');
  });

  it('treats undefined as no value, but null as a value', () => {

    // then
    expect(renderError('{"a": ${x}}', { x: undefined }).variable).toBe('x');
    expect(JSON.parse(renderTemplate('{"a": ${x}, "b": "${x}"}', { x: null }))).toEqual({ a: null, b: 'null' });
  });

  it('names every missing variable once', () => {

    // when
    const error = renderError('{"a": "${x} ${y} ${x}"}', {});

    // then
    expect(error.message.match(/variable x has no value/g)).toHaveLength(1);
    expect(error.message).toContain('variable y has no value');
  });

  it('says which step of a path is missing', () => {

    // when
    const error = renderError('{"a": "${order.items[3].sku}"}', { order: { items: [ {} ] } });

    // then
    expect(error.variable).toBe('order');
    expect(error.message).toContain('order.items has no item [3]');
  });

  it('does not take inherited properties for values', () => {

    // then
    expect(renderError('{"a": "${x.constructor}"}', { x: {} }).code).toBe('template/missing-variable');
    expect(renderError('{"a": "${toString}"}', {}).code).toBe('template/missing-variable');
  });

  it.each([
    [ '{"a": "${x"}', 'template/unclosed-placeholder' ],
    [ '{"a": "${x y}"}', 'template/invalid-placeholder' ],
    [ '{"a": 1,}', 'template/invalid-json' ],
    [ '{"a": "${x}" "b": 1}', 'template/invalid-json' ]
  ])('refuses %j before looking at variables (%s)', (text, code) => {

    // when
    const error = renderError(text, { x: 'value' });

    // then
    expect(error.code).toBe(code);
    expect(error.from).toBeTypeOf('number');
  });

  it.each([
    [ 'a function', () => 1 ],
    [ 'a bigint', 10n ],
    [ 'a symbol', Symbol('s') ],
    [ 'NaN', Number.NaN ],
    [ 'Infinity', Number.POSITIVE_INFINITY ],
    [ 'an object with a cycle', (() => { const cycle: Record<string, unknown> = {}; cycle.self = cycle; return cycle; })() ]
  ])('refuses a value JSON cannot hold (%s)', (_, value) => {

    // when
    const error = renderError('{"a": ${x}}', { x: value });

    // then
    expect(error.code).toBe('template/unserializable-value');
    expect(error.variable).toBe('x');
  });
});

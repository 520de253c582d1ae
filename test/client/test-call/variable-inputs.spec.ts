import { describe, expect, it } from 'vitest';

import { inputValue, payloadVariables, runVariables } from '../../../client/test-call/variable-inputs';

describe('payloadVariables', () => {

  it('lists each root variable once, in the order the payload uses them', () => {

    // given
    const payload = '{"messages": [{"role": "user", "content": "${order.items[0]} for ${name}, again ${order.id}"}], "max_tokens": ${limit}}';

    // when
    const names = payloadVariables(payload);

    // then
    expect(names).toEqual([ 'order', 'name', 'limit' ]);
  });

  it('ignores an escaped $${', () => {
    expect(payloadVariables('{"content": "costs $${price}"}')).toEqual([]);
  });
});

describe('inputValue', () => {

  it('keeps text that looks like a number as text', () => {
    expect(inputValue({ text: '42', json: false })).toEqual({ ok: true, value: '42', asJson: false });
  });

  it('reads a ticked value as JSON', () => {
    expect(inputValue({ text: '42', json: true })).toEqual({ ok: true, value: 42, asJson: true });
  });

  it('reads an object as JSON without the tick', () => {
    expect(inputValue({ text: ' {"name": "Ada"} ', json: false })).toEqual({ ok: true, value: { name: 'Ada' }, asJson: true });
  });

  it('keeps text starting with [ that is not JSON as text', () => {
    expect(inputValue({ text: '[urgent] call back', json: false })).toEqual({ ok: true, value: '[urgent] call back', asJson: false });
  });

  it('refuses a ticked value that does not parse, saying how to send it as text', () => {

    // when
    const value = inputValue({ text: 'not json', json: true });

    // then
    expect(value.ok).toBe(false);
    expect(!value.ok && value.problem).toMatch(/^not valid JSON \(.+\); untick JSON to send it as text$/);
  });
});

describe('runVariables', () => {

  it('names the input at fault', () => {

    // when
    const { problems } = runVariables([ 'limit', 'name' ], { limit: { text: '{', json: true }, name: { text: 'Ada', json: false } });

    // then
    expect(Object.keys(problems)).toEqual([ 'limit' ]);
    expect(problems.limit).toMatch(/^limit: not valid JSON/);
  });

  it('sends an input never typed as an empty string', () => {
    expect(runVariables([ 'name' ], {}).variables).toEqual({ name: '' });
  });

  it('leaves an input marked unset out of the variables, unlike an empty one', () => {

    // when
    const { variables, problems } = runVariables([ 'name', 'note' ], { name: { text: 'Ada', json: false, unset: true }, note: { text: '', json: false } });

    // then
    expect(variables).toEqual({ note: '' });
    expect(problems).toEqual({});
  });

  it('does not check the text of an unset input', () => {
    expect(runVariables([ 'limit' ], { limit: { text: '{', json: true, unset: true } }).problems).toEqual({});
  });
});

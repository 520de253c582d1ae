import { describe, expect, it } from 'vitest';

import { lintTask, lintTaskConfiguration } from '../../../runtime/lint/lint-task';

const KEY = 'gsk_8f3KdLq0sP2xYvB7nM4tR1wZ';

function lint(properties: Record<string, string>) {
  return lintTask({ properties: { 'catalyst.provider': 'groq', ...properties }, knownVariables: [] });
}

describe('runtime/lint lintTask', () => {

  it.each([
    [ 'catalyst.url', `https://api.groq.com/openai/v1/chat/completions?api_key=${KEY}` ],
    [ 'catalyst.authPrefix', `Bearer ${KEY}` ]
  ])('flags a key pasted into %s, without repeating it', (property, value) => {

    // when
    const diagnostics = lint({ [property]: value });

    // then
    expect(diagnostics).toContainEqual({
      from: 0,
      to: 0,
      severity: 'error',
      code: 'secret/key-literal',
      property,
      message: `${property} holds what looks like a real API key; keep keys out of the BPMN: put the key where catalyst.secretSource and catalyst.secretName point`
    });
    expect(JSON.stringify(diagnostics)).not.toContain(KEY);
  });


  it('does not flag a task written as the panel writes it', () => {
    expect(lint({}).filter(diagnostic => diagnostic.code === 'secret/key-literal')).toEqual([]);
  });


  it('does not take a word-built secret name for a key, as the runtime and the panel do not', () => {

    // when
    const diagnostics = lint({ 'catalyst.provider': 'fireworks', 'catalyst.secretSource': 'variable', 'catalyst.secretName': 'fw_key_prod_2024_primary' });

    // then
    expect(diagnostics.filter(diagnostic => diagnostic.code === 'secret/key-literal')).toEqual([]);
  });


  it('warns about an unknown catalyst property on that property, with the closest name', () => {

    // when
    const diagnostics = lint({ 'catalyst.timout': 'PT5S' });

    // then
    expect(diagnostics).toContainEqual(expect.objectContaining({
      severity: 'warning',
      code: 'config/unknown-property',
      property: 'catalyst.timout',
      message: 'catalyst.timout is not a Catalyst property and is ignored; did you mean catalyst.timeout?'
    }));
  });


  it('warns on the URL when an editable URL is still the placeholder', () => {

    // when
    const diagnostics = lint({ 'catalyst.provider': 'openai-compatible', 'catalyst.url': 'http://localhost:8000/v1/chat/completions' });

    // then
    expect(diagnostics.filter(diagnostic => diagnostic.code === 'config/url-placeholder')).toEqual([
      expect.objectContaining({ severity: 'warning', property: 'catalyst.url' })
    ]);
  });


  it('warns on the auth type when a hosted provider sends no key', () => {

    // when
    const diagnostics = lint({ 'catalyst.authType': 'none' });

    // then
    expect(diagnostics).toContainEqual(expect.objectContaining({
      severity: 'warning',
      code: 'config/no-auth',
      property: 'catalyst.authType',
      message: 'Groq needs an API key, but catalyst.authType is none'
    }));
  });


  it('does not warn about missing auth for a hand-written Ollama task', () => {

    // when
    const diagnostics = lintTask({ properties: { 'catalyst.provider': 'ollama' } });

    // then
    expect(diagnostics).toEqual([]);
  });


  it('warns on the response mapping about a standard variable mapped over', () => {

    // when
    const diagnostics = lint({ 'catalyst.responseMapping': '{"catalyst_success": "choices[0].message.content"}' });

    // then
    expect(diagnostics.filter(diagnostic => diagnostic.code === 'mapping/response')).toEqual([
      expect.objectContaining({ severity: 'warning', property: 'catalyst.responseMapping' })
    ]);
  });


  it('reports a configuration problem as an error on its property', () => {

    // when
    const diagnostics = lint({ 'catalyst.retries': 'many' });

    // then
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'config/retries', property: 'catalyst.retries' }));
  });


  it('keeps payload findings at their offsets in the payload', () => {

    // when
    const diagnostics = lint({ 'catalyst.payload': '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}' });

    // then
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'chat/unknown-model', property: 'catalyst.payload', from: 9, to: 17 }));
  });

});

describe('runtime/lint lintTaskConfiguration', () => {

  it('reports what lintTask reports, in its order, except the payload and mapping findings', () => {

    // given: a task with findings of every kind
    const properties = {
      'catalyst.provider': 'groq',
      'catalyst.timout': 'PT1M',
      'catalyst.retries': 'many',
      'catalyst.authType': 'none',
      'catalyst.authPrefix': `Bearer ${KEY}`,
      'catalyst.payload': '{"model":"gpt-4o","messages":[{"role":"user","content":"${x"}]}',
      'catalyst.responseMapping': '{"catalyst_success": "choices[0].message.content"}'
    };
    const all = lintTask({ properties, knownVariables: [] });

    // when
    const configuration = lintTaskConfiguration(properties);

    // then
    expect(configuration).toEqual(all.filter(finding => finding.property !== 'catalyst.payload' && !finding.code.startsWith('mapping/')));
    expect(new Set(configuration.map(finding => finding.code))).toEqual(new Set([ 'config/retries', 'config/unknown-property', 'config/no-auth', 'secret/key-literal' ]));
  });

});

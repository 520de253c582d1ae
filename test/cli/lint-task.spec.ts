import { describe, expect, it } from 'vitest';

import { lintTask } from '../../cli/lint-task';

const KEY = 'gsk_8f3KdLq0sP2xYvB7nM4tR1wZ';

function lint(properties: Record<string, string>) {
  return lintTask({ properties: { 'catalyst.provider': 'groq', ...properties }, knownVariables: [] });
}

describe('cli/lint-task', () => {

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

});

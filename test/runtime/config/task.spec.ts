import { describe, expect, it } from 'vitest';

import { isCatalystTask, secretEnvName, secretVariableName } from '../../../runtime/config';

describe('runtime/config task helpers', () => {

  it('recognises an external task on topic catalyst', () => {
    expect(isCatalystTask({ type: 'external', topic: 'catalyst' })).toBe(true);
  });


  it.each([
    [ { type: 'external', topic: 'other' } ],
    [ { type: undefined, topic: 'catalyst' } ],
    [ {} ]
  ])('does not take %j for a Catalyst task', element => {
    expect(isCatalystTask(element)).toBe(false);
  });


  it('upper-cases a secret name for the environment', () => {
    expect(secretEnvName('groq_api_key')).toBe('GROQ_API_KEY');
  });


  it('replaces characters a shell variable cannot hold', () => {
    expect(secretEnvName('lm-studio.key')).toBe('LM_STUDIO_KEY');
  });



  it('reads the variable of a ${var} secret name', () => {
    expect(secretVariableName(' ${ apiKey } ')).toBe('apiKey');
  });


  it.each([ 'ollama', '${api key}', '${}', '$apiKey' ])('takes %j for a literal', name => {
    expect(secretVariableName(name)).toBeNull();
  });

});

import { describe, expect, it } from 'vitest';

import { applyResponseMapping } from '../../../runtime/mapping';

const SEED_MAPPING = {
  aiReply: 'choices[0].message.content',
  modelUsed: 'model',
  promptTokens: 'usage.prompt_tokens',
  completionTokens: 'usage.completion_tokens',
  finishReason: 'choices[0].finish_reason'
};

const RESPONSE = {
  model: 'llama-3.3-70b-versatile',
  choices: [ { message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' } ],
  usage: { prompt_tokens: 12, completion_tokens: 3 }
};

describe('mapping/response-mapping', () => {

  it('sets each variable to the value at its path', () => {

    // when
    const result = applyResponseMapping(RESPONSE, SEED_MAPPING);

    // then
    expect(result.variables).toEqual({
      aiReply: 'Hi there',
      modelUsed: 'llama-3.3-70b-versatile',
      promptTokens: 12,
      completionTokens: 3,
      finishReason: 'stop'
    });
    expect(result.warnings).toEqual([]);
  });

  it('sets a variable whose path finds nothing to null and warns naming variable and path', () => {

    // given
    const response = { ...RESPONSE, usage: undefined };

    // when
    const result = applyResponseMapping(response, SEED_MAPPING);

    // then
    expect(result.variables.promptTokens).toBeNull();
    expect(result.variables.aiReply).toBe('Hi there');
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toContain('promptTokens');
    expect(result.warnings[0]).toContain('usage.prompt_tokens');
  });

  it('keeps objects and arrays found at a path whole', () => {

    // when
    const result = applyResponseMapping(RESPONSE, { usage: 'usage', choices: '$.choices' });

    // then
    expect(result.variables.usage).toEqual(RESPONSE.usage);
    expect(result.variables.choices).toEqual(RESPONSE.choices);
  });

  it('turns an invalid path into null and a warning, leaving other variables intact', () => {

    // when
    const result = applyResponseMapping(RESPONSE, { broken: 'choices[', modelUsed: 'model' });

    // then
    expect(result.variables).toEqual({ broken: null, modelUsed: 'llama-3.3-70b-versatile' });
    expect(result.warnings[0]).toMatch(/broken.*choices\[/);
  });

  it('maps nothing from a body that is not an object', () => {

    // when
    const result = applyResponseMapping('plain text', { aiReply: 'choices[0].message.content' });

    // then
    expect(result.variables.aiReply).toBeNull();
    expect(result.warnings).toHaveLength(1);
  });
});

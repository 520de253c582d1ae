import { describe, expect, it } from 'vitest';

import { newTaskProperties, readTaskConfig, switchProviderProperties } from '../../../runtime/config';
import { getPayloadModel } from '../../../runtime/template';

describe('runtime/config newTaskProperties', () => {

  it('writes every catalyst.* property of design §2 with the provider\'s defaults', () => {

    // when
    const props = newTaskProperties('groq');

    // then
    expect(Object.keys(props).sort()).toEqual([
      'catalyst.authHeader', 'catalyst.authPrefix', 'catalyst.authType', 'catalyst.errorMapping',
      'catalyst.payload', 'catalyst.provider', 'catalyst.responseMapping', 'catalyst.retries',
      'catalyst.secretName', 'catalyst.secretSource', 'catalyst.timeout', 'catalyst.url', 'catalyst.version'
    ]);
    expect(props['catalyst.url']).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(props['catalyst.secretName']).toBe('groq_api_key');
    expect(JSON.parse(props['catalyst.errorMapping'])).toEqual({ '429': 'RATE_LIMITED', '401': 'AUTH_FAILED', '400': 'INVALID_REQUEST' });
  });


  it('writes the error mapping in the seeds\' order, 429 first', () => {
    expect(newTaskProperties('groq')['catalyst.errorMapping']).toBe(
      '{\n  "429": "RATE_LIMITED",\n  "401": "AUTH_FAILED",\n  "400": "INVALID_REQUEST"\n}'
    );
  });


  it('rejects an unknown provider', () => {
    expect(() => newTaskProperties('grok')).toThrow(/^catalyst\.provider: unknown provider "grok"/);
  });

});


describe('runtime/config switchProviderProperties', () => {

  it('moves every untouched default to the new provider', () => {

    // given
    const props = newTaskProperties('groq');

    // when
    const switched = switchProviderProperties(props, 'fireworks');

    // then
    expect(switched).toEqual({
      ...newTaskProperties('fireworks'),
      'catalyst.payload': props['catalyst.payload'].replace('llama-3.3-70b-versatile', 'accounts/fireworks/models/llama-v3p3-70b-instruct')
    });
  });


  it('replaces an untouched default payload whole (OpenAI wants max_completion_tokens)', () => {
    const switched = switchProviderProperties(newTaskProperties('groq'), 'openai');

    expect(switched['catalyst.payload']).toContain('"max_completion_tokens": 1024');
  });


  it('moves a URL, secret and auth the user changed to the new provider', () => {

    // given a task set up for a local server, with its own secret
    const props = {
      ...newTaskProperties('openai-compatible'),
      'catalyst.url': 'http://localhost:11434/v1/chat/completions',
      'catalyst.secretName': 'ollama',
      'catalyst.secretSource': 'variable',
      'catalyst.authType': 'apiKeyHeader',
      'catalyst.authHeader': 'x-api-key',
      'catalyst.authPrefix': ''
    };

    // when
    const switched = switchProviderProperties(props, 'groq');

    // then the task talks to Groq with Groq's key, not to the old server
    expect(switched).toMatchObject({
      'catalyst.provider': 'groq',
      'catalyst.url': 'https://api.groq.com/openai/v1/chat/completions',
      'catalyst.secretName': 'groq_api_key',
      'catalyst.secretSource': 'env',
      'catalyst.authType': 'bearerToken',
      'catalyst.authHeader': 'Authorization',
      'catalyst.authPrefix': 'Bearer'
    });
  });


  it('keeps mappings, timeout and retries the user changed', () => {

    // given
    const props = {
      ...newTaskProperties('groq'),
      'catalyst.responseMapping': '{"answer": "choices[0].message.content"}',
      'catalyst.errorMapping': '{"429": "BUSY"}',
      'catalyst.timeout': 'PT2M',
      'catalyst.retries': '5'
    };

    // when
    const switched = switchProviderProperties(props, 'together');

    // then
    expect(switched).toMatchObject({
      'catalyst.responseMapping': '{"answer": "choices[0].message.content"}',
      'catalyst.errorMapping': '{"429": "BUSY"}',
      'catalyst.timeout': 'PT2M',
      'catalyst.retries': '5'
    });
  });


  it('keeps the user\'s payload text and changes only a model the new provider does not offer', () => {

    // given a payload the user wrote, with a Groq-only model
    const payload = '{\n  "model": "gemma2-9b-it",\n  "temperature": 0.2,\n  "messages": [{"role": "user", "content": "${question}"}]\n}';
    const props = { ...newTaskProperties('groq'), 'catalyst.payload': payload };

    // when
    const switched = switchProviderProperties(props, 'together');

    // then
    expect(switched['catalyst.payload']).toBe(payload.replace('gemma2-9b-it', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'));
  });


  it('keeps a model the new provider also offers', () => {

    // given a model Groq does not list but Ollama does
    const payload = '{"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}';

    // when
    const switched = switchProviderProperties({ 'catalyst.provider': 'groq', 'catalyst.payload': payload }, 'ollama');

    // then
    expect(getPayloadModel(switched['catalyst.payload'])?.value).toBe('llama3.2');
  });


  it('preserves properties it does not know', () => {
    const switched = switchProviderProperties({ ...newTaskProperties('groq'), 'catalyst.note': 'x', owner: 'ops' }, 'ollama');

    expect(switched).toMatchObject({ 'catalyst.note': 'x', owner: 'ops' });
  });


  it('does not add a payload or mappings that were absent', () => {
    const switched = switchProviderProperties({ 'catalyst.provider': 'groq' }, 'ollama');

    expect(Object.keys(switched).sort()).toEqual([
      'catalyst.authHeader', 'catalyst.authPrefix', 'catalyst.authType', 'catalyst.provider',
      'catalyst.secretName', 'catalyst.secretSource', 'catalyst.url'
    ]);
  });


  it('produces a task that reads cleanly with the new provider', () => {
    const switched = switchProviderProperties(newTaskProperties('openai-compatible'), 'ollama');

    expect(readTaskConfig(switched)).toMatchObject({ provider: 'ollama', url: 'http://localhost:11434/v1/chat/completions', authType: 'none' });
  });

});

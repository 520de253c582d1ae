import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import catalog from '../../../resources/providers.json';
import schema from '../../../resources/providers.schema.json';
import { chatUrl, modelsUrl } from '../../../runtime/catalog/urls';
import { getProvider, providers, requireProvider } from '../../../runtime/catalog/providers';
import { ConfigError } from '../../../runtime/errors';

describe('runtime/catalog', () => {

  describe('resources/providers.json', () => {

    it('matches its JSON schema', () => {

      // given
      const validate = new Ajv({ allErrors: true }).compile(schema);

      // when
      const valid = validate(catalog);

      // then
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });


    it('schema rejects a provider with an unknown auth type', () => {

      // given
      const validate = new Ajv().compile(schema);
      const broken = [ { ...catalog[0], auth: { type: 'basic', header: 'Authorization', prefix: 'Basic' } } ];

      // then
      expect(validate(broken)).toBe(false);
    });


    it('lists the four seed connectors first, then the presets', () => {
      expect(providers.filter(provider => provider.connector).map(provider => provider.id))
        .toEqual([ 'openai-compatible', 'groq', 'together', 'fireworks' ]);

      expect(providers.filter(provider => !provider.connector).map(provider => provider.id))
        .toEqual([ 'openai', 'openrouter', 'ollama', 'lm-studio', 'vllm', 'localai', 'litellm', 'text-generation-webui' ]);
    });


    it('has unique ids', () => {
      const ids = providers.map(provider => provider.id);

      expect(new Set(ids).size).toBe(ids.length);
    });


    it('gives each provider a default model that is in its payload and its model list', () => {
      for (const provider of providers) {
        expect(JSON.parse(provider.defaultPayload.replace('${userMessage}', 'x')).model, provider.id).toBe(provider.defaultModel);
        expect(provider.models.map(model => model.id), provider.id).toContain(provider.defaultModel);
      }
    });


    it('uses the token-limit field each provider expects in its default payload', () => {
      for (const provider of providers) {
        const payload = JSON.parse(provider.defaultPayload.replace('${userMessage}', 'x'));

        expect(payload[provider.quirks.maxTokensField], provider.id).toBe(1024);
      }
    });


    it('carries the seeds\' default payload for the four connectors byte for byte', () => {
      const groq = requireProvider('groq');

      expect(groq.defaultPayload).toBe([
        '{',
        '  "model": "llama-3.3-70b-versatile",',
        '  "max_tokens": 1024,',
        '  "messages": [',
        '    {"role": "system", "content": "You are a helpful assistant."},',
        '    {"role": "user", "content": "${userMessage}"}',
        '  ]',
        '}'
      ].join('\n'));
    });


    it('has the seeds\' secret names, key prefixes and model counts', () => {
      const facts = [ 'openai-compatible', 'groq', 'together', 'fireworks' ].map(id => {
        const provider = requireProvider(id);

        return [ id, provider.secret.name, provider.keyPrefix, provider.models.length ];
      });

      expect(facts).toEqual([
        [ 'openai-compatible', 'compatible_api_key', null, 1 ],
        [ 'groq', 'groq_api_key', 'gsk_', 5 ],
        [ 'together', 'together_api_key', null, 4 ],
        [ 'fireworks', 'fireworks_api_key', 'fw_', 3 ]
      ]);
    });


    it('points the local presets at their usual ports', () => {
      const bases = [ 'ollama', 'lm-studio', 'vllm', 'localai', 'litellm', 'text-generation-webui' ].map(id => requireProvider(id).baseUrl);

      expect(bases).toEqual([
        'http://localhost:11434/v1',
        'http://localhost:1234/v1',
        'http://localhost:8000/v1',
        'http://localhost:8080/v1',
        'http://localhost:4000/v1',
        'http://localhost:5000/v1'
      ]);
    });


    it('describes the /models shapes of Together, Groq and Fireworks', () => {
      expect([ 'together', 'groq', 'fireworks', 'openai' ].map(id => requireProvider(id).modelsShape))
        .toEqual([ 'together-array', 'groq-list', 'fireworks-list', 'openai-list' ]);
    });


    it('records the OpenAI and OpenRouter quirks', () => {
      expect(requireProvider('openai').quirks.maxTokensField).toBe('max_completion_tokens');
      expect(requireProvider('openrouter').quirks).toMatchObject({ errorsIn200: true, reasoningField: 'reasoning' });
    });

  });


  describe('getProvider / requireProvider', () => {

    it('finds a provider by id', () => {
      expect(getProvider('groq')?.name).toBe('Groq');
    });


    it('returns undefined for an unknown id', () => {
      expect(getProvider('grok')).toBeUndefined();
    });


    it('throws a ConfigError on catalyst.provider listing the known ids', () => {

      // when
      const attempt = () => requireProvider('grok');

      // then
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/catalyst\.provider: unknown provider "grok"; known providers: openai-compatible, groq, together, fireworks/);
    });

  });


  describe('chatUrl / modelsUrl', () => {

    it('builds the chat endpoint from base URL and chat path', () => {
      expect(chatUrl(requireProvider('groq'))).toBe('https://api.groq.com/openai/v1/chat/completions');
      expect(chatUrl(requireProvider('fireworks'))).toBe('https://api.fireworks.ai/inference/v1/chat/completions');
    });


    it('builds the models endpoint from the catalog when no URL is given', () => {
      expect(modelsUrl(requireProvider('together'))).toBe('https://api.together.xyz/v1/models');
    });


    it('derives the models endpoint from a task\'s chat URL', () => {
      expect(modelsUrl(requireProvider('openai-compatible'), 'http://gpu-box:8000/v1/chat/completions'))
        .toBe('http://gpu-box:8000/v1/models');
    });


    it('takes a URL without /chat/completions as a base URL', () => {
      expect(modelsUrl(requireProvider('ollama'), 'http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434/v1/models');
    });


    it('drops the query of a chat URL', () => {
      expect(modelsUrl(requireProvider('openai-compatible'), 'https://host/v1/chat/completions?api-version=1'))
        .toBe('https://host/v1/models');
    });


    it('returns null for a provider without a models endpoint', () => {
      const provider = { ...requireProvider('groq'), modelsPath: null };

      expect(modelsUrl(provider, 'https://x/v1/chat/completions')).toBeNull();
    });

  });

});

import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../runtime/errors';
import { parseModels } from '../../../runtime/models/parse-models';

describe('parseModels', () => {
  it('reads an OpenAI list and marks non-chat models', () => {

    // given
    const json = { object: 'list', data: [
      { id: 'gpt-4o-mini', object: 'model', owned_by: 'system' },
      { id: 'text-embedding-3-small', object: 'model', owned_by: 'system' },
      { id: 'whisper-1', object: 'model', owned_by: 'openai-internal' },
      { id: 'tts-1-hd', object: 'model', owned_by: 'system' },
      { id: 'dall-e-3', object: 'model', owned_by: 'system' },
      { id: 'omni-moderation-latest', object: 'model', owned_by: 'system' }
    ] };

    // when
    const models = parseModels('openai-list', json);

    // then
    expect(models.map(model => [ model.id, model.chat ])).toEqual([
      [ 'gpt-4o-mini', true ],
      [ 'text-embedding-3-small', false ],
      [ 'whisper-1', false ],
      [ 'tts-1-hd', false ],
      [ 'dall-e-3', false ],
      [ 'omni-moderation-latest', false ]
    ]);
    expect(models[0].ownedBy).toBe('system');
  });

  it('skips Groq models that are not active', () => {

    // given
    const json = { object: 'list', data: [
      { id: 'llama-3.3-70b-versatile', owned_by: 'Meta', active: true, context_window: 131072 },
      { id: 'mixtral-8x7b-32768', owned_by: 'Mistral AI', active: false },
      { id: 'distil-whisper-large-v3-en', owned_by: 'Hugging Face', active: true }
    ] };

    // when
    const models = parseModels('groq-list', json);

    // then
    expect(models).toEqual([
      { id: 'llama-3.3-70b-versatile', ownedBy: 'Meta', chat: true },
      { id: 'distil-whisper-large-v3-en', ownedBy: 'Hugging Face', chat: false }
    ]);
  });

  it('reads Together\'s bare array, chat by its type', () => {

    // given
    const json = [
      { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', object: 'model', type: 'chat', display_name: 'Llama 3.3 70B Instruct Turbo', organization: 'Meta' },
      { id: 'BAAI/bge-large-en-v1.5', object: 'model', type: 'embedding', organization: 'BAAI' },
      { id: 'mistralai/Mixtral-8x7B-v0.1', object: 'model', type: 'language', organization: 'mistralai' }
    ];

    // when
    const models = parseModels('together-array', json);

    // then
    expect(models).toEqual([
      { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', ownedBy: 'Meta', description: 'Llama 3.3 70B Instruct Turbo', chat: true },
      { id: 'BAAI/bge-large-en-v1.5', ownedBy: 'BAAI', chat: false },
      { id: 'mistralai/Mixtral-8x7B-v0.1', ownedBy: 'mistralai', chat: false }
    ]);
  });

  it('reads Fireworks ids and their supports_chat flag', () => {

    // given
    const json = { object: 'list', data: [
      { id: 'accounts/fireworks/models/llama-v3p3-70b-instruct', owned_by: 'fireworks', supports_chat: true },
      { id: 'accounts/fireworks/models/flux-1-dev-fp8', owned_by: 'fireworks', supports_chat: false }
    ] };

    // then
    expect(parseModels('fireworks-list', json).map(model => [ model.id, model.chat ])).toEqual([
      [ 'accounts/fireworks/models/llama-v3p3-70b-instruct', true ],
      [ 'accounts/fireworks/models/flux-1-dev-fp8', false ]
    ]);
  });

  it('reads Ollama tags and recognises embedding models', () => {

    // given
    const json = { models: [
      { name: 'llama3.2:latest', model: 'llama3.2:latest', details: { family: 'llama', families: [ 'llama' ] } },
      { name: 'nomic-embed-text:latest', model: 'nomic-embed-text:latest', details: { family: 'nomic-bert', families: [ 'nomic-bert' ] } },
      { name: 'all-minilm:latest', model: 'all-minilm:latest', details: { family: 'bert', families: [ 'bert' ] } }
    ] };

    // then
    expect(parseModels('ollama-tags', json)).toEqual([
      { id: 'llama3.2:latest', chat: true },
      { id: 'nomic-embed-text:latest', chat: false },
      { id: 'all-minilm:latest', chat: false }
    ]);
  });

  it('rejects an answer of another shape with a plain message', () => {

    // when
    const parse = () => parseModels('openai-list', { models: [] });

    // then
    expect(parse).toThrow(ProviderError);
    expect(parse).toThrow('not an OpenAI-compatible answer: expected {"data": [...]}');
  });
});

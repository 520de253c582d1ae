/**
 * Hand-written tasks for local servers: a task that names only its provider, URL and
 * payload runs with the catalog's auth and secret defaults (design §2), so an Ollama task
 * never looks for an environment variable OLLAMA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { providers } from '../../../runtime/catalog/providers';
import { readTaskConfig } from '../../../runtime/config';
import { completion, json, startFaultServer, type FaultServer } from '../../support/fault-server';
import { DEFAULT_PAYLOAD, memorySecrets, run } from './task';

const LOCAL_PRESETS = providers.filter(provider => provider.local);

describe('executeTask: hand-written tasks for local servers', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('covers every local preset of the catalog', () => {
    expect(LOCAL_PRESETS.map(provider => provider.id)).toEqual(expect.arrayContaining([ 'ollama', 'lm-studio', 'vllm', 'localai', 'litellm', 'text-generation-webui' ]));
  });

  it('given a Text Generation WebUI started with --api-key, when its task switches to Bearer token, then it sends the key stored under the catalog\'s secret name', async () => {

    // given
    const url = server.route('/textgen-key/v1/chat/completions', json(200, completion('keyed hello')));
    const config = readTaskConfig({
      'catalyst.provider': 'text-generation-webui',
      'catalyst.url': url,
      'catalyst.payload': DEFAULT_PAYLOAD,
      'catalyst.authType': 'bearerToken'
    });

    // when
    const { result } = await run(config, { secrets: memorySecrets({ text_generation_webui_api_key: 'tg-key' }) });

    // then
    expect(result.outcome).toBe('complete');
    expect(server.requestsTo('/textgen-key/v1/chat/completions')[0].headers.authorization).toBe('Bearer tg-key');
  });

  for (const provider of LOCAL_PRESETS) {
    it(`given a ${ provider.name } task with only provider, URL and payload, when it runs, then it completes with the catalog's auth`, async () => {

      // given: no secret anywhere but, for a preset whose catalog auth needs one, under the catalog's name
      const url = server.route(`/${ provider.id }/v1/chat/completions`, json(200, completion('local hello')));
      const config = readTaskConfig({ 'catalyst.provider': provider.id, 'catalyst.url': url, 'catalyst.payload': DEFAULT_PAYLOAD });
      const secrets = memorySecrets(provider.auth.type === 'none' ? {} : { [ provider.secret.name ]: 'local-key' });

      // when
      const { result } = await run(config, { secrets });

      // then
      expect(result.error).toBeNull();
      expect(result.outcome).toBe('complete');
      expect(result.variables.aiReply).toBe('local hello');

      const [ request ] = server.requestsTo(`/${ provider.id }/v1/chat/completions`);
      expect(request.headers.authorization).toBe(provider.auth.type === 'none' ? undefined : `${ provider.auth.prefix } local-key`);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../runtime/errors';
import { listModels, type ModelsTarget } from '../../../runtime/models/list-models';
import { delayed, json, refusedUrl, startFaultServer, text, type FaultServer } from '../../support/fault-server';

const KEY = 'gsk_MODELSKEY0123456789abcdefghij';

describe('listModels', () => {
  let server: FaultServer;

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  function target(url: string, overrides: Partial<ModelsTarget> = {}): ModelsTarget {
    return { url, modelsShape: 'groq-list', authType: 'bearerToken', authHeader: 'Authorization', authPrefix: 'Bearer', ...overrides };
  }

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(() => null, (caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProviderError);
    expect(String((error as Error).message)).not.toContain(KEY);

    return error as ProviderError;
  }

  it('lists the models with the key in the auth header', async () => {

    // given
    const url = server.route('/v1/models', json(200, { object: 'list', data: [ { id: 'llama-3.3-70b-versatile', owned_by: 'Meta', active: true } ] }));

    // when
    const models = await listModels(target(url), { apiKey: KEY });

    // then
    expect(models).toEqual([ { id: 'llama-3.3-70b-versatile', ownedBy: 'Meta', chat: true } ]);
    expect(server.requestsTo('/v1/models')[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('says the key was rejected on 401', async () => {

    // given
    const url = server.route('/401/models', json(401, { error: { message: `Invalid API Key ${KEY}` } }));

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY }));

    // then
    expect(error.message).toBe(`the provider rejected the API key (HTTP 401) at ${url}`);
    expect(error.statusCode).toBe(401);
  });

  it('says there is no models list on 404', async () => {

    // given
    const url = server.route('/404/models', json(404, { error: 'not found' }));

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY }));

    // then
    expect(error.message).toBe(`the provider has no models list at ${url} (HTTP 404)`);
  });

  it('says a non-JSON answer is not OpenAI-compatible', async () => {

    // given
    const url = server.route('/html/models', text(200, '<html><body>Welcome</body></html>', 'text/html'));

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY }));

    // then
    expect(error.message).toBe(`not an OpenAI-compatible answer from ${url}: the body is not JSON`);
  });

  it('passes the provider message on for other statuses', async () => {

    // given
    const url = server.route('/500/models', json(500, { error: { message: 'database down' } }));

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY }));

    // then
    expect(error.message).toBe('listing models failed with HTTP 500: database down');
  });

  it('says when the server cannot be reached', async () => {

    // given
    const url = await refusedUrl('/v1/models');

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY }));

    // then
    expect(error.message).toBe(`cannot list models at ${url}: connection refused: no server listens at that address, ECONNREFUSED`);
  });

  it('gives up on a server that does not answer in time', async () => {

    // given
    const url = server.route('/slow/models', delayed(3_000, json(200, { data: [] })));

    // when
    const error = await failure(listModels(target(url), { apiKey: KEY, timeoutMs: 100 }));

    // then
    expect(error.message).toBe(`cannot list models at ${url}: no answer in time`);
  });

  it('sends no auth header when the provider needs none', async () => {

    // given
    const url = server.route('/api/tags', json(200, { models: [ { name: 'llama3.2:latest' } ] }));

    // when
    const models = await listModels(target(url, { modelsShape: 'ollama-tags', authType: 'none' }), { apiKey: null });

    // then
    expect(models).toEqual([ { id: 'llama3.2:latest', chat: true } ]);
    expect(server.requestsTo('/api/tags')[0].headers.authorization).toBeUndefined();
  });
});

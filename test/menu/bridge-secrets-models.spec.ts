import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningBridge } from '../../menu/bridge/server';
import { json, refusedUrl, text, type FaultServer } from '../support/fault-server';

import { SECRET, groqTask, post, seenAnswers, startBridgeAndModel } from './bridge-harness';

describe('bridge: secret status, model lists, connection check', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel());
  });

  afterAll(async () => {
    await stop();

    // then, over every answer of this file (statuses, lists, checks, errors)
    expect(seenAnswers.length).toBeGreaterThan(10);
    expect(seenAnswers.join('\n')).not.toContain(SECRET);
  });

  describe('POST /secret-status', () => {

    it('says the key was found and where, never its value', async () => {

      // when
      const answer = await post(bridge, '/secret-status', { properties: groqTask('https://api.groq.com/openai/v1/chat/completions') });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        status: 'found',
        location: { source: 'env', name: 'groq_api_key', description: 'env groq_api_key' },
        destination: { host: 'api.groq.com', secret: 'groq_api_key', trust: 'catalog' }
      });
    });

    it('says the key is missing and where it was looked for', async () => {

      // when
      const answer = await post(bridge, '/secret-status', { properties: groqTask('https://x/v1/chat/completions', { 'catalyst.secretSource': 'file', 'catalyst.secretName': 'absent_key' }) });

      // then
      expect(answer.json).toMatchObject({ status: 'missing', location: { source: 'file', name: 'absent_key' } });
    });

    it('says a process-variable secret is only known at run time', async () => {

      // when
      const answer = await post(bridge, '/secret-status', { properties: groqTask('https://x/v1/chat/completions', { 'catalyst.secretSource': 'variable', 'catalyst.secretName': '${apiKey}' }) });

      // then
      expect(answer.json).toMatchObject({ status: 'variable', location: { description: 'process variable apiKey' } });
    });

    it('says no key is needed when the task sends none', async () => {

      // when
      const answer = await post(bridge, '/secret-status', { properties: groqTask('https://x/v1/chat/completions', { 'catalyst.authType': 'none' }) });

      // then
      expect(answer.json.status).toBe('not-needed');
    });
  });

  describe('POST /models', () => {

    it('lists the provider\'s models live, with the task\'s key, marking those that cannot chat', async () => {

      // given
      llm.route('/list/v1/models', json(200, { object: 'list', data: [
        { id: 'llama-3.3-70b-versatile', object: 'model', owned_by: 'Meta', active: true },
        { id: 'whisper-large-v3', object: 'model', owned_by: 'OpenAI', active: true }
      ] }));

      // when
      const answer = await post(bridge, '/models', { properties: groqTask(`${llm.origin}/list/v1/chat/completions`) });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json.url).toBe(`${llm.origin}/list/v1/models`);
      expect(answer.json.models).toEqual(expect.arrayContaining([
        expect.objectContaining({ id: 'llama-3.3-70b-versatile', chat: true }),
        expect.objectContaining({ id: 'whisper-large-v3', chat: false })
      ]));
      expect(llm.requestsTo('/list/v1/models')[0].headers.authorization).toBe(`Bearer ${SECRET}`);
    });

    it('answers a missing key with 200 and SECRET_NOT_FOUND saying where the key was looked for (no failed request in the console)', async () => {

      // when
      const answer = await post(bridge, '/models', { properties: groqTask(`${llm.origin}/list/v1/chat/completions`, { 'catalyst.secretName': 'absent_key' }) });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ models: [], unavailable: { code: 'SECRET_NOT_FOUND', message: expect.stringContaining('absent_key') } });
    });

    it('answers a failing provider with 200 and MODELS_FAILED, the reason in words', async () => {

      // given: a provider that quotes the key it rejects
      llm.route('/reject/v1/models', json(401, { error: { message: `Incorrect API key provided: ${SECRET}`, type: 'invalid_request_error' } }));

      // when
      const answer = await post(bridge, '/models', { properties: groqTask(`${llm.origin}/reject/v1/chat/completions`) });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json.unavailable.code).toBe('MODELS_FAILED');
      expect(answer.json.unavailable.message).toMatch(/401|rejected/i);
    });

    it('lists models for a provider id and URL instead of a task, with the provider\'s default secret', async () => {

      // when
      const answer = await post(bridge, '/models', { provider: 'groq', url: `${llm.origin}/list/v1/chat/completions` });

      // then
      expect(answer.status).toBe(200);
      expect(answer.json.models.map((model: { id: string }) => model.id)).toContain('llama-3.3-70b-versatile');
    });

    it('refuses an unknown provider id with 422', async () => {

      // when
      const answer = await post(bridge, '/models', { provider: 'no-such-provider' });

      // then
      expect(answer.status).toBe(422);
      expect(answer.json.error).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('no-such-provider') });
    });
  });

  describe('POST /check', () => {

    function check(url: string, extra: Record<string, string> = {}) {
      return post(bridge, '/check', { properties: groqTask(url, extra) });
    }

    it('says the connection works when /models answers with the key', async () => {

      // given
      llm.route('/good/v1/models', json(200, { object: 'list', data: [ { id: 'm', object: 'model' } ] }));

      // when
      const answer = await check(`${llm.origin}/good/v1/chat/completions`);

      // then
      expect(answer.json).toMatchObject({ ok: true, problem: null, statusCode: 200, message: expect.stringContaining('env groq_api_key') });
    });

    it('says NO_KEY when the secret is not set, without asking the server', async () => {

      // when
      const answer = await check(`${llm.origin}/never/v1/chat/completions`, { 'catalyst.secretName': 'absent_key' });

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'NO_KEY', message: expect.stringContaining('env absent_key') });
      expect(llm.requestsTo('/never/v1/models')).toHaveLength(0);
    });

    it('says KEY_REJECTED on a 401, without repeating the key the server quoted', async () => {

      // given
      llm.route('/rejected/v1/models', json(401, { error: { message: `Invalid API Key ${SECRET}`, type: 'invalid_request_error' } }));

      // when
      const answer = await check(`${llm.origin}/rejected/v1/chat/completions`);

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'KEY_REJECTED', statusCode: 401 });
      expect(answer.json.message).toContain('Invalid API Key');
    });

    it('says URL_MISSING_V1 when the URL has no /v1 and the server has no such path', async () => {

      // given: nothing routed under /plain (the server answers 404 there)
      const url = `${llm.origin}/plain/chat/completions`;

      // when
      const answer = await check(url);

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'URL_MISSING_V1', message: expect.stringContaining('/v1') });
    });

    it('says URL_DOUBLED_PATH for a doubled /chat/completions, without a request', async () => {

      // when
      const answer = await check(`${llm.origin}/twice/v1/chat/completions/chat/completions`);

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'URL_DOUBLED_PATH' });
      expect(llm.requests.filter(request => request.path.startsWith('/twice'))).toHaveLength(0);
    });

    it('says UNREACHABLE when nothing listens', async () => {

      // when
      const answer = await check(await refusedUrl());

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'UNREACHABLE', message: expect.stringContaining('refused') });
    });

    it('says NOT_OPENAI_COMPATIBLE when a web page answers', async () => {

      // given
      llm.route('/site/v1/models', text(200, '<!doctype html><html><body>Welcome</body></html>', 'text/html'));

      // when
      const answer = await check(`${llm.origin}/site/v1/chat/completions`);

      // then
      expect(answer.json).toMatchObject({ ok: false, problem: 'NOT_OPENAI_COMPATIBLE', message: expect.stringContaining('HTML') });
    });

    it('falls back to an empty chat request when /models is missing, and takes its 400 as a working key', async () => {

      // given
      llm.route('/chatonly/v1/chat/completions', json(400, { error: { message: 'messages must not be empty', type: 'invalid_request_error' } }));

      // when
      const answer = await check(`${llm.origin}/chatonly/v1/chat/completions`);

      // then
      expect(answer.json).toMatchObject({ ok: true, statusCode: 400 });
      expect(JSON.parse(llm.requestsTo('/chatonly/v1/chat/completions')[0].body).messages).toEqual([]);
    });
  });
});

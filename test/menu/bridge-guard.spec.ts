import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningBridge } from '../../menu/bridge/server';

import { memorySecrets, raw, runtimeWithoutWaits, startBridge } from './bridge-harness';

describe('bridge: who may talk to it', () => {
  let bridge: RunningBridge;

  beforeAll(async () => {
    bridge = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits(), bodyLimitBytes: 4096 });
  });

  afterAll(() => bridge.close());

  it('listens on 127.0.0.1 only, at a port the system chose', () => {

    // then
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/catalyst\/v1$/);
    expect(bridge.port).toBeGreaterThan(0);
  });

  it('answers a request with the token', async () => {

    // when
    const answer = await raw(bridge, { path: '/health' });

    // then
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: true, version: 1 });
  });

  it('refuses a request without the token with 401 TOKEN_REQUIRED', async () => {

    // when
    const answer = await raw(bridge, { path: '/health', headers: { authorization: undefined } });

    // then
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error.code).toBe('TOKEN_REQUIRED');
  });

  it('refuses a request with another token with 401 TOKEN_INVALID', async () => {

    // given
    const wrong = bridge.token.slice(0, -1) + (bridge.token.endsWith('A') ? 'B' : 'A');

    // when
    const answer = await raw(bridge, { path: '/health', headers: { authorization: `Bearer ${wrong}` } });

    // then
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error.code).toBe('TOKEN_INVALID');
  });

  it('gives every start a new random token', async () => {

    // given
    const other = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits() });

    try {

      // then
      expect(other.token).not.toBe(bridge.token);
      expect(other.token.length).toBeGreaterThanOrEqual(40);
    } finally {
      await other.close();
    }
  });

  it('refuses another Host header with 421, even with the token', async () => {

    // when: a page on a rebound name reaches 127.0.0.1
    const answer = await raw(bridge, { path: '/health', headers: { host: `evil.example:${bridge.port}` } });

    // then
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: 'HOST_REJECTED' });
  });

  it('refuses the right name on another port with 421', async () => {

    // when
    const answer = await raw(bridge, { path: '/health', headers: { host: `127.0.0.1:${bridge.port + 1}` } });

    // then
    expect(answer.status).toBe(421);
  });

  it('accepts localhost:<port> as Host', async () => {

    // when
    const answer = await raw(bridge, { path: '/health', headers: { host: `localhost:${bridge.port}` } });

    // then
    expect(answer.status).toBe(200);
  });

  it('refuses a body over the limit with 413 before running anything', async () => {

    // given
    const body = JSON.stringify({ properties: {}, variables: { big: 'x'.repeat(8192) } });

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/calls', body });

    // then
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a streamed (chunked) body once it grows over the limit with 413', async () => {

    // given: no Content-Length, so the bridge can only count
    const body = Buffer.from(JSON.stringify({ properties: {}, variables: { big: 'x'.repeat(8192) } }));

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/calls', body, headers: { 'transfer-encoding': 'chunked' } });

    // then
    expect(answer.status).toBe(413);
  });

  it('refuses a body that is not JSON with 400 naming the problem', async () => {

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/secret-status', body: '{"properties": ' });

    // then
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: 'BODY_INVALID', message: expect.stringContaining('not valid JSON') });
  });

  it('refuses a body nested deeper than 100 levels with 400 before reading it further', async () => {

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/models', body: `{"properties":${'['.repeat(500)}${']'.repeat(500)}}` });

    // then
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: 'BODY_INVALID', message: 'the body nests objects or arrays deeper than 100 levels' });
  });

  it('reads a shallow body whose strings hold hundreds of brackets', async () => {

    // given: a payload template full of brackets, nested two levels
    const payload = `{"messages": [${'{"c": "[x]"},'.repeat(120)}{"role": "user", "content": "\${q}"}]}`;

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/secret-status', body: JSON.stringify({ properties: { 'catalyst.provider': 'groq', 'catalyst.payload': payload } }) });

    // then
    expect(answer.status).toBe(200);
  });

  it('names the field at fault in a body of the wrong shape', async () => {

    // when
    const answer = await raw(bridge, { method: 'POST', path: '/secret-status', body: JSON.stringify({ properties: { 'catalyst.retries': 3 } }) });

    // then
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: 'BODY_INVALID', field: 'properties.catalyst.retries' });
  });

  it('answers an unknown path with 404 and a wrong method with 405', async () => {

    // when
    const unknown = await raw(bridge, { path: '/nothing' });
    const wrongMethod = await raw(bridge, { method: 'GET', path: '/calls' });

    // then
    expect([ unknown.status, wrongMethod.status ]).toEqual([ 404, 405 ]);
  });

  describe('CORS', () => {

    it('refuses Origin: null by default (any sandboxed iframe of any page sends it), even with the token', async () => {

      // when
      const answer = await raw(bridge, { path: '/health', headers: { origin: 'null' } });

      // then
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.parse(answer.text).error.code).toBe('ORIGIN_REJECTED');
    });

    it('lets a host whose renderer sends Origin: null (a file:// page in Chromium) allow it', async () => {

      // given: what menu/index.js passes for the Modeler's window
      const modelerBridge = await startBridge({ secrets: memorySecrets(), allowedOrigins: [ 'file://', 'null' ] });

      // when
      const answer = await raw(modelerBridge, { path: '/health', headers: { origin: 'null' } }).finally(() => modelerBridge.close());

      // then
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('null');
    });

    it('lets the Modeler renderer read answers when Electron sends Origin: file:// (its default for file:// pages)', async () => {

      // when
      const preflight = await raw(bridge, {
        method: 'OPTIONS',
        path: '/calls',
        headers: { origin: 'file://', authorization: undefined, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
      });
      const answer = await raw(bridge, { path: '/health', headers: { origin: 'file://' } });

      // then
      expect([ preflight.status, answer.status ]).toEqual([ 204, 200 ]);
      expect(answer.headers['access-control-allow-origin']).toBe('file://');
    });

    it('answers a preflight from the renderer without a token, allowing only what the client sends', async () => {

      // when
      const answer = await raw(bridge, {
        method: 'OPTIONS',
        path: '/calls',
        headers: { origin: 'file://', authorization: undefined, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
      });

      // then
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-headers']).toBe('authorization, content-type');
      expect(answer.headers['access-control-allow-methods']).toBe('GET, POST, DELETE');
    });

    it('allows the renderer to reach the loopback bridge when Chromium asks first (Private Network Access)', async () => {

      // when
      const answer = await raw(bridge, {
        method: 'OPTIONS',
        path: '/health',
        headers: { origin: 'file://', authorization: undefined, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' }
      });

      // then
      expect(answer.headers['access-control-allow-private-network']).toBe('true');
    });

    it('refuses a page from another origin with 403, even with the token', async () => {

      // when
      const answer = await raw(bridge, { path: '/health', headers: { origin: 'https://evil.example' } });

      // then
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.parse(answer.text).error.code).toBe('ORIGIN_REJECTED');
    });

    it('refuses a preflight from another origin', async () => {

      // when
      const answer = await raw(bridge, { method: 'OPTIONS', path: '/calls', headers: { origin: 'https://evil.example', authorization: undefined } });

      // then
      expect(answer.status).toBe(403);
    });
  });
});

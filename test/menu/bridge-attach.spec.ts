import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { attachBridge, type AttachedBridge } from '../../menu/bridge/attach';

import { memorySecrets, runtimeWithoutWaits } from './bridge-harness';

describe('bridge mounted on another server (the playground)', () => {
  let server: Server;
  let bridge: AttachedBridge;
  let origin: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (bridge(req, res)) {
        return;
      }

      res.end('the host page');
    });
    bridge = attachBridge(server, { secrets: memorySecrets(), runtime: runtimeWithoutWaits() });

    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    bridge.close();

    return new Promise<void>(resolve => server.close(() => resolve()));
  });

  it('announces the endpoints on that server, with a token', () => {

    // then
    expect(bridge.announcement()).toEqual({ version: 1, url: `${origin}/catalyst/v1`, token: bridge.token });
  });

  it('serves its own paths, with the token, to the server\'s own pages (same origin)', async () => {

    // when
    const answer = await fetch(`${origin}/catalyst/v1/health`, { headers: { authorization: `Bearer ${bridge.token}`, origin } });

    // then
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('still wants the token there', async () => {

    // when
    const answer = await fetch(`${origin}/catalyst/v1/health`);

    // then
    expect(answer.status).toBe(401);
  });

  it('opens the call socket on that server for its own pages', async () => {

    // given
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/catalyst/v1/socket`, { origin });
    const first = new Promise<string>(resolve => socket.once('message', data => resolve(data.toString())));

    // when
    socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', token: bridge.token })));

    // then
    expect(JSON.parse(await first)).toEqual({ type: 'ready' });
    socket.close();
  });

  it('refuses an upgrade to a path that is not the bridge\'s with 404', async () => {

    // given
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/elsewhere`);

    // when
    const status = await new Promise<number>(resolve => {
      socket.on('error', () => undefined);
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });

    // then
    expect(status).toBe(404);
  });

  it('leaves every other path to the server', async () => {

    // when
    const answer = await fetch(`${origin}/index.html`);

    // then
    expect(await answer.text()).toBe('the host page');
  });
});

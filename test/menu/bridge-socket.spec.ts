import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { announceBridge, CatalystBridge, type CallStreamEvent } from '../../client/bridge/index';
import { resetAnnouncement } from '../../client/bridge/announcement';
import { createBridgeHandler, serveUpgrades, type BridgeHandler } from '../../menu/bridge/handler';
import { SOCKET_CLOSE } from '../../menu/bridge/protocol';
import type { RunningBridge } from '../../menu/bridge/server';
import { chunk, completion, delayed, json, sse, type Behaviour, type FaultServer } from '../support/fault-server';

import { SECRET, groqTask, memorySecrets, runtimeWithoutWaits, startBridge, startBridgeAndModel } from './bridge-harness';

/** A raw WebSocket to the bridge's call socket, with every message it got. */
interface TestSocket {
  ws: WebSocket;
  messages: any[];
  texts: string[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;

  /** The messages of one call, once its terminal event (or refusal) arrived. */
  callEvents(callId: string): Promise<any[]>;
}

function openRaw(bridge: { port: number }, options: { origin?: string; host?: string } = {}): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${bridge.port}/catalyst/v1/socket`, {
    origin: options.origin,
    headers: options.host ? { host: options.host } : undefined
  });
}

async function connect(bridge: RunningBridge, hello: unknown = { type: 'hello', token: bridge.token }): Promise<TestSocket> {
  const ws = openRaw(bridge);
  const messages: any[] = [];
  const texts: string[] = [];
  const closed = new Promise<{ code: number; reason: string }>(resolve => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  ws.on('message', data => {
    texts.push(data.toString());

    // a frame holds one message, or the messages the bridge sent in one turn
    messages.push(...[ JSON.parse(data.toString()) ].flat());
  });

  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });

  if (hello !== null) {
    ws.send(JSON.stringify(hello));
  }

  return {
    ws,
    messages,
    texts,
    closed,
    send: message => ws.send(JSON.stringify(message)),
    async callEvents(callId) {
      const mine = () => messages.filter(message => message.callId === callId);

      await expect.poll(() => mine().some(message => [ 'result', 'cancelled', 'error', 'refused' ].includes(message.type))).toBe(true);

      return mine();
    }
  };
}

/** Why an upgrade was refused: the HTTP status and the JSON error the bridge answered. */
function refusal(ws: WebSocket): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];

      res.on('data', (data: Buffer) => chunks.push(data));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
  });
}

/** A model that answers only after `ms`, and records when the bridge dropped its request. */
function slowModel(ms: number): { behaviour: Behaviour; dropped: () => number } {
  let dropped = 0;

  return {
    dropped: () => dropped,
    behaviour: async (_req, res) => {
      res.on('close', () => {
        if (!res.writableEnded) {
          dropped++;
        }
      });
      await new Promise(resolve => setTimeout(resolve, ms));

      if (!res.destroyed) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion('too late')));
      }
    }
  };
}

/** A bridge handler on a server of the test's own, with or without its upgrades wired. */
async function bridgeOnOwnServer(withUpgrades: boolean): Promise<{ server: Server; handler: BridgeHandler; url: string; stop(): Promise<void> }> {
  const handler = createBridgeHandler({ secrets: memorySecrets(), runtime: runtimeWithoutWaits() });
  const server = createServer((req, res) => handler.handle(req, res));

  if (withUpgrades) {
    serveUpgrades(server, handler);
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  return {
    server,
    handler,
    url: handler.urlFor((server.address() as AddressInfo).port),
    stop() {
      handler.close();
      server.closeAllConnections();

      return new Promise(resolve => server.close(() => resolve()));
    }
  };
}

const ECHO_KEY: Behaviour = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(`you sent ${req.headers.authorization}`)));
};

describe('bridge: the call socket', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  let stop: () => Promise<void>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel());
  });

  afterAll(async () => {
    sockets.forEach(socket => socket.ws.close());
    await stop();

    // then, over every message of this file
    expect(sockets.flatMap(socket => socket.texts).join('\n')).not.toContain(SECRET);
  });

  async function ready(): Promise<TestSocket> {
    const socket = await connect(bridge);

    sockets.push(socket);
    await expect.poll(() => socket.messages[0]?.type).toBe('ready');

    return socket;
  }

  describe('who may open it', () => {

    it('refuses the upgrade from a page of another origin with 403', async () => {

      // when
      const answer = await refusal(openRaw(bridge, { origin: 'https://evil.example' }));

      // then
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'ORIGIN_REJECTED' } } });
    });

    it('refuses the upgrade for another Host with 421 (DNS rebinding)', async () => {

      // when
      const answer = await refusal(openRaw(bridge, { host: `evil.example:${bridge.port}` }));

      // then
      expect(answer).toMatchObject({ status: 421, body: { error: { code: 'HOST_REJECTED' } } });
    });

    it('lets the Modeler\'s renderer (Origin: file://) open it', async () => {

      // given
      const ws = openRaw(bridge, { origin: 'file://' });

      // when
      const opened = await new Promise(resolve => {
        ws.once('open', () => resolve(true));
        ws.once('error', () => resolve(false));
      });

      // then
      expect(opened).toBe(true);
      ws.close();
    });

    it('closes a socket whose first message is a call, not hello, and runs nothing', async () => {

      // given
      const url = llm.route('/before-hello/v1/chat/completions', json(200, completion('never')));

      // when
      const socket = await connect(bridge, { type: 'call', callId: 'sneaky', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });

      // then
      expect(await socket.closed).toMatchObject({ code: SOCKET_CLOSE.UNAUTHORIZED });
      expect(socket.messages).toEqual([]);
      expect(llm.requestsTo('/before-hello/v1/chat/completions')).toHaveLength(0);
    });

    it('closes a socket that says hello with another token, without repeating it', async () => {

      // given
      const wrong = 'not-the-token-0123456789';

      // when
      const socket = await connect(bridge, { type: 'hello', token: wrong });

      // then
      const closed = await socket.closed;

      expect(closed.code).toBe(SOCKET_CLOSE.UNAUTHORIZED);
      expect(closed.reason).toMatch(/hello with the current bridge token/);
      expect(closed.reason).not.toContain(wrong);
    });

    it('ignores a call sent after a wrong hello: the model sees no request', async () => {

      // given
      const url = llm.route('/after-bad-hello/v1/chat/completions', json(200, completion('never')));
      const socket = await connect(bridge, { type: 'hello', token: 'wrong' });

      // when
      socket.send({ type: 'call', callId: 'late', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });

      // then
      expect((await socket.closed).code).toBe(SOCKET_CLOSE.UNAUTHORIZED);
      expect(llm.requestsTo('/after-bad-hello/v1/chat/completions')).toHaveLength(0);
    });

    it('closes a socket that sends no hello in time', async () => {

      // given: a bridge that waits 100 ms for hello
      const impatient = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits(), helloTimeoutMs: 100 });

      try {

        // when
        const socket = await connect(impatient, null);

        // then
        expect(await socket.closed).toMatchObject({ code: SOCKET_CLOSE.HELLO_TIMEOUT });
      } finally {
        await impatient.close();
      }
    });

    it('closes a socket that sends a message over the body limit', async () => {

      // given: a bridge whose body limit is 1 KiB
      const small = await startBridge({ secrets: memorySecrets(), runtime: runtimeWithoutWaits(), bodyLimitBytes: 1024 });

      try {
        const socket = await connect(small);

        await expect.poll(() => socket.messages[0]?.type).toBe('ready');

        // when
        socket.send({ type: 'call', callId: 'big', request: { properties: groqTask('http://127.0.0.1:1/v1'), variables: { userMessage: 'x'.repeat(2048) } } });

        // then
        expect(await socket.closed).toMatchObject({ code: SOCKET_CLOSE.TOO_LARGE });
      } finally {
        await small.close();
      }
    });
  });

  describe('calls', () => {

    it('answers a call with the same events and result as POST /calls, each tagged with its id', async () => {

      // given
      const url = llm.route('/socket-stream/v1/chat/completions', sse([ chunk({ content: 'Hel' }), chunk({ content: 'lo' }, 'stop'), '[DONE]' ]));
      const socket = await ready();

      // when
      socket.send({ type: 'call', callId: 's1', request: { properties: groqTask(url), variables: { userMessage: 'hi' }, stream: true } });

      // then
      const events = await socket.callEvents('s1');

      expect(events.map(event => event.type)).toEqual([ 'started', 'attempt', 'chunk', 'chunk', 'result' ]);
      expect(events.filter(event => event.type === 'chunk').map(event => event.text)).toEqual([ 'Hel', 'lo' ]);
      expect(events.at(-1).result).toMatchObject({ outcome: 'complete', variables: { aiReply: 'Hello' } });
    });

    it('lets progress out while a slow call runs, before its result', async () => {

      // given a model that takes its time
      const url = llm.route('/socket-slow/v1/chat/completions', delayed(400, json(200, completion('Slow'))));
      const socket = await ready();

      // when
      socket.send({ type: 'call', callId: 'slow1', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });

      // then the attempt is told while the model still thinks
      await expect.poll(() => socket.messages.filter(message => message.callId === 'slow1').map(message => message.type)).toEqual([ 'started', 'attempt' ]);
      expect((await socket.callEvents('slow1')).map(event => event.type)).toEqual([ 'started', 'attempt', 'result' ]);
    });

    it('refuses a call whose task cannot be read, tagged with its id, as HTTP answers 422', async () => {

      // given
      const socket = await ready();

      // when
      socket.send({ type: 'call', callId: 'bad', request: { properties: groqTask('http://127.0.0.1:1/v1/chat/completions', { 'catalyst.timeout': 'soon' }) } });

      // then
      expect(await socket.callEvents('bad')).toEqual([
        { type: 'refused', callId: 'bad', status: 422, error: expect.objectContaining({ code: 'CONFIG_INVALID', property: 'catalyst.timeout' }) }
      ]);
    });

    it('keeps the key out of every message, even when the model echoes it back', async () => {

      // given: a model that answers with the Authorization header it got
      const url = llm.route('/socket-echo/v1/chat/completions', ECHO_KEY);
      const socket = await ready();

      // when
      socket.send({ type: 'call', callId: 'echo', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });

      // then: the bridge sent the key to the model, the renderer never saw it
      const events = await socket.callEvents('echo');

      expect(llm.requestsTo('/socket-echo/v1/chat/completions')[0].headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(events.at(-1).result.variables.aiReply).toMatch(/^you sent Bearer \S+$/);
      expect(socket.texts.join('\n')).not.toContain(SECRET);
    });

    it('cancels a call on a cancel message: the model\'s request is dropped, the call ends with cancelled', async () => {

      // given: a model that takes 10 s
      const model = slowModel(10_000);
      const path = '/socket-cancel/v1/chat/completions';
      const url = llm.route(path, model.behaviour);
      const socket = await ready();

      socket.send({ type: 'call', callId: 'stop-me', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });
      await expect.poll(() => llm.requestsTo(path).length).toBe(1);

      // when
      socket.send({ type: 'cancel', callId: 'stop-me' });

      // then
      expect((await socket.callEvents('stop-me')).map(event => event.type)).toEqual([ 'started', 'attempt', 'cancelled' ]);
      await expect.poll(model.dropped).toBe(1);
    });

    it('cancels the socket\'s running calls when it closes: the model\'s request is dropped', async () => {

      // given
      const model = slowModel(10_000);
      const path = '/socket-gone/v1/chat/completions';
      const url = llm.route(path, model.behaviour);
      const socket = await ready();

      socket.send({ type: 'call', callId: 'orphan', request: { properties: groqTask(url), variables: { userMessage: 'hi' } } });
      await expect.poll(() => llm.requestsTo(path).length).toBe(1);

      // when
      socket.ws.close();

      // then
      await expect.poll(model.dropped).toBe(1);
    });

    it('keeps the events of concurrent calls on one socket apart', async () => {

      // given: two models streaming different words, slowly enough to interleave
      const one = llm.route('/socket-one/v1/chat/completions', sse([ chunk({ content: 'a1 ' }), chunk({ content: 'a2' }, 'stop'), '[DONE]' ], { pauseMs: 20 }));
      const two = llm.route('/socket-two/v1/chat/completions', sse([ chunk({ content: 'b1 ' }), chunk({ content: 'b2' }, 'stop'), '[DONE]' ], { pauseMs: 20 }));
      const socket = await ready();

      // when
      socket.send({ type: 'call', callId: 'one', request: { properties: groqTask(one), variables: { userMessage: 'hi' }, stream: true } });
      socket.send({ type: 'call', callId: 'two', request: { properties: groqTask(two), variables: { userMessage: 'hi' }, stream: true } });

      // then
      const [ first, second ] = await Promise.all([ socket.callEvents('one'), socket.callEvents('two') ]);

      expect(first.filter(event => event.type === 'chunk').map(event => event.text).join('')).toBe('a1 a2');
      expect(second.filter(event => event.type === 'chunk').map(event => event.text).join('')).toBe('b1 b2');
      expect(first.at(-1).result.variables.aiReply).toBe('a1 a2');
      expect(second.at(-1).result.variables.aiReply).toBe('b1 b2');
    });
  });
});

describe('renderer client: calls over the socket', () => {
  let llm: FaultServer;
  let bridge: RunningBridge;
  let stop: () => Promise<void>;
  const clients: CatalystBridge[] = [];

  beforeAll(async () => {
    ({ llm, bridge, stop } = await startBridgeAndModel());
  });

  afterAll(() => stop());

  beforeEach(() => announceBridge({ version: 1, url: bridge.url, token: bridge.token }));

  afterEach(() => resetAnnouncement());

  /** A client that counts its HTTP requests (the socket path makes none for a call). */
  function client(webSocketClass: typeof WebSocket | null = WebSocket): { service: CatalystBridge; httpRequests: string[] } {
    const httpRequests: string[] = [];
    const service = new CatalystBridge(undefined, undefined, (input, init) => {
      httpRequests.push(`${init?.method ?? 'GET'} ${String(input)}`);

      return fetch(input, init);
    }, webSocketClass);

    clients.push(service);

    return { service, httpRequests };
  }

  it('returns the same result over the socket as over POST /calls, without an HTTP request', async () => {

    // given
    const url = llm.route('/client-same/v1/chat/completions', json(200, completion('the same')));
    const request = { properties: groqTask(url), variables: { userMessage: 'hi' } };
    const overSocket = client();
    const overHttp = client(null);

    // when
    const viaSocket = await overSocket.service.call(request);
    const viaHttp = await overHttp.service.call(request);

    // then
    expect(overSocket.httpRequests).toEqual([]);
    expect(overHttp.httpRequests).toEqual([ `POST ${bridge.url}/calls` ]);
    expect(viaSocket.result).toEqual({ ...viaHttp.result, durationMs: viaSocket.result!.durationMs, attempts: expect.any(Array) });
    expect(viaSocket.result).toMatchObject({ outcome: 'complete', variables: { aiReply: 'the same' } });
  });

  it('stops a socket call when its signal is aborted: the model\'s request is dropped', async () => {

    // given
    const model = slowModel(10_000);
    const path = '/client-abort/v1/chat/completions';
    const url = llm.route(path, model.behaviour);
    const { service } = client();
    const controller = new AbortController();
    const running = service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } }, { signal: controller.signal });

    await expect.poll(() => llm.requestsTo(path).length).toBe(1);

    // when
    controller.abort();

    // then
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(model.dropped).toBe(1);
  });

  it('cancels a socket call by id and still delivers cancelled', async () => {

    // given
    const model = slowModel(10_000);
    const path = '/client-cancel-socket/v1/chat/completions';
    const url = llm.route(path, model.behaviour);
    const { service, httpRequests } = client();
    const events: CallStreamEvent[] = [];
    const running = service.call({ callId: 'socket-cancel', properties: groqTask(url), variables: { userMessage: 'x' } }, { onEvent: event => events.push(event) });

    await expect.poll(() => llm.requestsTo(path).length).toBe(1);

    // when
    const cancelled = await service.cancel('socket-cancel');

    // then
    expect(cancelled).toBe(true);
    expect(await running).toMatchObject({ callId: 'socket-cancel', cancelled: true });
    expect(events.at(-1)).toMatchObject({ type: 'cancelled' });
    expect(httpRequests).toEqual([]);
    await expect.poll(model.dropped).toBe(1);
  });

  it('rejects a refused call with the bridge\'s code, status and message, as over HTTP', async () => {

    // given
    const { service } = client();

    // when
    const failure = await service.call({ properties: groqTask('https://x/v1/chat/completions', { 'catalyst.retries': 'many' }) }).catch(error => error);

    // then
    expect(failure).toMatchObject({ name: 'BridgeError', code: 'CONFIG_INVALID', status: 422 });
  });

  it('refuses a second call with a running call\'s id with 409, and the first one still ends with its result', async () => {

    // given
    const path = '/client-twice/v1/chat/completions';
    const url = llm.route(path, async (_req, res) => {
      await new Promise(resolve => setTimeout(resolve, 300));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion('first')));
    });
    const { service } = client();
    const first = service.call({ callId: 'twice', properties: groqTask(url), variables: { userMessage: 'hi' } });

    await expect.poll(() => llm.requestsTo(path).length).toBe(1);

    // when
    const second = await service.call({ callId: 'twice', properties: groqTask(url), variables: { userMessage: 'hi' } }).catch(error => error);

    // then
    expect(second).toMatchObject({ name: 'BridgeError', code: 'CALL_ID_IN_USE', status: 409 });
    expect(await first).toMatchObject({ cancelled: false, result: { variables: { aiReply: 'first' } } });
  });

  it('opens a new socket for the next call after the bridge closed the last one', async () => {

    // given: a call over a socket, then the bridge closes its sockets (its server stays up)
    const { server, handler, url: bridgeUrl, stop: stopServer } = await bridgeOnOwnServer(true);
    const upgrades = { opened: 0, closed: 0 };

    server.on('upgrade', (_req, socket) => {
      upgrades.opened++;
      socket.on('close', () => upgrades.closed++);
    });

    const url = llm.route('/client-reopen/v1/chat/completions', json(200, completion('again')));
    const { service, httpRequests } = client();

    try {
      announceBridge({ version: 1, url: bridgeUrl, token: handler.token });
      await service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } });
      handler.close();
      await expect.poll(() => upgrades.closed).toBe(1);

      // when
      const outcome = await service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } });

      // then
      expect(outcome.result).toMatchObject({ variables: { aiReply: 'again' } });
      expect(upgrades.opened).toBe(2);
      expect(httpRequests).toEqual([]);
    } finally {
      await stopServer();
    }
  });

  it('moves to the new bridge\'s socket when another bridge is announced, and closes the old one', async () => {

    // given: a call over the socket of one bridge, then a restarted Modeler announces another
    const first = await bridgeOnOwnServer(true);
    const second = await bridgeOnOwnServer(true);
    const closedOnFirst = { count: 0 };

    first.server.on('upgrade', (_req, socket) => socket.on('close', () => closedOnFirst.count++));

    const url = llm.route('/client-moved/v1/chat/completions', json(200, completion('moved')));
    const { service, httpRequests } = client();

    try {
      announceBridge({ version: 1, url: first.url, token: first.handler.token });
      await service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } });
      announceBridge({ version: 1, url: second.url, token: second.handler.token });
      const upgradesOnSecond = { count: 0 };

      second.server.on('upgrade', () => upgradesOnSecond.count++);

      // when
      const outcome = await service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } });

      // then
      expect(outcome.result).toMatchObject({ variables: { aiReply: 'moved' } });
      expect(upgradesOnSecond.count).toBe(1);
      await expect.poll(() => closedOnFirst.count).toBe(1);
      expect(httpRequests).toEqual([]);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('falls back to POST /calls when the bridge refuses the socket (a bridge older than it)', async () => {

    // given: a bridge on a server that does not wire its upgrades
    const old = await bridgeOnOwnServer(false);
    const url = llm.route('/client-old/v1/chat/completions', json(200, completion('over http')));
    const { service, httpRequests } = client();

    try {
      announceBridge({ version: 1, url: old.url, token: old.handler.token });

      // when
      const outcome = await service.call({ properties: groqTask(url), variables: { userMessage: 'hi' } });

      // then
      expect(outcome.result).toMatchObject({ outcome: 'complete', variables: { aiReply: 'over http' } });
      expect(httpRequests).toEqual([ `POST ${old.url}/calls` ]);
    } finally {
      await old.stop();
    }
  });
});

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { createAgents, createKeepAliveFetch } from '../../worker/http';
import type { HttpAgents } from '../../worker/http';
import { readText } from '../../runtime/execute/read-body';

let server: Server | null = null;
let agents: HttpAgents;

afterEach(async () => {
  agents?.destroy();
  server?.closeAllConnections();
  await new Promise(resolve => server ? server.close(resolve) : resolve(undefined));
  server = null;
});

/** A loopback server; `answer` writes each response. */
async function serve(answer: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(answer);
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function keepAliveFetch(): typeof fetch {
  agents = createAgents();

  return createKeepAliveFetch(agents);
}

describe('worker/http keep-alive fetch', () => {

  it('sends the method, headers and body, and reads an answer of declared length', async () => {

    // given
    let received: { method?: string; type?: string; body: string } = { body: '' };
    const url = await serve((request, response) => {
      request.setEncoding('utf8').on('data', chunk => received.body += chunk).on('end', () => {
        received = { ...received, method: request.method, type: request.headers['content-type'] };
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' }).end('{"ok":true}');
      });
    });

    // when
    const response = await keepAliveFetch()(`${url}/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"q":"ü"}' });

    // then
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"ok":true}');
    expect(received).toEqual({ method: 'POST', type: 'application/json', body: '{"q":"ü"}' });
  });

  it('reads an answer without a declared length chunk by chunk', async () => {

    // given
    const url = await serve((request, response) => {
      request.resume();
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.write('first ');
      setTimeout(() => response.end('second'), 20);
    });

    // when
    const response = await keepAliveFetch()(url, {});
    const reading = await readText(response, 1_000);

    // then
    expect(reading).toMatchObject({ text: 'first second', tooLarge: false });
  });

  it('hands a redirect back instead of following it', async () => {

    // given
    const url = await serve((request, response) => {
      request.resume();
      response.writeHead(307, { Location: 'http://elsewhere.example/v1' }).end();
    });

    // when
    const response = await keepAliveFetch()(url, { method: 'POST', body: '{}', redirect: 'manual' });

    // then
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://elsewhere.example/v1');
  });

  it('fails as fetch does when nothing listens, keeping the reason', async () => {

    // given a port that was open and is closed
    const url = await serve(() => undefined);
    await new Promise(resolve => server!.close(resolve));
    server = null;

    // when
    const error = await keepAliveFetch()(url, {}).catch(caught => caught);

    // then
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause.code).toBe('ECONNREFUSED');
  });

  it('stops a request when its signal aborts', async () => {

    // given a server that never answers
    const url = await serve(request => request.resume());
    const cancel = new AbortController();

    // when
    const sent = keepAliveFetch()(url, { signal: cancel.signal }).catch(caught => caught);
    setTimeout(() => cancel.abort(new Error('cancelled by the test')), 50);

    // then
    expect((await sent).message).toBe('cancelled by the test');
  });

  it('sends consecutive requests over one connection', async () => {

    // given
    const ports: Array<number | undefined> = [];
    const url = await serve((request, response) => {
      ports.push(request.socket.remotePort);
      request.resume();
      response.writeHead(204).end();
    });
    const send = keepAliveFetch();

    // when
    for (let index = 0; index < 3; index++) {
      await (await send(url, { method: 'POST', body: 'x' })).text();
    }

    // then
    expect(new Set(ports).size).toBe(1);
  });
});

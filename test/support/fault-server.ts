/**
 * A fault-injecting HTTP server on 127.0.0.1 (port 0) for execution tests: each route picks a
 * behaviour (status, headers, body, delays, broken connections, event streams) and every
 * request is recorded so tests can assert what the runtime sent and how often.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a route does with a request; `index` counts earlier requests to the same route. */
export type Behaviour = (request: IncomingMessage, response: ServerResponse, index: number) => void | Promise<void>;

export interface FaultServer {

  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];

  /** Serve `path` with `behaviour`; returns the full URL of the route. */
  route(path: string, behaviour: Behaviour): string;
  requestsTo(path: string): RecordedRequest[];
  stop(): Promise<void>;
}

/** Start a fault server on a free loopback port. Stop it in `afterAll`. */
export async function startFaultServer(): Promise<FaultServer> {
  const routes = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = (request.url ?? '/').split('?')[0];
    const recorded = { method: request.method ?? 'GET', path, headers: request.headers, body };
    const index = requests.filter(earlier => earlier.path === path).length;

    requests.push(recorded);

    const behaviour = routes.get(path);

    if (!behaviour) {
      sendJson(response, 404, { error: { message: `no route ${path} on the fault server`, type: 'not_found' } });

      return;
    }

    try {
      await behaviour(request, response, index);
    } catch {
      response.destroy();
    }
  });

  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    requests,
    route(path, behaviour) {
      routes.set(path, behaviour);

      return origin + path;
    },
    requestsTo(path) {
      return requests.filter(request => request.path === path);
    },
    async stop() {
      for (const socket of sockets) {
        socket.destroy();
      }

      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  };
}

/** A loopback port free right now (for tools that need a port number, such as Prism). */
export async function freePort(): Promise<number> {
  const server = createServer();

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;

  await new Promise<void>(resolve => server.close(() => resolve()));

  return port;
}

/** A URL on a loopback port that nothing listens on (connection refused). */
export async function refusedUrl(path = '/v1/chat/completions'): Promise<string> {
  return `http://127.0.0.1:${await freePort()}${path}`;
}

// ---------------------------------------------------------------------------
// Behaviours

/** Answer with JSON. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return (_request, response) => sendJson(response, status, body, headers);
}

/** Answer with raw text of a given content type (HTML pages, broken JSON). */
export function text(status: number, body: string, contentType: string, headers: Record<string, string> = {}): Behaviour {
  return (_request, response) => {
    response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
    response.end(body);
  };
}

/** The nth request gets the nth behaviour; the last one repeats. */
export function sequence(...behaviours: Behaviour[]): Behaviour {
  return (request, response, index) => behaviours[Math.min(index, behaviours.length - 1)](request, response, index);
}

/** Wait `ms` before behaving (slow providers, timeouts). Gives up quietly if the client left. */
export function delayed(ms: number, behaviour: Behaviour): Behaviour {
  return async (request, response, index) => {
    await new Promise(resolve => setTimeout(resolve, ms));

    if (!response.destroyed && !request.socket.destroyed) {
      await behaviour(request, response, index);
    }
  };
}

/** Send headers promising a body, part of it, then drop the connection. */
export function resetMidBody(status = 200): Behaviour {
  return (_request, response) => {
    const body = JSON.stringify(completion('this answer never arrives whole'));

    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.write(body.slice(0, 20), () => {
      setTimeout(() => response.socket?.destroy(), 10);
    });
  };
}

/** Stream `bytes` bytes of JSON-looking filler in 64 KiB chunks, without Content-Length. */
export function hugeBody(bytes: number): Behaviour {
  const chunk = Buffer.alloc(64 * 1024, 'a');

  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });

    let sent = 0;
    const pump = () => {
      while (sent < bytes && !response.destroyed) {
        sent += chunk.length;

        if (!response.write(chunk)) {
          response.once('drain', pump);

          return;
        }
      }

      if (!response.destroyed) {
        response.end();
      }
    };

    response.on('close', () => {
      sent = bytes;
    });
    pump();
  };
}

/**
 * Server-sent events: each item becomes one `data:` event, with a short pause between
 * them. `cut: true` drops the connection after the last item instead of ending cleanly.
 */
export function sse(items: Array<string | object>, options: { cut?: boolean; pauseMs?: number; headers?: Record<string, string> } = {}): Behaviour {
  return async (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...options.headers });
    response.flushHeaders();

    for (const item of items) {
      if (response.destroyed) {
        return;
      }

      response.write(`data: ${typeof item === 'string' ? item : JSON.stringify(item)}\n\n`);
      await new Promise(resolve => setTimeout(resolve, options.pauseMs ?? 2));
    }

    if (options.cut) {
      response.socket?.destroy();
    } else {
      response.end();
    }
  };
}

// ---------------------------------------------------------------------------
// Bodies

/** A chat.completion body as OpenAI sends it. */
export function completion(content: string, extra: { finishReason?: string; message?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-fault',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fault-model',
    choices: [ {
      index: 0,
      message: { role: 'assistant', content, ...extra.message },
      finish_reason: extra.finishReason ?? 'stop'
    } ],
    usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 }
  };
}

/** One chat.completion.chunk event body. */
export function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'chatcmpl-fault',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fault-model',
    choices: [ { index: 0, delta, finish_reason: finishReason } ],
    ...extra
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);

  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];

  for await (const part of request) {
    chunks.push(part as Buffer);
  }

  return Buffer.concat(chunks).toString('utf8');
}

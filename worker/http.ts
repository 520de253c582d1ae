/**
 * The worker's one HTTP client, for the engine and the providers alike: Node's `http` and
 * `https` with keep-alive agents, so each task reuses pooled connections instead of opening
 * new ones. Node's built-in `fetch` costs several times the CPU of `http.request` per
 * request (its WHATWG streams and header objects), and the worker makes two to three
 * requests per task (complete, the provider call, a share of a fetch): at hundreds of tasks
 * a second that decided the worker's CPU per task.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * How long a pooled connection may sit idle before the pool closes it: under the 5 s after
 * which servers such as Node's own close it, so a request never goes out on a connection
 * the server is closing.
 */
const IDLE_MS = 4_000;

/** Keep-alive agents shared by every request of a worker. */
export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
  destroy(): void;
}

/**
 * One pool per protocol; each keeps its connections per host and port.
 *
 * @param maxSockets most connections to one host and port; more requests wait for one to free
 */
export function createAgents(maxSockets = Infinity): HttpAgents {

  // `timeout` closes a free (pooled) socket that stays idle; a socket in use only hears it.
  const options = { keepAlive: true, timeout: IDLE_MS, scheduling: 'lifo' as const, maxSockets };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };

  return {
    ...agents,
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
    }
  };
}

/** A buffered answer. */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Where a request goes: the parts of a URL, parsed once for all requests to one server. */
export interface HttpTarget {
  protocol: string;
  hostname: string;
  port: string;
  path: string;
}

/** The parts of `url` for {@link request}. */
export function targetOf(url: URL): HttpTarget {
  return { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname + url.search };
}

export interface HttpRequest {
  method: string;
  target: HttpTarget;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;

  /** The whole exchange, headers and body; the request is destroyed after it. */
  timeoutMs?: number;
}

/** What a request under way keeps on its ClientRequest and IncomingMessage. */
interface Exchange {
  resolve(answer: HttpAnswer): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | undefined;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  chunks: Buffer[];
  status: number;
  headers: http.IncomingHttpHeaders;
}

const EXCHANGE = Symbol('exchange');

type Carrier = { [EXCHANGE]?: Exchange };

/**
 * Sends one request and reads its whole answer as text. Rejects on a network error (the
 * Node error, with its `code`), on the timeout and on `signal`. Its listeners are functions
 * made once, with the request's state on the request itself: at hundreds of requests a
 * second, closures made per request showed in the worker's profile.
 */
export function request(agents: HttpAgents, { method, target, headers, body, signal, timeoutMs }: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);

      return;
    }

    const secure = target.protocol === 'https:';
    const outgoing = (secure ? https : http).request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port || undefined,
      path: target.path,
      method,
      agent: secure ? agents.https : agents.http,
      headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
    });
    const exchange: Exchange = { resolve, reject, timer: undefined, signal, onAbort: undefined, chunks: [], status: 0, headers: {} };

    (outgoing as Carrier)[EXCHANGE] = exchange;

    if (signal) {
      exchange.onAbort = () => outgoing.destroy(signal.reason);
      signal.addEventListener('abort', exchange.onAbort, { once: true });
    }

    if (timeoutMs !== undefined) {
      exchange.timer = setTimeout(onTimeout, timeoutMs, outgoing, timeoutMs);
    }

    outgoing.on('error', onRequestError);
    outgoing.on('response', onResponse);
    outgoing.end(body);
  });
}

function onTimeout(outgoing: http.ClientRequest, ms: number): void {
  outgoing.destroy(new HttpTimeoutError(ms));
}

function settle(exchange: Exchange): void {
  clearTimeout(exchange.timer);

  if (exchange.onAbort) {
    exchange.signal!.removeEventListener('abort', exchange.onAbort);
  }
}

function onRequestError(this: http.ClientRequest, error: Error): void {
  const exchange = (this as Carrier)[EXCHANGE]!;

  settle(exchange);
  exchange.reject(error);
}

function onResponse(this: http.ClientRequest, response: IncomingMessage): void {
  const exchange = (this as Carrier)[EXCHANGE]!;

  exchange.status = response.statusCode ?? 0;
  exchange.headers = response.headers;
  (response as Carrier)[EXCHANGE] = exchange;
  response.on('data', onData);
  response.on('end', onEnd);
  response.on('error', onResponseError);
}

function onData(this: IncomingMessage, chunk: Buffer): void {
  (this as Carrier)[EXCHANGE]!.chunks.push(chunk);
}

function onEnd(this: IncomingMessage): void {
  const exchange = (this as Carrier)[EXCHANGE]!;
  const { chunks } = exchange;

  settle(exchange);
  exchange.resolve({
    status: exchange.status,
    headers: exchange.headers,
    body: chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')
  });
}

function onResponseError(this: IncomingMessage, error: Error): void {
  const exchange = (this as Carrier)[EXCHANGE]!;

  settle(exchange);
  exchange.reject(error);
}

/** No complete answer within the request's timeout. */
class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
  readonly code = 'ETIMEDOUT';

  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * `fetch` as the runtime calls it (runtime/execute/attempt.ts: method, headers, a string body,
 * a signal, `redirect: 'manual'`), on the worker's keep-alive agents. The answer has what the
 * runtime reads: `status`, `ok`, `type`, `headers` (`get`, iteration), `text()` and `body` (a
 * web stream, made only when read, e.g. for an event stream). Redirects are never followed:
 * the runtime follows them itself for a request carrying a key, and a worker's provider call
 * always carries one or is refused before. A network failure rejects as `fetch` does, a
 * `TypeError` whose `cause` is the Node error (runtime/execute/network-error.ts reads it).
 */
export function createKeepAliveFetch(agents: HttpAgents): typeof fetch {
  return function keepAliveFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : new URL(input.url);
    const { signal } = init;
    const body = init.body;

    if (typeof body !== 'string' && body !== undefined && body !== null) {
      return Promise.reject(new TypeError('catalyst worker: only string bodies are sent'));
    }

    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);

        return;
      }

      const secure = url.protocol === 'https:';
      const headers = plainHeaders(init.headers);

      // What fetch would have sent; some gateways refuse a request without a user agent.
      headers.accept ??= '*/*';
      headers['user-agent'] ??= 'node';

      if (typeof body === 'string') {
        headers['content-length'] = String(Buffer.byteLength(body));
      }

      const outgoing = (secure ? https : http).request(url, { method: init.method ?? 'GET', agent: secure ? agents.https : agents.http, headers });
      const call: FetchCall = { resolve, reject, signal: signal ?? undefined, onAbort: undefined, answered: false };

      (outgoing as FetchCarrier)[FETCH_CALL] = call;

      if (signal) {
        call.onAbort = () => outgoing.destroy(signal.reason);
        signal.addEventListener('abort', call.onAbort, { once: true });
        outgoing.on('close', onFetchClose);
      }

      outgoing.on('error', onFetchError);
      outgoing.on('response', onFetchResponse);
      outgoing.end(body ?? undefined);
    });
  } as typeof fetch;
}

/** A provider call under way, kept on its ClientRequest. */
interface FetchCall {
  resolve(response: Response): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  answered: boolean;
}

const FETCH_CALL = Symbol('fetchCall');

type FetchCarrier = { [FETCH_CALL]?: FetchCall };

function onFetchClose(this: http.ClientRequest): void {
  const call = (this as FetchCarrier)[FETCH_CALL]!;

  call.signal!.removeEventListener('abort', call.onAbort!);
}

function onFetchError(this: http.ClientRequest, error: Error): void {
  const call = (this as FetchCarrier)[FETCH_CALL]!;

  if (!call.answered) {
    call.reject(call.signal?.aborted ? call.signal.reason : new TypeError('fetch failed', { cause: error }));
  }
}

function onFetchResponse(this: http.ClientRequest, response: IncomingMessage): void {
  const call = (this as FetchCarrier)[FETCH_CALL]!;

  call.answered = true;
  call.resolve(new KeepAliveResponse(response, call.signal) as unknown as Response);
}

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const plain: Record<string, string> = {};

  if (!headers) {
    return plain;
  }

  const entries = headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers);

  for (const [ name, value ] of entries) {
    plain[name.toLowerCase()] = value;
  }

  return plain;
}

/** The part of `Headers` the runtime reads, over Node's parsed headers (lower-case names). */
class NodeHeaders {
  constructor(private readonly headers: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];

    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }

  *[Symbol.iterator](): IterableIterator<[ string, string ]> {
    for (const name of Object.keys(this.headers).sort()) {
      yield [ name, this.get(name)! ];
    }
  }
}

/** The part of `Response` the runtime reads, over Node's incoming message. */
class KeepAliveResponse {
  readonly type = 'basic';
  readonly status: number;
  readonly ok: boolean;
  readonly headers: NodeHeaders;
  private stream: ReadableStream<Uint8Array> | null = null;

  constructor(private readonly message: IncomingMessage, private readonly signal: AbortSignal | null | undefined) {
    this.status = message.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new NodeHeaders(message.headers);
  }

  get body(): ReadableStream<Uint8Array> {
    this.stream ??= Readable.toWeb(this.message) as unknown as ReadableStream<Uint8Array>;

    return this.stream;
  }

  text(): Promise<string> {
    const { message } = this;

    return new Promise((resolve, reject) => {
      (message as TextCarrier)[TEXT_READ] = { resolve, reject, signal: this.signal, chunks: [] };
      message.on('data', onTextData);
      message.on('end', onTextEnd);
      message.on('error', onTextError);
      message.on('aborted', onTextAborted);
    });
  }
}

/** A body being read whole, kept on its IncomingMessage. */
interface TextRead {
  resolve(text: string): void;
  reject(error: unknown): void;
  signal: AbortSignal | null | undefined;
  chunks: Buffer[];
}

const TEXT_READ = Symbol('textRead');

type TextCarrier = { [TEXT_READ]?: TextRead };

function onTextData(this: IncomingMessage, chunk: Buffer): void {
  (this as TextCarrier)[TEXT_READ]!.chunks.push(chunk);
}

function onTextEnd(this: IncomingMessage): void {
  const { chunks, resolve } = (this as TextCarrier)[TEXT_READ]!;

  resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
}

function onTextError(this: IncomingMessage, error: unknown): void {
  const { reject, signal } = (this as TextCarrier)[TEXT_READ]!;

  reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
}

function onTextAborted(this: IncomingMessage): void {
  onTextError.call(this, new Error('the connection closed before the answer ended'));
}

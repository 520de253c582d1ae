import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer, type RawData } from 'ws';

import { parseJsonObject } from './body';
import { BridgeRequestError } from './bridge-error';
import type { BridgeContext } from './context';
import type { CallEventSink } from './event-stream';
import { checkHost, checkOrigin, tokenMatches } from './guard';
import { isTerminalEvent, SOCKET_CLOSE, type SocketServerMessage } from './protocol';
import { errorBody, refuseUpgrade } from './respond';
import { runCall, startCall } from './routes/call';

/** How long a new socket may stay silent before its `hello`. */
export const DEFAULT_HELLO_TIMEOUT_MS = 5_000;

// close reasons are short and fixed: none may echo what the client sent (a wrong token)
const REASON_UNAUTHORIZED = 'the first message must be hello with the current bridge token';
const REASON_HELLO_TIMEOUT = 'no hello with the bridge token came in time';
const REASON_PROTOCOL = 'a message the call socket does not know';
const REASON_GOING_AWAY = 'the bridge is shutting down';

export interface CallSocketOptions {
  token: string;
  allowedOrigins: readonly string[];

  /** Largest message accepted (the HTTP body limit); a larger one closes the socket with 1009. */
  maxMessageBytes: number;
  helloTimeoutMs: number;
}

/** The bridge's call socket (docs/bridge-protocol.md §5, "The call socket"). */
export interface CallSocketServer {

  /** Takes over an `upgrade` for the socket's path: refused like an HTTP request (Host, Origin), else a WebSocket. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;

  /** Closes every socket (their running calls are cancelled with the bridge's own close). */
  close(): void;
}

/**
 * The call socket: calls without an HTTP request each. The upgrade passes the HTTP guard's
 * Host and Origin rules; the token comes in the first message (a browser cannot set a
 * header on a WebSocket), and nothing else is read before it.
 */
export function createCallSocketServer(context: BridgeContext, options: CallSocketOptions): CallSocketServer {
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });

  return {
    upgrade(req, socket, head) {
      try {
        checkHost(req);
        checkOrigin(req, options.allowedOrigins);
      } catch (error) {
        return refuseUpgrade(socket, error, context.ledger.redact);
      }

      server.handleUpgrade(req, socket, head, ws => serveSocket(ws, context, options));
    },
    close() {
      server.clients.forEach(ws => ws.close(SOCKET_CLOSE.GOING_AWAY, REASON_GOING_AWAY));
    }
  };
}

function serveSocket(ws: WebSocket, context: BridgeContext, options: CallSocketOptions): void {
  const running = new Set<string>();
  let ready = false;

  // Messages of one turn of the event loop (`started` and the first `attempt`; a call's
  // progress and its `result`) go out as one frame holding them in order: the renderer
  // wakes, reads and parses once for them instead of once per message. A call's last
  // message closes the frame at once: nothing of that call can follow it.
  let batch: SocketServerMessage[] | null = null;

  const release = () => {
    const messages = batch;

    if (!messages) {
      return;
    }

    batch = null;

    if (ws.readyState === WebSocket.OPEN) {

      // the same redaction as every HTTP answer and SSE event: the ledger's
      ws.send(context.ledger.redact(JSON.stringify(messages.length === 1 ? messages[0] : messages)));
    }
  };

  const helloTimer = setTimeout(() => ws.close(SOCKET_CLOSE.HELLO_TIMEOUT, REASON_HELLO_TIMEOUT), options.helloTimeoutMs);

  const send = (message: SocketServerMessage) => {
    if (ws.readyState !== WebSocket.OPEN) {
      return;
    }

    const last = endsCall(message);

    if (!batch) {
      batch = [];

      if (!last) {
        setImmediate(release);
      }
    }

    batch.push(message);

    if (last) {
      release();
    }
  };

  // a renderer that goes away (reload, closed window) should not leave runs spending tokens
  ws.on('close', () => {
    clearTimeout(helloTimer);
    running.forEach(callId => context.calls.cancel(callId, 'client-gone'));
  });

  // a message over the limit or a broken frame: ws closes the socket itself (1009, 1002)
  ws.on('error', () => undefined);

  ws.on('message', (data, isBinary) => {
    const message = isBinary ? null : readMessage(rawText(data));

    if (!ready) {
      ready = message?.type === 'hello' && tokenMatches(message.token, options.token);

      if (!ready) {
        return ws.close(SOCKET_CLOSE.UNAUTHORIZED, REASON_UNAUTHORIZED);
      }

      clearTimeout(helloTimer);
      return send({ type: 'ready' });
    }

    if (message?.type === 'call' && typeof message.callId === 'string') {
      return startSocketCall(message.callId, message.request);
    }

    if (message?.type === 'cancel' && typeof message.callId === 'string') {

      // only this socket's calls: another page's calls are not its to stop
      if (running.has(message.callId)) {
        context.calls.cancel(message.callId, 'cancel-request');
      }

      return;
    }

    ws.close(SOCKET_CLOSE.PROTOCOL, REASON_PROTOCOL);
  });

  function startSocketCall(callId: string, request: unknown): void {
    let call;

    try {
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        throw new BridgeRequestError(400, 'BODY_INVALID', 'the call\'s request must be a JSON object', { field: 'request' });
      }

      call = startCall(context, { ...request, callId });
    } catch (error) {
      if (!(error instanceof BridgeRequestError)) {
        context.onInternalError?.(error);
      }

      const { status, body } = errorBody(error);

      return send({ type: 'refused', callId, status, error: body.error });
    }

    running.add(callId);

    const sink: CallEventSink = {
      send: (event, data) => send({ type: event, callId, ...data } as SocketServerMessage),
      end: () => running.delete(callId)
    };

    void runCall(context, call, sink);
  }
}

/** Whether nothing of the message's call can follow it: its last event, or its refusal. */
function endsCall(message: SocketServerMessage): boolean {
  return message.type === 'refused' || isTerminalEvent(message);
}

/** A message (`hello` first), or `null` when it is not a JSON object (the socket is then closed). */
function readMessage(text: string): Record<string, unknown> | null {
  try {
    return parseJsonObject(text, 'message');
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) {
    return data.toString('utf8');
  }

  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import { BridgeRequestError } from './bridge-error';
import type { BridgeErrorBody } from './protocol';

/** What every answer text passes through before it is written (the bridge: its secret ledger). */
export type Redact = (text: string) => string;

const AS_IS: Redact = text => text;

/**
 * Answer with a JSON body (CORS headers were set before, when the origin allows them). The
 * serialised text goes through `redact`: no answer can carry a key the bridge has read.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, redact: Redact = AS_IS): void {
  const text = redact(JSON.stringify(body));

  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** The wire form of an error; anything that is not a `BridgeRequestError` is a bug and stays generic. */
export function errorBody(error: unknown): { status: number; body: BridgeErrorBody } {
  if (error instanceof BridgeRequestError) {
    const body: BridgeErrorBody = { error: { code: error.code, message: error.message } };

    if (error.field) {
      body.error.field = error.field;
    }

    if (error.property) {
      body.error.property = error.property;
    }

    if (error.trust) {
      body.error.trust = error.trust;
    }

    return { status: error.status, body };
  }

  // Unknown errors may carry anything (a URL with a key in it, a header dump): never echo them.
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'the bridge failed unexpectedly; see the Modeler log' } } };
}

/** Answer with the JSON error for `error`, unless the response has already started. */
export function sendError(res: ServerResponse, error: unknown, redact: Redact = AS_IS): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }

  const { status, body } = errorBody(error);

  sendJson(res, status, body, redact);
}

/**
 * Refuses a WebSocket upgrade with the JSON error for `error` as a plain HTTP answer (the
 * connection is not a WebSocket yet), then closes the connection.
 */
export function refuseUpgrade(socket: Duplex, error: unknown, redact: Redact = AS_IS): void {
  const { status, body } = errorBody(error);
  const text = redact(JSON.stringify(body));

  socket.end([
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    text
  ].join('\r\n'));
}

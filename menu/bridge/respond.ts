import type { ServerResponse } from 'node:http';

import { BridgeRequestError } from './bridge-error';
import type { BridgeErrorBody } from './protocol';

/** Answer with a JSON body (CORS headers were set before, when the origin allows them). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);

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

    return { status: error.status, body };
  }

  // Unknown errors may carry anything (a URL with a key in it, a header dump): never echo them.
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'the bridge failed unexpectedly; see the Modeler log' } } };
}

/** Answer with the JSON error for `error`, unless the response has already started. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }

  const { status, body } = errorBody(error);

  sendJson(res, status, body);
}

import type { IncomingMessage } from 'node:http';

import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from '../../runtime/execute/json';

import { BridgeRequestError } from './bridge-error';

/** Default request body limit: a task's payload and variables fit many times over. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads a JSON object body, refusing it as soon as it grows past `limitBytes` (a
 * `Content-Length` over the limit is refused before reading anything).
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<Record<string, unknown>> {
  const contentType = req.headers['content-type'] ?? '';

  if (!/^application\/json\b/i.test(contentType)) {
    throw new BridgeRequestError(415, 'CONTENT_TYPE', `the body must be JSON (Content-Type: application/json), not ${contentType || 'untyped'}`);
  }

  const declared = Number(req.headers['content-length']);

  if (Number.isFinite(declared) && declared > limitBytes) {
    throw tooLarge(limitBytes);
  }

  return parseJsonObject(await readText(req, limitBytes), 'body');
}

/**
 * A request body or a call socket message as a JSON object, refused (400 `BODY_INVALID`) when it
 * is not JSON, not an object, or nested deeper than the runtime walks.
 */
export function parseJsonObject(text: string, what: 'body' | 'message'): Record<string, unknown> {
  let value: unknown;

  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BridgeRequestError(400, 'BODY_INVALID', `the ${what} is not valid JSON: ${(error as Error).message}`);
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BridgeRequestError(400, 'BODY_INVALID', `the ${what} must be a JSON object`);
  }

  // every later walk (template, redaction, answer) recurses: refuse a hostile depth here
  if (jsonNestedDeeperThan(text, value, MAX_JSON_DEPTH)) {
    throw new BridgeRequestError(400, 'BODY_INVALID', `the ${what} nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`);
  }

  return value as Record<string, unknown>;
}

function readText(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;

      if (size > limitBytes) {

        // stop reading; the handler answers 413 and closes the connection
        req.removeAllListeners('data');
        req.pause();
        reject(tooLarge(limitBytes));
        return;
      }

      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(limitBytes: number): BridgeRequestError {
  return new BridgeRequestError(413, 'BODY_TOO_LARGE', `the body is over the bridge's limit of ${limitBytes} bytes`);
}

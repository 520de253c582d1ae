import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { BridgeRequestError } from './bridge-error';

const ALLOWED_HEADERS = 'authorization, content-type';
const ALLOWED_METHODS = 'GET, POST, DELETE';

/**
 * The only Host values the bridge answers to: the loopback names with the port the
 * request actually arrived on. A page on another name that resolves to 127.0.0.1 (DNS
 * rebinding) still sends its own Host and is refused. The playground's server applies the
 * same rule to every page it serves (it hands out the token), through `hostProblem`.
 *
 * @returns why the Host is refused, or `null` when it is one of the two
 */
export function hostProblem(req: IncomingMessage): string | null {
  const port = req.socket.localPort;
  const host = req.headers.host;

  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) {
    return null;
  }

  return `the bridge answers only to Host 127.0.0.1:${port} or localhost:${port}, not ${host ? JSON.stringify(host) : 'a request without Host'}`;
}

/** `hostProblem` as the bridge's 421 `HOST_REJECTED`. */
export function checkHost(req: IncomingMessage): void {
  const problem = hostProblem(req);

  if (problem) {
    throw new BridgeRequestError(421, 'HOST_REJECTED', problem);
  }
}

/** Requests must carry `Authorization: Bearer <token>`; compared in constant time. */
export function checkToken(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization;

  if (!header) {
    throw new BridgeRequestError(401, 'TOKEN_REQUIRED', 'this request has no bridge token (Authorization: Bearer <token>)');
  }

  const match = /^Bearer\s+(\S+)$/i.exec(header);

  if (!tokenMatches(match ? match[1] : '', token)) {
    throw new BridgeRequestError(401, 'TOKEN_INVALID', 'the bridge token of this request is not the current one (was the Modeler restarted?)');
  }
}

/**
 * Whether `given` is the bridge's token, compared in constant time (the HTTP header and the
 * call socket's `hello` both go through here).
 */
export function tokenMatches(given: unknown, token: string): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(token);

  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a browser origin may read the bridge's answers: one of `allowedOrigins` (by
 * default the file:// page that is the Modeler's renderer), or the bridge's own origin, so
 * a page served by the same server (the playground) works without configuration.
 */
function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;

  if (origin === undefined) {

    // not a browser cross-origin request (curl, Node, a same-origin GET): the token decides
    return true;
  }

  return allowedOrigins.includes(origin) || origin === `http://${req.headers.host}`;
}

/**
 * The origin policy as the bridge's 403 `ORIGIN_REJECTED`: for CORS requests and for the call
 * socket's upgrade, which browsers send with the page's Origin and no preflight.
 */
export function checkOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): void {
  if (!isOriginAllowed(req, allowedOrigins)) {
    throw new BridgeRequestError(403, 'ORIGIN_REJECTED', `the bridge does not serve pages from ${req.headers.origin}`);
  }
}

/**
 * Applies the CORS policy: allowed origins get their origin echoed (never `*`), others
 * are refused before any work is done.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): void {
  const origin = req.headers.origin;

  checkOrigin(req, allowedOrigins);

  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
}

/** Answers a CORS preflight (allowed origin already checked): no token is needed for it. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {

  // Chromium asks before a page reaches a loopback server (Private Network Access)
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }

  res.statusCode = 204;
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
  res.end();
}

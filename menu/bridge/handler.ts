import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import type { SecretStore } from '../../runtime/types';

import { BridgeRequestError } from './bridge-error';
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from './body';
import { CallRegistry } from './call-registry';
import type { BridgeContext } from './context';
import { DEFAULT_KEEP_ALIVE_MS } from './event-stream';
import type { TrustedPair } from '../../runtime/secrets/trust';

import { fileApprovalStore, memoryApprovalStore, type ApprovalStore } from './approvals';
import { answerPreflight, applyCors, checkHost, checkToken } from './guard';
import type { ConfirmKeySend } from './key-trust';
import { createSecretLedger } from './ledger';
import { BRIDGE_SOCKET_PATH } from './protocol';
import { refuseUpgrade, sendError, sendJson } from './respond';
import { handleApprovalList, handleApprovalRequest, handleApprovalRevoke } from './routes/approvals';
import { handleCall } from './routes/call';
import { handleCheck } from './routes/check';
import { handleHealth } from './routes/health';
import { handleModels } from './routes/models';
import { handleSecretStatus } from './routes/secret-status';
import { handleReadTestCases, handleRunTestCase, handleWriteTestCases } from './routes/test-cases';
import type { BridgeRuntime } from './runtime-port';
import { createCallSocketServer, DEFAULT_HELLO_TIMEOUT_MS } from './socket';

/** Where the bridge's endpoints live, so it can share a server (the playground's) with other routes. */
export const BRIDGE_BASE_PATH = '/catalyst/v1';

/**
 * Origins allowed by default: the Modeler's renderer is a file:// page. Electron grants
 * file:// pages file access by default (its GrantFileProtocolExtraPrivileges fuse, which
 * the Modeler leaves on), so they send `Origin: file://`. `null` is not among them: any
 * sandboxed iframe of any web page sends it too. A host whose renderer sends `null` (a
 * file:// page in plain Chromium) passes it in `allowedOrigins` (see menu/index.js).
 */
const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [ 'file://' ];

export interface BridgeHandlerOptions {

  /** Bearer token clients must send; a new random one when absent. */
  token?: string;

  /** Browser origins besides the bridge's own that may call it (default: file:// pages, as `file://` or `null`). */
  allowedOrigins?: readonly string[];
  bodyLimitBytes?: number;

  /** Used for the calls, model lists and checks (default: globalThis.fetch). */
  fetch?: typeof fetch;
  keepAliveMs?: number;

  /** Told about failures that are bugs (the client only gets a generic 500). */
  onInternalError?: (error: unknown) => void;

  /** Reported by `GET /health`. */
  secretsFile?: string | null;
  secretsDir?: string | null;

  /**
   * Where the user's approvals of (secret, host) pairs are kept: a file (the Modeler's user
   * data folder), an `ApprovalStore`, or in memory when absent.
   */
  approvals?: string | ApprovalStore | null;

  /** Asks the user whether a key may go to a host (main process only); none: approvals only by file. */
  confirmKeySend?: ConfirmKeySend | null;

  /** Pairs trusted beyond the catalog and loopback by the host itself. */
  trustedHosts?: readonly TrustedPair[];

  /** How long a new call socket may wait before its `hello` (default 5 s). */
  helloTimeoutMs?: number;
}

export interface BridgeHandler {
  readonly token: string;
  readonly basePath: string;

  /** Serves `req` when it is for the bridge (path under `basePath`); `false` leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;

  /**
   * Takes over an `upgrade` when it is for the bridge (the call socket at
   * `basePath`/socket; another bridge path is refused with 404); `false` leaves it to the
   * caller. Servers wire it with {@link serveUpgrades}.
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;

  /** The base URL clients use when the server listens on `port`. */
  urlFor(port: number): string;

  /** Cancels every running call (their streams end with `cancelled`) and closes the call sockets. */
  close(): void;
}

/** A new random token: 32 bytes, base64url. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The bridge as a request handler, for any Node HTTP server bound to the loopback
 * interface. `runtime` and `secrets` are what the calls run on.
 */
export function createBridgeHandler(options: BridgeHandlerOptions & { runtime: BridgeRuntime; secrets: SecretStore }): BridgeHandler {
  const token = options.token ?? createToken();
  const allowedOrigins = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  const ledger = createSecretLedger(options.secrets);
  const approvals = typeof options.approvals === 'string'
    ? fileApprovalStore(options.approvals, options.onInternalError)
    : options.approvals ?? memoryApprovalStore();

  const context: BridgeContext = {
    runtime: options.runtime,
    secrets: ledger.store,
    ledger,
    trustedHosts: options.trustedHosts ?? [],
    approvals,
    confirmKeySend: options.confirmKeySend ?? null,
    asking: false,
    calls: new CallRegistry(),
    fetch: options.fetch,
    keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    onInternalError: options.onInternalError,
    secretsFile: options.secretsFile ?? null,
    secretsDir: options.secretsDir ?? null
  };

  const redact = ledger.redact;
  const sockets = createCallSocketServer(context, {
    token,
    allowedOrigins,
    maxMessageBytes: bodyLimitBytes,
    helloTimeoutMs: options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS
  });

  async function serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    checkHost(req);
    applyCors(req, res, allowedOrigins);

    if (req.method === 'OPTIONS') {
      return answerPreflight(req, res);
    }

    checkToken(req, token);

    const method = req.method ?? 'GET';
    const cancelMatch = /^\/calls\/([^/]+)$/.exec(path);

    if (cancelMatch) {
      requireMethod(method, 'DELETE');

      const callId = decodePathSegment(cancelMatch[1]);

      if (!context.calls.cancel(callId, 'cancel-request')) {
        throw new BridgeRequestError(404, 'CALL_NOT_FOUND', `no call "${callId}" is running (it never started or has finished)`);
      }

      return sendJson(res, 200, { cancelled: true }, redact);
    }

    // every answer below leaves through sendJson with the ledger's redaction (calls: their event stream's)
    switch (path) {
    case '/health':
      requireMethod(method, 'GET');
      return sendJson(res, 200, handleHealth(context), redact);
    case '/calls':
      requireMethod(method, 'POST');
      return handleCall(context, await readJsonBody(req, bodyLimitBytes), res);
    case '/models':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleModels(context, await readJsonBody(req, bodyLimitBytes)), redact);
    case '/secret-status':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleSecretStatus(context, await readJsonBody(req, bodyLimitBytes)), redact);
    case '/check':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleCheck(context, await readJsonBody(req, bodyLimitBytes)), redact);
    case '/approvals':
      if (method === 'GET') {
        return sendJson(res, 200, handleApprovalList(context), redact);
      }

      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleApprovalRequest(context, await readJsonBody(req, bodyLimitBytes)), redact);
    case '/approvals/revoke':
      requireMethod(method, 'POST');
      return sendJson(res, 200, handleApprovalRevoke(context, await readJsonBody(req, bodyLimitBytes)), redact);
    case '/test-cases/read':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleReadTestCases(await readJsonBody(req, bodyLimitBytes)), redact);
    case '/test-cases/write':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleWriteTestCases(await readJsonBody(req, bodyLimitBytes)), redact);
    case '/test-cases/run':
      requireMethod(method, 'POST');
      return sendJson(res, 200, await handleRunTestCase(context, await readJsonBody(req, bodyLimitBytes)), redact);
    default:
      throw new BridgeRequestError(404, 'NOT_FOUND', `the bridge has no endpoint ${BRIDGE_BASE_PATH}${path}`);
    }
  }

  return {
    token,
    basePath: BRIDGE_BASE_PATH,
    urlFor: port => `http://127.0.0.1:${port}${BRIDGE_BASE_PATH}`,
    close: () => {
      context.calls.cancelAll('bridge-closed');
      sockets.close();
    },
    upgrade(req, socket, head) {
      const path = bridgePath(req.url ?? '/');

      if (path === null) {
        return false;
      }

      if (path === BRIDGE_SOCKET_PATH) {
        sockets.upgrade(req, socket, head);
      } else {
        refuseUpgrade(socket, new BridgeRequestError(404, 'NOT_FOUND', `the bridge has no socket at ${BRIDGE_BASE_PATH}${path}`), redact);
      }

      return true;
    },
    handle(req, res) {
      const path = bridgePath(req.url ?? '/');

      if (path === null) {
        return false;
      }

      serve(req, res, path).catch(error => {
        if (error instanceof BridgeRequestError && error.status === 413) {

          // the rest of the body is still coming: do not read it as the next request
          res.setHeader('Connection', 'close');
        }

        if (!(error instanceof BridgeRequestError)) {
          options.onInternalError?.(error);
        }

        sendError(res, error, redact);
      });

      return true;
    }
  };
}

/**
 * Wires `server`'s WebSocket upgrades to the bridge (its own server, or one it shares with the
 * playground): the call socket's; any other upgrade is refused with 404, as this server
 * serves no other socket.
 */
export function serveUpgrades(server: Server, handler: BridgeHandler): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handler.upgrade(req, socket, head)) {
      refuseUpgrade(socket, new BridgeRequestError(404, 'NOT_FOUND', `this server has no socket at ${req.url}`));
    }
  });
}

/** The path below the base path, or `null` when the request is not for the bridge. */
function bridgePath(url: string): string | null {
  const pathname = url.split('?')[0];

  if (pathname === BRIDGE_BASE_PATH) {
    return '/';
  }

  return pathname.startsWith(`${BRIDGE_BASE_PATH}/`) ? pathname.slice(BRIDGE_BASE_PATH.length) : null;
}

/** A `%`-escaped path segment; a malformed escape is the client's mistake (400), not a crash. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BridgeRequestError(400, 'PATH_INVALID', `the path segment "${segment}" is not valid percent-encoding`);
  }
}

function requireMethod(method: string, expected: string): void {
  if (method !== expected) {
    throw new BridgeRequestError(405, 'METHOD_NOT_ALLOWED', `use ${expected} for this endpoint, not ${method}`);
  }
}

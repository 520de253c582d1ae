import type { UntrustedSend } from '../../menu/bridge/bridge-error';
import { CatalystError } from '../../runtime/errors';

/** The bridge's code for a key it did not send because the host is not trusted for it. */
const KEY_NOT_TRUSTED = 'KEY_NOT_TRUSTED';

/**
 * Why a bridge request did not work: the bridge's own error codes (docs/bridge-protocol.md
 * §3) plus `NOT_ANNOUNCED`, `START_FAILED`, `UNREACHABLE` and `STREAM_BROKEN`, which only
 * the renderer can see.
 */
export class BridgeError extends CatalystError {
  override name = 'BridgeError';

  /** HTTP status of the bridge's answer, `null` when there was none. */
  readonly status: number | null;

  /** For `KEY_NOT_TRUSTED`: the secret and host the bridge refused (names only, never a key). */
  readonly trust: UntrustedSend | null;

  constructor(code: string, message: string, status: number | null = null, trust: UntrustedSend | null = null) {
    super(code, message);
    this.status = status;
    this.trust = trust;
  }
}

/**
 * The refused (secret, host) pair when `error` is the bridge's `KEY_NOT_TRUSTED`, else
 * `null`. Checks the code and name, not `instanceof`: the client is bundled more than once.
 */
export function untrustedSendOf(error: unknown): UntrustedSend | null {
  if (typeof error !== 'object' || error === null) {
    return null;
  }

  const { name, code, trust } = error as { name?: unknown; code?: unknown; trust?: unknown };

  if (name !== 'BridgeError' || code !== KEY_NOT_TRUSTED || !isUntrustedSend(trust)) {
    return null;
  }

  return trust;
}

function isUntrustedSend(value: unknown): value is UntrustedSend {
  if (typeof value !== 'object' || value === null) {
    return false;
  }

  const { secret, host, description } = value as Record<string, unknown>;

  return typeof secret === 'string' && typeof host === 'string' && typeof description === 'string';
}

export type { UntrustedSend };

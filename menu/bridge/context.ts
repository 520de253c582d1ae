import type { TrustedPair } from '../../runtime/secrets/trust';
import type { SecretStore } from '../../runtime/types';

import type { ApprovalStore } from './approvals';
import type { ConfirmKeySend } from './key-trust';
import type { SecretLedger } from './ledger';

import type { CallRegistry } from './call-registry';
import type { BridgeRuntime } from './runtime-port';

/** What every route needs: the runtime, where secrets come from, the running calls. */
export interface BridgeContext {
  runtime: BridgeRuntime;

  /** The host's store, read through the ledger (every value read is redacted from every answer). */
  secrets: SecretStore;
  ledger: SecretLedger;

  /** Pairs the host trusts beyond the catalog and loopback (not the renderer's to change). */
  trustedHosts: readonly TrustedPair[];
  approvals: ApprovalStore;

  /** How the host asks the user; `null` when it cannot (then approvals are made in the file). */
  confirmKeySend: ConfirmKeySend | null;

  /** A question on screen right now: one at a time, so a page cannot stack dialogs. */
  asking: boolean;
  calls: CallRegistry;

  /** The host's fetch; `undefined` for the runtime's default (globalThis.fetch, looked up at each call). */
  fetch: typeof fetch | undefined;
  keepAliveMs: number;

  /** Told about failures that are bugs; clients get only a generic message. */
  onInternalError?: (error: unknown) => void;

  /** Shown by `GET /health` so the user knows which file the bridge reads keys from. */
  secretsFile: string | null;
  secretsDir: string | null;
}

import type { SecretStore } from '../../runtime/types';

import type { CallRegistry } from './call-registry';
import type { BridgeRuntime } from './runtime-port';

/** What every route needs: the runtime, where secrets come from, the running calls. */
export interface BridgeContext {
  runtime: BridgeRuntime;
  secrets: SecretStore;
  calls: CallRegistry;
  fetch: typeof fetch;
  keepAliveMs: number;

  /** Told about failures that are bugs; clients get only a generic message. */
  onInternalError?: (error: unknown) => void;

  /** Shown by `GET /health` so the user knows which file the bridge reads keys from. */
  secretsFile: string | null;
  secretsDir: string | null;
}

/**
 * The wire types of docs/bridge-protocol.md, shared by the bridge and its renderer
 * client (type-only: nothing here runs).
 */
import type { ExecutionResult, ModelInfo, TaskProperties } from '../../runtime/types';

export type { ConnectionCheck, ConnectionProblem } from './check/types';
export type { BridgeErrorBody } from './respond';
export type { SecretStatus } from './routes/secret-status';

/** What the Modeler's `catalyst.bridge` event (or the playground) hands to the renderer. */
export type BridgeAnnouncement =
  | { version: number; url: string; token: string }
  | { version: number; error: string };

/** `POST /calls` body. */
export interface CallRequest {
  callId?: string;
  properties: TaskProperties;
  variables?: Record<string, unknown>;
  retries?: number;
  stream?: boolean;
}

/** One event of a call's stream, in order; the last is `result`, `cancelled` or `error`. */
export type CallStreamEvent =
  | { type: 'started'; callId: string }
  | { type: 'attempt'; attempt: number }
  | { type: 'chunk'; text: string; reasoning?: boolean }
  | { type: 'retry'; attempt: number; waitMs: number; reason: string }
  | { type: 'result'; result: ExecutionResult }
  | { type: 'cancelled'; callId: string; message: string; result?: ExecutionResult }
  | { type: 'error'; error: { code: string; message: string } };

/** `POST /models` body: the task's properties, or a provider id (and URL). */
export type ModelsRequest =
  | { properties: TaskProperties; variables?: Record<string, unknown> }
  | { provider: string; url?: string };

export interface ModelsAnswer {
  models: ModelInfo[];

  /** The models URL asked, `null` when the provider has none. */
  url: string | null;

  /**
   * Why there is no live list, when that is an expected condition (no key, the provider
   * down or refusing): answered with 200, not as an HTTP error, so the Modeler's console
   * does not log a failed request each time a task without a key is selected.
   */
  unavailable?: { code: ModelsUnavailableCode; message: string };
}

export type ModelsUnavailableCode = 'SECRET_NOT_FOUND' | 'MODELS_FAILED';

export interface HealthAnswer {
  ok: true;
  version: number;
  secretsFile: string | null;
  secretsDir: string | null;
}

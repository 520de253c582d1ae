import { readTaskConfig } from '../../runtime/config';
import { executeTask } from '../../runtime/execute';
import type { ExecutionResult, SecretStore, TaskProperties } from '../../runtime/types';
import type { CatalystBridge } from '../bridge';

import type { RunEvent } from './run-progress';

export interface RunRequest {
  properties: TaskProperties;
  variables: Record<string, unknown>;

  /** `0` when the dialog's retries toggle is off; otherwise the task's own setting. */
  retries?: number;
  stream?: boolean;
  onEvent(event: RunEvent): void;
}

export interface RunEnd {
  result: ExecutionResult | null;
  cancelled: boolean;
}

/** A run under way: `done` settles when it ended; `cancel` stops it. */
export interface RunHandle {
  done: Promise<RunEnd>;
  cancel(): void;
}

/**
 * Runs the task on the desktop bridge: the same runtime, secrets and network the worker
 * would use. Cancel asks the bridge (which still reports what happened so far); when the
 * bridge cannot be asked, the connection is dropped, which stops the run as well.
 */
export function runOnBridge(bridge: CatalystBridge, request: RunRequest): RunHandle {
  const controller = new AbortController();
  const callId = newCallId();

  const done = bridge.call(
    { callId, properties: request.properties, variables: request.variables, retries: request.retries, stream: request.stream },
    { onEvent: request.onEvent, signal: controller.signal }
  ).then(({ result, cancelled }) => ({ result, cancelled }), error => {
    if (controller.signal.aborted) {
      return { result: null, cancelled: true };
    }

    throw error;
  });

  return {
    done,
    cancel() {
      bridge.cancel(callId).then(found => found || controller.abort(), () => controller.abort());
    }
  };
}

/**
 * Runs the task in the editor itself, for when there is no bridge: the shared runtime
 * with the browser's fetch and a key typed for this one call, held only in this closure.
 * A provider that does not allow cross-origin requests (CORS) refuses such calls.
 *
 * @throws ConfigError (through `done`) when the task's properties cannot be read
 */
export function runInEditor(request: RunRequest & { apiKey: string }): RunHandle {
  const controller = new AbortController();

  const done = (async () => {
    const config = readTaskConfig(request.properties);
    const result = await executeTask(config, {
      variables: request.variables,
      secrets: typedKeyStore(request.apiKey),
      retries: request.retries,
      stream: request.stream,
      signal: controller.signal,
      onEvent: request.onEvent,
      fetch: (input, init) => globalThis.fetch(input, init)
    });

    return { result, cancelled: controller.signal.aborted };
  })();

  return { done, cancel: () => controller.abort() };
}

/** A secret store that knows one key, whatever the task names: the one typed in the dialog. */
function typedKeyStore(apiKey: string): SecretStore {
  return {
    locate: (source, name) => ({ source, name, description: 'the key typed in the test dialog' }),
    read: async () => apiKey.trim() || undefined
  };
}

function newCallId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

import { createNodeSecretStore } from '../../../runtime/node/secret-store';
import type { WorkerOptions } from '../../../worker/options';
import { startWorker, type Worker } from '../../../worker/worker';

/**
 * A worker against a loopback engine, polling fast so specs wait on conditions, not on the
 * poll; `TEST_API_KEY` holds `apiKey`. Specs override what they are about (slots, lock,
 * engine retries).
 */
export function startTestWorker(engineUrl: string, options: Partial<WorkerOptions> & { apiKey: string }): { worker: Worker; lines: string[] } {
  const { apiKey, ...overrides } = options;
  const lines: string[] = [];

  const worker = startWorker({
    engineUrl,
    auth: { type: 'none' },
    workerId: 'worker-under-test',
    maxTasks: 5,
    lockDurationMs: 30_000,
    longPollMs: 200,
    pollIntervalMs: 20,
    engineRetries: 3,
    shutdownTimeoutMs: 5_000,
    ...overrides
  }, {
    secrets: createNodeSecretStore({ env: { TEST_API_KEY: apiKey } }),
    write: line => lines.push(line)
  });

  return { worker, lines };
}

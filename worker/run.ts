/**
 * The worker as a long-running process: runs until SIGTERM (or SIGINT, Ctrl+C), then
 * drains; a second signal stops waiting and releases the running tasks.
 */
import type { EventEmitter } from 'node:events';

import type { WorkerOptions } from './options';
import { startWorker } from './worker';
import type { WorkerDependencies } from './worker';

const STOP_SIGNALS = [ 'SIGTERM', 'SIGINT' ] as const;

/**
 * Starts a worker and resolves once a stop signal has drained it.
 *
 * @param signals where the signals arrive; the process, or an emitter in tests
 */
export function runWorkerUntilSignal(
    options: WorkerOptions,
    dependencies: WorkerDependencies = {},
    signals: Pick<EventEmitter, 'on' | 'off'> = process
): Promise<void> {
  const worker = startWorker(options, dependencies);
  let stopped: Promise<void> | null = null;

  return new Promise<void>(resolve => {
    const onSignal = () => {
      if (stopped) {
        worker.abort();

        return;
      }

      stopped = worker.stop().then(() => {
        STOP_SIGNALS.forEach(signal => signals.off(signal, onSignal));
        resolve();
      });
    };

    STOP_SIGNALS.forEach(signal => signals.on(signal, onSignal));
  });
}

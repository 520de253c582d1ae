/**
 * Keeps a task's lock alive while a slow call runs: a call with retries and backoff can
 * take longer than the lock duration, and an expired lock hands the task to another
 * worker, which would call the provider a second time.
 */
import { classifyEngineError } from './engine-errors';

export interface LockExtensionOptions {

  /** The worker's lock duration; each extension asks for this much from now. */
  lockDurationMs: number;

  /** Sends the extension (`taskService.extendLock(task, ms)`). */
  extend: (newDurationMs: number) => Promise<void>;

  /**
   * Told about an extension the engine refused. `lost` is true when the engine says the
   * task is gone or locked by another worker, so the result could no longer be reported.
   * A lock that merely expired (an engine outage longer than the lock) is not lost: the
   * engine still takes this worker's report until another worker locks the task.
   */
  onError?: (error: unknown, lost: boolean) => void;

  /** Injected for tests. */
  now?: () => number;
}

export interface LockExtension {
  stop(): void;

  /** When the lock runs out as far as this worker knows: its start or last extension plus the duration. */
  expiresAt(): number;
}

/**
 * Extends the lock at half its duration, again and again, until `stop()`: half leaves a
 * whole half-duration for the request to reach a slow engine before the lock runs out.
 */
export function startLockExtension({ lockDurationMs, extend, onError, now = Date.now }: LockExtensionOptions): LockExtension {
  const intervalMs = Math.max(Math.floor(lockDurationMs / 2), 1);
  let stopped = false;
  let inFlight = false;
  let expiresAt = now() + lockDurationMs;

  const timer = setInterval(() => {

    // An extension still on its way must not be overtaken by the next one.
    if (stopped || inFlight) {
      return;
    }

    inFlight = true;
    const sentAt = now();

    extend(lockDurationMs)
      .then(() => {
        expiresAt = sentAt + lockDurationMs;
      })
      .catch(error => {
        if (!stopped) {
          onError?.(error, isLockLost(error));
        }
      })
      .finally(() => {
        inFlight = false;
      });
  }, intervalMs);

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    expiresAt() {
      return expiresAt;
    }
  };
}

/**
 * The engine answers 404 for a task that no longer exists and 400 naming the worker that
 * holds it when another one does; both mean this worker can no longer report a result.
 * A network error, a 5xx or 400 "Cannot extend a lock that expired" may pass, so the call
 * keeps running.
 */
function isLockLost(error: unknown): boolean {
  return classifyEngineError(error).kind === 'gone';
}

/**
 * Keeps a task's lock alive while a slow call runs: a call with retries and backoff can
 * take longer than the lock duration, and an expired lock hands the task to another
 * worker, which would call the provider a second time.
 */

export interface LockExtensionOptions {

  /** The worker's lock duration; each extension asks for this much from now. */
  lockDurationMs: number;

  /** Sends the extension (`taskService.extendLock(task, ms)`). */
  extend: (newDurationMs: number) => Promise<void>;

  /**
   * Told about an extension the engine refused. `lost` is true when the engine says the
   * task is gone or locked by someone else, so the result could no longer be reported.
   */
  onError?: (error: unknown, lost: boolean) => void;
}

export interface LockExtension {
  stop(): void;
}

/**
 * Extends the lock at half its duration, again and again, until `stop()`: half leaves a
 * whole half-duration for the request to reach a slow engine before the lock runs out.
 */
export function startLockExtension({ lockDurationMs, extend, onError }: LockExtensionOptions): LockExtension {
  const intervalMs = Math.max(Math.floor(lockDurationMs / 2), 1);
  let stopped = false;
  let inFlight = false;

  const timer = setInterval(() => {

    // An extension still on its way must not be overtaken by the next one.
    if (stopped || inFlight) {
      return;
    }

    inFlight = true;
    extend(lockDurationMs)
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
    }
  };
}

/**
 * The engine answers 404 for a task that no longer exists and 400 when another worker
 * holds the lock; both mean this worker can no longer report a result. A network error
 * (no status) may pass, so the call keeps running.
 */
function isLockLost(error: unknown): boolean {
  const status = (error as { httpStatusCode?: unknown } | null)?.httpStatusCode;

  return status === 400 || status === 404;
}

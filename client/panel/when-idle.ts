/** How long work may wait for an idle moment after the panel rendered. */
const IDLE_TIMEOUT_MS = 300;

/**
 * Runs `callback` when the browser is idle (at the latest after a short timeout);
 * returns a function that cancels it. Lets the panel paint before heavier work.
 */
export function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => callback(), { timeout: IDLE_TIMEOUT_MS });

    return () => cancelIdleCallback(handle);
  }

  const handle = setTimeout(callback, 0);

  return () => clearTimeout(handle);
}

/** Defaults for execution limits; every one can be overridden through ExecuteOptions. */

/** Largest response body read before the call fails as "response too large". */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Cap for a single wait between attempts, whatever the server asks for. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/** First backoff step; doubles with each retry. */
export const BASE_BACKOFF_MS = 1_000;

/** Above this many characters a variable needs an engine type that keeps it whole (Json/Object). */
export const LARGE_VALUE_CHARS = 4_000;

export { executeTask, failureBeforeRequest } from './execute-task';
export { buildRequest, authHeaders } from './request';
export { toCurl } from './curl';
export { parseErrorBody, errorInPayload } from './error-body';
export { retryDelayMs, isRetryable } from './retry';
export { parseRetryAfter, parseResetDuration } from './durations';
export { splitThink } from './think';
export { LARGE_VALUE_CHARS } from './limits';

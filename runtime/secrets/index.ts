export { resolveSecret, describeSecret } from './resolve';
export { redact, createRedactor } from './redact';
export { createStreamRedactor } from './stream-redact';
export { looksLikeKey } from './key-like';
export { judgeKeySend } from './trust';

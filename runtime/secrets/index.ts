export { resolveSecret, describeSecret } from './resolve';
export { redact, createRedactor } from './redact';
export { createStreamRedactor, type StreamRedactor } from './stream-redact';
export { looksLikeKey } from './key-like';
export { judgeKeySend } from './trust';

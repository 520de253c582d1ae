export { resolveSecret, describeSecret } from './resolve';
export { redact, createRedactor, REDACTED } from './redact';
export { looksLikeKey } from './key-like';

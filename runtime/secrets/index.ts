export { resolveSecret, describeSecret } from './resolve';
export { redact, createRedactor, REDACTED } from './redact';
export { createStreamRedactor, type StreamRedactor } from './stream-redact';
export { looksLikeKey } from './key-like';
export {
  CATALOG_TRUSTED_PAIRS,
  formatTrustedPair,
  hasTrustedPair,
  isLoopbackHost,
  judgeKeySend,
  parseTrustedPairs,
  sameSecret,
  trustedPairProblem,
  urlHost,
  type KeySendVerdict,
  type TrustedPair,
  type TrustReason
} from './trust';

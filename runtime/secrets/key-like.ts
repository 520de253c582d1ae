import type { Provider } from '../types';
import { KNOWN_KEY_PREFIXES } from './key-prefixes';

// Keys are long random runs: 20 characters after the prefix with a digit among them rules
// out `sk-test` and words like `sk-learn-based-classification`.
const PREFIXED_KEY_BODY = /^(?=.*\d)[A-Za-z0-9_\-.]{20,}$/;

// Keys without a prefix (Together's 64 hex digits) are one long run mixing letters and
// digits; model names and other identifiers are split by `-`, `.` or `/`.
const BARE_KEY = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{32,}$/;

/**
 * Whether a literal looks like a real API key: the provider's key prefix (or any known
 * prefix, `gsk_`, `fw_`, `sk-`) followed by a key-length body, or a long mixed token.
 * Placeholders (`${apiKey}`) and development literals (`ollama`, `not-required`) are not.
 */
export function looksLikeKey(value: string, provider?: Provider): boolean {
  const text = value.trim();

  if (!text || text.includes('${')) {
    return false;
  }

  const prefixes = provider?.keyPrefix ? [ provider.keyPrefix, ...KNOWN_KEY_PREFIXES ] : KNOWN_KEY_PREFIXES;

  for (const prefix of prefixes) {
    if (text.startsWith(prefix) && PREFIXED_KEY_BODY.test(text.slice(prefix.length))) {
      return true;
    }
  }

  return BARE_KEY.test(text);
}

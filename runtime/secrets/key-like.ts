/**
 * The one rule for "this literal looks like a real API key". The secret-name check of
 * `readTaskConfig`, the panel's Secret name field, the task lint (URL, auth prefix, secret
 * name) and the payload lint all ask this function, so no surface calls a value a key that
 * another accepts.
 */
import type { Provider } from '../types';
import { KNOWN_KEY_PREFIXES } from './key-prefixes';

// A key body is at least 20 characters of the key alphabet with a digit among them; this
// rules out `sk-test` and words like `sk-learn-based-classification`.
const PREFIXED_KEY_BODY = /^(?=.*\d)[A-Za-z0-9_\-.]{20,}$/;

// Keys are random: mixed case with digits (`gsk_8f3KdLq0…`), or a long unbroken run of
// letters and digits (hex bodies such as `sk-or-v1-0123…abcdef`). Secret names are words
// split by `_` or `-` (`fw_key_prod_2024_primary`), so their runs stay short.
const MIXED_CASE = /(?=.*[a-z])(?=.*[A-Z])(?=.*\d)/;
const RANDOM_RUN = /(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{16,}/;

// Keys without a prefix (Together's 64 hex digits) are one long run mixing letters and
// digits; model names and other identifiers are split by `-`, `.` or `/`.
const BARE_KEY = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{32,}$/;

/**
 * The key prefixes to look for: the known issuers' (`gsk_`, `fw_`, `sk-`, …) and the
 * provider's own. A catalog spelling like `gsk_...` means `gsk_`; prefixes shorter than
 * three characters tell nothing and are left out.
 */
export function keyPrefixes(provider?: Provider): string[] {
  const prefixes = new Set<string>();

  for (const prefix of [ provider?.keyPrefix, ...KNOWN_KEY_PREFIXES ]) {
    const usable = (prefix ?? '').replace(/(?:\.\.\.|…)$/, '').trim();

    if (usable.length >= 3) {
      prefixes.add(usable);
    }
  }

  return [ ...prefixes ];
}

/**
 * Whether a literal looks like a real API key: a key prefix followed by a random body of
 * key length, or a long bare run of letters and digits. Placeholders (`${apiKey}`),
 * development literals (`ollama`, `not-required`) and secret names made of words
 * (`fw_key_prod_2024_primary`, `groq_api_key`) are not.
 */
export function looksLikeKey(value: string, provider?: Provider): boolean {
  const text = value.trim();

  if (!text || text.includes('${')) {
    return false;
  }

  for (const prefix of keyPrefixes(provider)) {
    const body = text.slice(prefix.length);

    if (text.startsWith(prefix) && PREFIXED_KEY_BODY.test(body) && (MIXED_CASE.test(body) || RANDOM_RUN.test(body))) {
      return true;
    }
  }

  return BARE_KEY.test(text);
}

/**
 * Finds API keys written into a payload: a secret belongs in the secret store
 * (design §3), never in the BPMN. Messages show the prefix only, never the key.
 */

import type { Diagnostic, Provider } from '../types';
import { KNOWN_KEY_PREFIXES } from '../secrets/key-prefixes';

/** Random keys carry digits; this keeps words like `sk-learn-based-classification` out. */
const HAS_DIGIT = /[0-9]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `gsk_...` in the catalog means `gsk_`; prefixes too short to tell anything are ignored. */
function usablePrefix(prefix: string | null | undefined): string | null {
  const trimmed = (prefix ?? '').replace(/(?:\.\.\.|…)$/, '').trim();

  return trimmed.length >= 3 ? trimmed : null;
}

function keyPattern(provider?: Provider): RegExp {
  const prefixes = new Set(KNOWN_KEY_PREFIXES.map(usablePrefix).filter((prefix): prefix is string => prefix !== null));
  const extra = usablePrefix(provider?.keyPrefix);

  if (extra) {
    prefixes.add(extra);
  }

  const alternatives = [ ...prefixes ].map(escapeRegExp).join('|');

  return new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives})[A-Za-z0-9_-]{20,}`, 'g');
}

/** An error for each key-like literal in `text` (anywhere: values, keys, broken JSON). */
export function findKeyLiterals(text: string, provider?: Provider): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];

  for (const match of text.matchAll(keyPattern(provider))) {
    const key = match[0];

    if (!HAS_DIGIT.test(key)) {
      continue;
    }

    const prefix = key.slice(0, key.search(/[_-]/) + 1);

    diagnostics.push({
      from: match.index,
      to: match.index + key.length,
      severity: 'error',
      code: 'secret/key-literal',
      message: `this looks like an API key (${prefix}…) written into the payload; keys belong in the secret store (catalyst.secretName), not in the diagram`
    });
  }

  return diagnostics;
}

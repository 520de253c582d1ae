/**
 * Finds API keys written into a payload: a secret belongs in the secret store
 * (design §3), never in the BPMN. Messages show the prefix only, never the key.
 */

import type { Diagnostic, Provider } from '../types';
import { keyPrefixes, looksLikeKey } from '../secrets/key-like';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Candidates: a known prefix at the start of a word and a body of key length. Whether a
// candidate is a key is `looksLikeKey`'s decision, the same one every other surface asks.
function candidatePattern(provider?: Provider): RegExp {
  const alternatives = keyPrefixes(provider).map(escapeRegExp).join('|');

  return new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives})[A-Za-z0-9_-]{20,}`, 'g');
}

/** An error for each key-like literal in `text` (anywhere: values, keys, broken JSON). */
export function findKeyLiterals(text: string, provider?: Provider): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];

  for (const match of text.matchAll(candidatePattern(provider))) {
    const key = match[0];

    if (!looksLikeKey(key, provider)) {
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

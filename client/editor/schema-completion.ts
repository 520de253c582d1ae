import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';

import { SCHEMA_KEYWORDS, SCHEMA_TYPES } from '../../runtime/structured/schema-lint';

/** Where a member name may be typed: right after `{` or `,`. */
const KEY_POSITION = /[{,]\s*"([A-Za-z$]*)$/;

/** Where a `type` value is typed: `"type": "` or inside `"type": [ ... "`. */
const TYPE_POSITION = /"type"\s*:\s*(?:\[[^\]]*)?"([a-z]*)$/;

/**
 * Completes JSON Schema keywords in member-name position and JSON types in a `type` value,
 * from the same lists the schema lint checks against.
 */
export function schemaKeywordCompletion(): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const before = context.state.sliceDoc(Math.max(0, context.pos - 200), context.pos);
    const type = TYPE_POSITION.exec(before);
    const key = type ? null : KEY_POSITION.exec(before);
    const match = type ?? key;

    if (!match) {
      return null;
    }

    const closed = context.state.sliceDoc(context.pos, context.pos + 1) === '"';
    const words = type ? SCHEMA_TYPES : SCHEMA_KEYWORDS;

    return {
      from: context.pos - match[1].length,
      validFor: /^[A-Za-z$]*$/,
      options: words.map(word => ({
        label: word,
        type: type ? 'type' : 'keyword',
        apply: closed ? word : type ? `${word}"` : `${word}": `
      }))
    };
  };
}

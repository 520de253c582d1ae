/** Small helpers for reading untrusted JSON from providers. */

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse JSON text; `undefined` when it is not JSON (a provider's body is untrusted input). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Deepest nesting of objects and arrays the runtime reads from a provider or a client.
 * Real answers are a handful of levels; a hostile one 20,000 deep would overflow the stack of
 * every recursive walk after it (mapping, redaction, serialising).
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether JSON text, parsed, nests objects/arrays deeper than `maxDepth`: the text is looked
 * at first, and only text that opens more than `maxDepth` of them (strings' brackets count
 * too, so this errs only towards walking) has its parsed value walked.
 */
export function jsonNestedDeeperThan(text: string, value: unknown, maxDepth: number): boolean {
  return opensMoreThan(text, maxDepth) && nestedDeeperThan(value, maxDepth);
}

// Every level opens with `{` or `[`: text opening no more than `limit` of them cannot nest
// deeper. Stops at the one past the limit, so a long text costs no more than a short one.
function opensMoreThan(text: string, limit: number): boolean {
  let opened = 0;

  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);

    if ((code === OPEN_BRACE || code === OPEN_BRACKET) && ++opened > limit) {
      return true;
    }
  }

  return false;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** Whether a parsed JSON value nests objects/arrays deeper than `maxDepth`; iterative, so it cannot overflow itself. */
function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }

  // two parallel stacks rather than one of {value, depth} records: this runs on every
  // answer and every bridge request, and allocates nothing per container this way
  const values: object[] = [ value ];
  const depths: number[] = [ 1 ];

  while (values.length) {
    const current = values.pop() as object;
    const depth = depths.pop() as number;

    if (depth > maxDepth) {
      return true;
    }

    if (Array.isArray(current)) {
      for (const child of current) {
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key];

        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }

  return false;
}

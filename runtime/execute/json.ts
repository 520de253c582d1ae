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

/** Whether a parsed JSON value nests objects/arrays deeper than `maxDepth`; iterative, so it cannot overflow itself. */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
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

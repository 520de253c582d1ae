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
  const stack: Array<{ value: unknown; depth: number }> = [ { value, depth: 0 } ];

  while (stack.length) {
    const { value: current, depth } = stack.pop()!;

    if (typeof current !== 'object' || current === null) {
      continue;
    }

    if (depth + 1 > maxDepth) {
      return true;
    }

    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }

  return false;
}

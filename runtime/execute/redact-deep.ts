/**
 * Apply a text redactor to every string (and key) inside a JSON-like value. This runs on
 * every result, so parts without a secret come back as they are, without allocating.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return redact(value);
  }

  if (value === null || typeof value !== 'object') {
    return value;
  }

  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;

    for (let index = 0; index < value.length; index++) {
      const item = walk(value[index], redact);

      if (item !== value[index]) {
        copy ??= value.slice();
        copy[index] = item;
      }
    }

    return copy ?? value;
  }

  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;

  for (const key in record) {
    const item = record[key];
    const safeKey = redact(key);
    const safeItem = walk(item, redact);

    if (copy === null && (safeKey !== key || safeItem !== item)) {
      copy = {};

      // Copy what came before unchanged, keeping the key order.
      for (const earlier in record) {
        if (earlier === key) {
          break;
        }

        copy[earlier] = record[earlier];
      }
    }

    if (copy !== null) {
      copy[safeKey] = safeItem;
    }
  }

  return copy ?? record;
}

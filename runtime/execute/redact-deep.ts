/**
 * Apply a text redactor to every string (and key) inside a JSON-like value. Parts without a
 * secret are returned as they are rather than copied, since this runs on every result.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return redact(value);
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

  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([ key, item ]) => {
      const safeKey = redact(key);
      const safeItem = walk(item, redact);

      changed ||= safeKey !== key || safeItem !== item;

      return [ safeKey, safeItem ];
    });

    return changed ? Object.fromEntries(entries) : value;
  }

  return value;
}

/** What a secret is replaced with in any text that leaves the runtime. */
export const REDACTED = '***';

// Shorter values would match ordinary words and make text unreadable; keys are longer.
const MIN_SECRET_LENGTH = 4;

/**
 * A function that replaces every occurrence of each secret in a text with `***`: as written,
 * URL-encoded (a key in a query string) and JSON-escaped (a key echoed in a JSON body).
 */
export function createRedactor(secrets: ReadonlyArray<string | null | undefined>): (text: string) => string {
  const forms = new Set<string>();

  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      continue;
    }

    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }

  if (!forms.size) {
    return text => text;
  }

  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [ ...forms ]
    .sort((a, b) => b.length - a.length)
    .map(form => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(alternatives.join('|'), 'g');

  return text => text.replace(pattern, REDACTED);
}

/** `text` with every occurrence of each secret replaced by `***` (see createRedactor). */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  return createRedactor(secrets)(text);
}

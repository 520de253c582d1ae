/** What a secret is replaced with in any text that leaves the runtime. */
const REDACTED = '***';

// Shorter values would match ordinary words and make text unreadable; keys are longer.
const MIN_SECRET_LENGTH = 4;

// Characters that encodeURIComponent and JSON.stringify both leave as they are.
const ENCODING_NEUTRAL = /^[A-Za-z0-9_.~-]+$/;

/**
 * A function that replaces every occurrence of each secret in a text with `***`: as written,
 * URL-encoded (a key in a query string) and JSON-escaped (a key echoed in a JSON body).
 */
export function createRedactor(secrets: ReadonlyArray<string | null | undefined>): (text: string) => string {
  const forms = secretForms(secrets);

  if (!forms.length) {
    return text => text;
  }

  // Longest first, so a secret that contains another is replaced whole.
  const literals = forms.length > 1 ? forms.sort((a, b) => b.length - a.length) : forms;

  // The common case, one key whose three forms are the same text: a plain search is much
  // cheaper than a regular expression, and a redactor runs on every string of every result.
  if (literals.length === 1) {
    const [ only ] = literals;

    return text => (text.includes(only) ? text.replaceAll(only, REDACTED) : text);
  }

  const pattern = new RegExp(literals.map(escapeRegExp).join('|'), 'g');

  // Most texts hold no secret at all; searching for the forms first spares them the regular
  // expression (and its copy of the text).
  return text => (containsAny(text, literals) ? text.replace(pattern, REDACTED) : text);
}

/**
 * Every form a secret can take in text that leaves the runtime: as written, URL-encoded
 * and JSON-escaped (values shorter than 4 characters are left out: they would match words).
 */
export function secretForms(secrets: ReadonlyArray<string | null | undefined>): string[] {
  const forms: string[] = [];

  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      continue;
    }

    addForm(forms, secret);

    // Keys are usually letters, digits, `-` and `_`, which neither encoding changes; the
    // executor makes a redactor on every call, so skip encoding what cannot change.
    if (!ENCODING_NEUTRAL.test(secret)) {
      addForm(forms, encodeURIComponent(secret));
      addForm(forms, JSON.stringify(secret).slice(1, -1));
    }
  }

  return forms;
}

/** `text` with every occurrence of each secret replaced by `***` (see createRedactor). */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  return createRedactor(secrets)(text);
}

function addForm(forms: string[], form: string): void {
  if (!forms.includes(form)) {
    forms.push(form);
  }
}

function containsAny(text: string, forms: readonly string[]): boolean {
  for (const form of forms) {
    if (text.includes(form)) {
      return true;
    }
  }

  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { createRedactor, secretForms } from './redact';

/** Redacts a text that arrives in pieces (a streamed answer). */
export interface StreamRedactor {

  /** The part of the text so far that is safe to show; what could still become a key is held back. */
  push(piece: string): string;

  /** What was held back, once the text has ended (it did not become a key). */
  flush(): string;
}

/**
 * Redaction across piece boundaries: a key split over two streamed chunks (`"gsk_abc"`,
 * `"def…"`) is caught because the end of each piece that could be the start of a secret
 * is held back until the next piece shows whether it is one.
 */
export function createStreamRedactor(secrets: ReadonlyArray<string | null | undefined>): StreamRedactor {
  const forms = secretForms(secrets);

  if (!forms.length) {
    return { push: piece => piece, flush: () => '' };
  }

  const redact = createRedactor(secrets);
  let held = '';

  return {
    push(piece) {
      const text = redact(held + piece);
      const keep = startOfSecretAtEnd(text, forms);

      held = text.slice(text.length - keep);

      return text.slice(0, text.length - keep);
    },
    flush() {
      const rest = held;

      held = '';

      return rest;
    }
  };
}

/** Length of the longest end of `text` that is a proper beginning of one of `forms`. */
function startOfSecretAtEnd(text: string, forms: readonly string[]): number {
  let longest = 0;

  for (const form of forms) {
    for (let length = Math.min(form.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(form.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }

  return longest;
}

import { createRedactor } from '../../runtime/secrets/redact';
import type { SecretStore } from '../../runtime/types';

/**
 * Every secret value the bridge has read since it started (store reads, and keys given as
 * process variables), so the one writer of answers can take each of them out of anything
 * that goes to the editor, whichever request read it.
 */
export interface SecretLedger {
  readonly store: SecretStore;
  add(value: unknown): void;
  values(): string[];
  redact(text: string): string;
}

export function createSecretLedger(store: SecretStore): SecretLedger {
  const seen = new Set<string>();
  let redactor: ((text: string) => string) | null = null;

  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() && !seen.has(value.trim())) {
      seen.add(value.trim());
      redactor = null;
    }
  };

  return {
    store: {
      locate: (source, name) => store.locate(source, name),
      async read(source, name) {
        const value = await store.read(source, name);

        add(value);

        return value;
      }
    },
    add,
    values: () => [ ...seen ],
    redact(text) {
      if (!seen.size) {
        return text;
      }

      redactor ??= createRedactor([ ...seen ]);

      return redactor(text);
    }
  };
}

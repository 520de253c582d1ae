/**
 * Structured log lines (one JSON object per line) that never carry a secret: every
 * string passes through the worker's redactor, which knows each secret value the
 * worker has read so far.
 */
import { createRedactor } from '../runtime/secrets';

type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Secret values seen at run time; everything the worker writes out is cleaned with them. */
export interface SecretRedactor {
  add(secret: string | null | undefined): void;
  redact(text: string): string;
}

/**
 * Most secrets a redactor keeps besides its pinned ones. Keys read from process variables
 * can differ per process instance; without a bound a long-running worker would collect
 * them for ever. The least recently read go first: a task's own key is always among the
 * newest while the task runs.
 */
export const REDACTOR_CAPACITY = 256;

/**
 * A redactor whose list of secrets grows as tasks read them.
 *
 * @param pinned secrets that are never dropped (the engine's password or token)
 */
export function createSecretRedactor(pinned: ReadonlyArray<string | null | undefined> = []): SecretRedactor {
  const secrets = new Set<string>();
  let redact = createRedactor(pinned);

  // Built once per change of the set, not once per line: it settles after the first tasks.
  const rebuild = () => {
    redact = createRedactor([ ...pinned, ...secrets ]);
  };

  return {
    add(secret) {
      if (!secret || pinned.includes(secret)) {
        return;
      }

      if (secrets.delete(secret)) {
        secrets.add(secret);

        return;
      }

      secrets.add(secret);

      if (secrets.size > REDACTOR_CAPACITY) {
        secrets.delete(secrets.values().next().value!);
      }

      rebuild();
    },
    redact(text) {
      return redact(text);
    }
  };
}

export interface LoggerOptions {
  redactor: SecretRedactor;

  /** Where lines go; default stdout, where container platforms collect them. */
  write?: (line: string) => void;
  now?: () => Date;
}

/** A logger writing `{"time","level","event",...fields}` lines. */
export function createLogger({ redactor, write = line => process.stdout.write(line + '\n'), now = () => new Date() }: LoggerOptions): Logger {
  const log = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    const clean: LogFields = {};

    for (const [ key, value ] of Object.entries(fields)) {
      clean[key] = typeof value === 'string' ? redactor.redact(value) : value;
    }

    // The whole line once more: a secret can also hide in an escaped form of a field.
    write(redactor.redact(JSON.stringify({ time: now().toISOString(), level, event, ...clean })));
  };

  return { info: log('info'), warn: log('warn'), error: log('error') };
}

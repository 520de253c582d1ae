/**
 * Structured log lines (one JSON object per line) that never carry a secret: every
 * string passes through the worker's redactor, which knows each secret value the
 * worker has read so far.
 */
import { createRedactor } from '../runtime/secrets';

export type LogLevel = 'info' | 'warn' | 'error';

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

/** A redactor whose list of secrets grows as tasks read them. */
export function createSecretRedactor(): SecretRedactor {
  const secrets = new Set<string>();
  let redact = createRedactor([]);

  return {
    add(secret) {
      if (secret && !secrets.has(secret)) {
        secrets.add(secret);

        // Built once per new secret, not once per line: the set settles after the first tasks.
        redact = createRedactor([ ...secrets ]);
      }
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

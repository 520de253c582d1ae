/**
 * Structured log lines (one JSON object per line) that never carry a secret: every
 * string passes through the worker's redactor, which knows each secret value the
 * worker has read so far.
 */
import { writeSync } from 'node:fs';

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
export function createLogger({ redactor, write = stdoutLines(), now = () => new Date() }: LoggerOptions): Logger {
  const log = (level: LogLevel) => (event: string, fields?: LogFields) => {

    // Redacted once, as a whole line: the redactor knows each secret as written and
    // JSON-escaped, the form a field's text takes in the line.
    write(redactor.redact(JSON.stringify({ time: now().toISOString(), level, event, ...fields })));
  };

  return { info: log('info'), warn: log('warn'), error: log('error') };
}

let toStdout: ((line: string) => void) | null = null;

/**
 * Writes lines to stdout, those of one turn of the event loop together: a write to a pipe is
 * a system call made at once (Node writes pipes synchronously on Linux), and a busy worker
 * logs a line per task, many finishing in the same turn. Lines still waiting when the process
 * exits are written before it does.
 */
function stdoutLines(): (line: string) => void {
  if (toStdout) {
    return toStdout;
  }

  let pending: string[] = [];
  let scheduled = false;

  const take = () => {
    const text = pending.join('\n') + '\n';

    pending = [];

    return text;
  };

  process.on('exit', () => {
    if (pending.length) {
      writeSync(1, take());
    }
  });

  toStdout = line => {
    pending.push(line);

    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        process.stdout.write(take());
      });
    }
  };

  return toStdout;
}

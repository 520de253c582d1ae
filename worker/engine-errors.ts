/**
 * What an engine's refusal means, read from the error the client library throws: its HTTP
 * status, the engine's exception type, message and (Camunda 7.19+) built-in exception code,
 * as the engine's REST error handling renders them (`{ type, message, code }`).
 */
import { messageOf } from '../runtime/errors';

/** The engine's built-in exception codes (`BuiltinExceptionCode`). */
const ENGINE_CODE_OPTIMISTIC_LOCKING = 1;
const ENGINE_CODE_DEADLOCK = 10_000;
const ENGINE_CODE_COLUMN_SIZE_TOO_SMALL = 10_002;

/**
 * - `transient`: the engine was unreachable, overloaded or hit a conflict; the same report may
 *   pass a moment later.
 * - `gone`: the task no longer exists (404) or another worker holds it; nothing can be
 *   reported against it any more.
 * - `too-long`: the database refused a value as too long for its column.
 * - `persistence`: the database refused the write, and the engine (7.20+) hides why; a value
 *   too long for its column is the usual cause when a long String was sent.
 * - `no-spin`: the engine has no serializer for `Json` values (no Camunda Spin plugin).
 * - `unauthorized`: the engine refused the worker's credentials or authorizations.
 * - `refused`: any other lasting refusal; sending the same again cannot help.
 */
type EngineRefusalKind = 'transient' | 'gone' | 'too-long' | 'persistence' | 'no-spin' | 'unauthorized' | 'refused';

export interface EngineRefusal {
  kind: EngineRefusalKind;

  /** HTTP status, null when no answer came (network error, timeout). */
  status: number | null;

  /** The engine's message, or the network error's. */
  message: string;

  /** The engine's exception type (`RestException`, `ProcessEnginePersistenceException`, ...). */
  type: string | null;

  /** The engine's exception code, when it sent one. */
  code: number | null;
}

/** Messages of databases refusing a value too long for its column (SQLSTATE 22001 and kin). */
const TOO_LONG = /ORA-12899|ORA-01461|value too (?:long|large)|Data too long|String or binary data would be truncated|SQLSTATE=22001|\[22001-|SQLCODE=-302|SQLCODE=-433/i;

/** The REST API's answer to a variable type it has no serializer for (`VariableValueDto`). */
const UNSUPPORTED_TYPE = /Unsupported value type '(json|object|xml)'/i;

/** Reports from a worker that no longer holds the task (`HandleExternalTaskCmd`). */
const OTHER_WORKER = /cannot be (?:completed|reported|extended) by worker|It is locked by worker/i;

/** What the client library's error (or a network error) says about the engine's answer. */
function readEngineError(error: unknown): Omit<EngineRefusal, 'kind'> {
  const fields = (error ?? {}) as { httpStatusCode?: unknown; engineMsg?: unknown; type?: unknown; code?: unknown };
  const status = typeof fields.httpStatusCode === 'number' ? fields.httpStatusCode : null;

  if (status === null) {
    return { status, message: networkMessage(error), type: null, code: null };
  }

  const engineMessage = typeof fields.engineMsg === 'string' ? fields.engineMsg : '';

  return {
    status,
    message: engineMessage,
    type: typeof fields.type === 'string' ? fields.type : null,
    code: typeof fields.code === 'number' ? fields.code : null
  };
}

/** Sorts an engine's refusal of a report (complete, bpmnError, failure, extendLock). */
export function classifyEngineError(error: unknown): EngineRefusal {
  const read = readEngineError(error);
  const { status, message, type, code } = read;

  const kind = ((): EngineRefusalKind => {
    if (status === null) {
      return 'transient';
    }

    if (status === 404) {
      return 'gone';
    }

    if (status === 401 || status === 403) {
      return 'unauthorized';
    }

    if (OTHER_WORKER.test(message)) {
      return 'gone';
    }

    if (UNSUPPORTED_TYPE.test(message)) {
      return 'no-spin';
    }

    if (code === ENGINE_CODE_COLUMN_SIZE_TOO_SMALL || TOO_LONG.test(message)) {
      return 'too-long';
    }

    if (status >= 500 && (code === ENGINE_CODE_OPTIMISTIC_LOCKING || code === ENGINE_CODE_DEADLOCK)) {
      return 'transient';
    }

    if (status >= 500 && type === 'ProcessEnginePersistenceException') {
      return 'persistence';
    }

    if (status >= 500 || status === 408 || status === 429) {
      return 'transient';
    }

    return 'refused';
  })();

  return { kind, ...read };
}

/**
 * The engine's refusal in words for a log line or an incident, instead of the client
 * library's `Response code 401 (Unauthorized); Error: ; Type: undefined`.
 */
export function describeEngineError(error: unknown): string {
  const { status, message, type, code } = readEngineError(error);

  if (status === null) {
    return `the engine did not answer (${message})`;
  }

  if (status === 401) {
    return 'the engine refused the worker\'s credentials (HTTP 401): check CATALYST_ENGINE_USER and CATALYST_ENGINE_PASSWORD (or CATALYST_ENGINE_TOKEN)';
  }

  if (status === 403) {
    return `the engine user may not do this (HTTP 403${message ? `: ${message}` : ''}): grant it READ and UPDATE on the process instances it serves`;
  }

  const kind = [ type, code ? `code ${code}` : null ].filter(Boolean).join(', ');

  return `the engine answered HTTP ${status}${message ? `: ${message}` : ''}${kind ? ` (${kind})` : ''}`;
}

/**
 * The largest size a database said its column takes, when its message says so (Oracle's
 * `(actual: 2500, maximum: 2000)`, PostgreSQL's `character varying(4000)`).
 */
export function columnLimitOf(message: string): number | null {
  const match = /maximum:\s*(\d+)/i.exec(message) ?? /(?:varying|varchar2?|char)\s*\(\s*(\d+)/i.exec(message);

  return match ? Number(match[1]) : null;
}

function networkMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);

  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

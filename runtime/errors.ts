/**
 * Typed errors of the Catalyst runtime.
 *
 * Every error the runtime throws is one of these, so callers (panel, command line,
 * bridge, worker) can tell expected problems (bad configuration, a template that does
 * not render, a missing secret) from bugs, and print them without a stack trace.
 */

/** Base class: an expected, user-facing problem with a stable `code`. */
export class CatalystError extends Error {
  override name = 'CatalystError';

  /** Stable machine-readable code, e.g. `CONFIG_INVALID`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A `catalyst.*` property holds a value the runtime cannot use. */
export class ConfigError extends CatalystError {
  override name = 'ConfigError';

  /** The property at fault, e.g. `catalyst.timeout`. */
  readonly property: string;

  constructor(property: string, message: string) {
    super('CONFIG_INVALID', `${property}: ${message}`);
    this.property = property;
  }
}

/** The payload template cannot be parsed or rendered into valid JSON. */
export class TemplateError extends CatalystError {
  override name = 'TemplateError';

  /** Offset range in the template the problem belongs to, when known. */
  readonly from?: number;
  readonly to?: number;

  /** The variable at fault, when the problem is a variable. */
  readonly variable?: string;

  constructor(code: string, message: string, where: { from?: number; to?: number; variable?: string } = {}) {
    super(code, message);
    this.from = where.from;
    this.to = where.to;
    this.variable = where.variable;
  }
}

/** The secret a task references cannot be found or read. */
export class SecretError extends CatalystError {
  override name = 'SecretError';

  constructor(message: string) {
    super('SECRET_NOT_FOUND', message);
  }
}

/** A provider or server answered in a way the runtime cannot use (listing models, checks). */
export class ProviderError extends CatalystError {
  override name = 'ProviderError';

  readonly statusCode: number | null;

  constructor(code: string, message: string, statusCode: number | null = null) {
    super(code, message);
    this.statusCode = statusCode;
  }
}

/** The caller cancelled the run (AbortSignal from the caller, not a timeout). */
export class CancelledError extends CatalystError {
  override name = 'CancelledError';

  constructor(message = 'the call was cancelled') {
    super('CANCELLED', message);
  }
}

/** Narrow an unknown thrown value to a message, without leaking non-errors as `[object Object]`. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }

  return String(error);
}

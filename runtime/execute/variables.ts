import { LARGE_VALUE_CHARS } from './limits';

export interface StandardVariableValues {
  body: string;
  statusCode: number | null;
  success: boolean;
  error: string | null;
}

/** The four variables every run sets (design §5.4). */
export function standardVariables(values: StandardVariableValues): Record<string, unknown> {
  return {
    catalyst_responseBody: values.body,
    catalyst_statusCode: values.statusCode,
    catalyst_success: values.success,
    catalyst_error: values.error
  };
}

/**
 * Names of variables too long for the engine's String type: strings over 4,000 characters, or
 * other values whose JSON is.
 */
export function largeVariableNames(variables: Record<string, unknown>): string[] {
  return Object.entries(variables)
    .filter(([ , value ]) => textLength(value) > LARGE_VALUE_CHARS)
    .map(([ name ]) => name);
}

function textLength(value: unknown): number {
  if (typeof value === 'string') {
    return value.length;
  }

  if (value === null || typeof value !== 'object') {
    return 0;
  }

  return JSON.stringify(value)?.length ?? 0;
}

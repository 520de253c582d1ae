import { LARGE_VALUE_CHARS } from './limits';

export interface StandardVariableValues {
  body: string;
  statusCode: number | null;
  success: boolean;
  error: string | null;
}

/**
 * The four variables every run sets (design §5.4), written into `into` (over any variable of
 * the same name) or into a new object.
 */
export function standardVariables(values: StandardVariableValues, into: Record<string, unknown> = {}): Record<string, unknown> {
  into.catalyst_responseBody = values.body;
  into.catalyst_statusCode = values.statusCode;
  into.catalyst_success = values.success;
  into.catalyst_error = values.error;

  return into;
}

/**
 * Names of variables too long for the engine's String type: strings over 4,000 characters, or
 * other values whose JSON is.
 */
export function largeVariableNames(variables: Record<string, unknown>): string[] {
  const names: string[] = [];

  for (const name of Object.keys(variables)) {
    if (textLength(variables[name]) > LARGE_VALUE_CHARS) {
      names.push(name);
    }
  }

  return names;
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

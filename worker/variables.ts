/**
 * Process variables between the engine's typed values and the plain JavaScript values
 * the runtime works with.
 */
import type { TypedValue } from 'camunda-external-task-client-js';

import { engineTypedValue } from '../runtime/structured/typed';

/**
 * Longest string the engine stores as a `String` variable: its text column is a
 * varchar(4000), so a longer value is cut or rejected depending on the database.
 */
export const STRING_VARIABLE_LIMIT = 4000;

/**
 * Turns the task's typed variables (as the client library deserialized them: `json`
 * parsed, `date` a Date) into plain values for the payload template.
 *
 * File variables are left out: their content is a separate download the payload cannot
 * use; a template that names one then fails with "variable has no value".
 */
export function fromEngineVariables(typed: Record<string, TypedValue | null>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};

  for (const [ name, typedValue ] of Object.entries(typed)) {
    if (!typedValue || typedValue.type?.toLowerCase() === 'file') {
      continue;
    }

    variables[name] = fromTypedValue(typedValue);
  }

  return variables;
}

function fromTypedValue({ type, value, valueInfo }: TypedValue): unknown {
  if (value === undefined || value === null) {
    return null;
  }

  if (value instanceof Date) {
    return value.toISOString();
  }

  // Objects serialized as JSON (Jackson, the engine's default format for REST) are
  // usable as JSON; Java-serialized ones stay the serialized text they arrive as.
  if (type?.toLowerCase() === 'object' && typeof value === 'string' &&
      valueInfo?.serializationDataFormat === 'application/json') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }

  return value;
}

/**
 * Types plain result values for the engine: strings over {@link STRING_VARIABLE_LIMIT}
 * characters (and every name in `large`) as `Json` holding the string's JSON text, so
 * the engine stores them whole in its byte-array table and they read back as the same
 * string; objects and arrays as `Json`; whole numbers as `Integer` or `Long`, other numbers as
 * `Double`, booleans as `Boolean` (runtime `engineTypedValue`).
 */
export function toEngineVariables(
    variables: Record<string, unknown>,
    large: readonly string[] = []
): Record<string, TypedValue> {
  const typed: Record<string, TypedValue> = {};

  for (const [ name, value ] of Object.entries(variables)) {
    typed[name] = toTypedValue(value, large.includes(name));
  }

  return typed;
}

// The typing rule lives in the runtime (design §5.7), shared with the command line.
function toTypedValue(value: unknown, large: boolean): TypedValue {
  return engineTypedValue(value, { large, stringLimit: STRING_VARIABLE_LIMIT });
}

/**
 * Process variables between the engine's typed values and the plain JavaScript values
 * the runtime works with.
 */
import type { TypedValue } from './engine-client';

import { CatalystError } from '../runtime/errors';
import { engineTypedValue } from '../runtime/structured/typed';

/**
 * Longest string the engine stores as a `String` variable by default: its text column is a
 * varchar(4000) on most databases (NVARCHAR2(2000) on Oracle; DB2 counts bytes), so a
 * longer value is refused.
 */
export const STRING_VARIABLE_LIMIT = 4000;

/**
 * What happens to a string over the limit: `json` sends it as a `Json` variable holding the
 * string's JSON text (stored whole; needs Camunda Spin on the engine), `truncate` cuts it to
 * the limit and keeps it a String, `fail` reports a failure (no retries) naming the variable.
 */
export type LongValuePolicy = 'json' | 'truncate' | 'fail';

export const LONG_VALUE_POLICIES: readonly LongValuePolicy[] = [ 'json', 'truncate', 'fail' ];

/** How the worker stores strings: the engine's String limit and the policy beyond it. */
export interface StringRule {
  limit: number;
  longValues: LongValuePolicy;
}

export const DEFAULT_STRING_RULE: StringRule = { limit: STRING_VARIABLE_LIMIT, longValues: 'json' };

/**
 * A string every supported database stores as a String: Oracle's NVARCHAR2(2000) counts
 * characters, DB2's VARCHAR(4000) bytes. The truncate policy cuts to this when the engine
 * refused a value that was within the configured limit.
 */
export const SAFE_STRING_CHARS = 2000;
export const SAFE_STRING_BYTES = 4000;

/** A string over the limit under the `fail` policy. */
export class LongValueError extends CatalystError {
  override name = 'LongValueError';

  /** The variable at fault. */
  readonly variable: string;

  constructor(variable: string, length: number, limit: number) {
    super('VALUE_TOO_LONG', `value of ${variable} is ${length.toLocaleString('en-US')} characters, over the String limit of ${limit.toLocaleString('en-US')}, and --long-values fail keeps it from being stored another way (json stores it whole, truncate cuts it)`);
    this.variable = variable;
  }
}

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
 * Types plain result values for the engine: strings within the rule's limit as `String`,
 * longer ones (and every string named in `large`, which the engine refused as too long)
 * in the rule's long form; everything else by the runtime's `engineTypedValue` (whole numbers
 * as `Integer` or `Long`, other numbers as `Double`, booleans as `Boolean`, objects and
 * arrays as `Json`).
 *
 * @throws LongValueError for a string over the limit under the `fail` policy
 */
export function toEngineVariables(
    variables: Record<string, unknown>,
    large: readonly string[] = [],
    rule: StringRule = DEFAULT_STRING_RULE
): Record<string, TypedValue> {
  const typed: Record<string, TypedValue> = {};

  for (const [ name, value ] of Object.entries(variables)) {
    typed[name] = typeof value === 'string'
      ? toStringValue(name, value, large.includes(name), rule)
      : toTypedValue(value);
  }

  return typed;
}

/**
 * One string for the engine. `refused`: the engine already refused it as a String, so it
 * goes in the long form whatever its length (`truncate`: cut to what every database takes).
 */
function toStringValue(name: string, value: string, refused: boolean, rule: StringRule): TypedValue {
  if (!refused && value.length <= rule.limit) {
    return { type: 'String', value };
  }

  switch (rule.longValues) {
  case 'json':
    return { type: 'Json', value: JSON.stringify(value) };
  case 'truncate':
    return { type: 'String', value: cutString(value, refused ? Math.min(rule.limit, SAFE_STRING_CHARS) : rule.limit, refused ? SAFE_STRING_BYTES : Infinity) };
  case 'fail':
    throw new LongValueError(name, value.length, rule.limit);
  }
}

/** Names and lengths of the strings over the rule's limit. */
export function stringsOverLimit(variables: Record<string, unknown>, rule: StringRule): Array<{ name: string; length: number }> {
  return Object.entries(variables)
    .filter((entry): entry is [ string, string ] => typeof entry[1] === 'string' && entry[1].length > rule.limit)
    .map(([ name, value ]) => ({ name, length: value.length }));
}

/**
 * At most `chars` UTF-16 units and `bytes` UTF-8 bytes of `value`, never splitting a
 * surrogate pair.
 */
function cutString(value: string, chars: number, bytes = Infinity): string {
  let cut = value.slice(0, chars);

  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }

  while (Buffer.byteLength(cut, 'utf8') > bytes) {
    const over = Buffer.byteLength(cut, 'utf8') - bytes;

    // Each UTF-16 unit is at most 3 UTF-8 bytes: drop at least what is over, then check again.
    cut = cut.slice(0, Math.max(cut.length - Math.ceil(over / 3), 0));

    if (/[\uD800-\uDBFF]$/.test(cut)) {
      cut = cut.slice(0, -1);
    }
  }

  return cut;
}

// Non-string values follow the runtime's one typing rule (design §5.7), shared with the
// command line; strings go through the worker's String rule above.
function toTypedValue(value: unknown): TypedValue {
  return engineTypedValue(value);
}

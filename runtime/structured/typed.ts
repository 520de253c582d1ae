/**
 * How a plain value from the runtime reaches the engine (design §5.7): the Camunda 7 type
 * that keeps what the value is, so a gateway can compare `${amount > 1000}` as a number and
 * `${approved}` as a boolean. One rule for the worker and the command line.
 */

/** Camunda 7 value types the runtime produces. */
export type EngineValueType = 'Integer' | 'Long' | 'Double' | 'Boolean' | 'String' | 'Null' | 'Json';

/** A value as the engine's REST API takes it: `Json` values carry their JSON text. */
export interface EngineTypedValue {
  type: EngineValueType;
  value: string | number | boolean | null;
}

export interface EngineTypeOptions {

  /** Longest string stored as `String` (design §5.8); longer ones go as `Json`. Default 4,000. */
  stringLimit?: number;

  /** Send a string as `Json` whatever its length (the runtime measured it as large). */
  large?: boolean;
}

/** The engine's String limit by default: a varchar(4000) column. */
export const DEFAULT_STRING_LIMIT = 4000;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The engine type and value for one plain value: integral numbers within 32 bits →
 * `Integer`, other integral numbers within 64 bits → `Long`, other numbers → `Double`,
 * booleans → `Boolean`, strings → `String` (over the limit → `Json` holding the string's JSON
 * text, which reads back as the same string), `null` and `undefined` → `Null`, objects and
 * arrays → `Json`. A number that is not finite has no JSON form and goes as `Null`.
 */
export function engineTypedValue(value: unknown, options: EngineTypeOptions = {}): EngineTypedValue {
  if (value === undefined || value === null) {
    return { type: 'Null', value: null };
  }

  if (typeof value === 'string') {
    return options.large || value.length > (options.stringLimit ?? DEFAULT_STRING_LIMIT)
      ? { type: 'Json', value: JSON.stringify(value) }
      : { type: 'String', value };
  }

  if (typeof value === 'boolean') {
    return { type: 'Boolean', value };
  }

  if (typeof value === 'number') {
    return numberValue(value);
  }

  if (typeof value === 'bigint') {
    return value >= LONG_MIN && value <= LONG_MAX
      ? { type: 'Long', value: Number(value) }
      : { type: 'Double', value: Number(value) };
  }

  return { type: 'Json', value: JSON.stringify(value) ?? null };
}

function numberValue(value: number): EngineTypedValue {
  if (!Number.isFinite(value)) {
    return { type: 'Null', value: null };
  }

  if (Number.isInteger(value)) {
    if (value >= INT_MIN && value <= INT_MAX) {
      return { type: 'Integer', value };
    }

    // Beyond 2^63 a Java long overflows; the engine keeps such a number only as a double.
    const integral = BigInt(value);

    if (integral >= LONG_MIN && integral <= LONG_MAX) {
      return { type: 'Long', value };
    }
  }

  return { type: 'Double', value };
}

/**
 * How a plain value from the runtime reaches the engine (design §5.7): the Camunda 7 type
 * that keeps what the value is, so a gateway can compare `${amount > 1000}` as a number and
 * `${approved}` as a boolean. One rule for the worker and the command line.
 */

/** Camunda 7 value types the runtime produces. */
type EngineValueType = 'Integer' | 'Long' | 'Double' | 'Boolean' | 'String' | 'Null' | 'Json';

/** A value as the engine's REST API takes it: `Json` values carry their JSON text. */
export interface EngineTypedValue {
  type: EngineValueType;
  value: string | number | boolean | null;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The engine type and value for one plain value: integral numbers within 32 bits →
 * `Integer`, other integral numbers within 64 bits → `Long`, other numbers → `Double`,
 * booleans → `Boolean`, strings → `String`, `null` and `undefined` → `Null`, objects and
 * arrays → `Json`. A number that is not finite has no JSON form and goes as `Null`.
 *
 * Strings over the engine's String limit are the caller's to handle (design §5.8: the
 * worker's long-value rule); this function never measures them.
 */
export function engineTypedValue(value: unknown): EngineTypedValue {
  if (value === undefined || value === null) {
    return { type: 'Null', value: null };
  }

  if (typeof value === 'string') {
    return { type: 'String', value };
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

/** Design §5.7: values keep their JSON type on the way to the engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { engineTypedValue } from '../../../runtime/structured';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

describe('structured/typed: engineTypedValue', () => {

  it('types every integral number within 32 bits as Integer, keeping the value', () => {
    fc.assert(fc.property(fc.integer({ min: INT_MIN, max: INT_MAX }), (value) => {

      // then
      expect(engineTypedValue(value)).toEqual({ type: 'Integer', value });
    }));
  });

  it('types integral numbers beyond 32 bits (within 64) as Long', () => {
    fc.assert(fc.property(fc.oneof(
      fc.integer({ min: INT_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: INT_MIN - 1 })
    ), (value) => {

      // then
      expect(engineTypedValue(value)).toEqual({ type: 'Long', value });
    }));
  });

  it('types numbers with a fraction as Double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter(value => !Number.isInteger(value)), (value) => {

      // then
      expect(engineTypedValue(value)).toEqual({ type: 'Double', value });
    }));
  });

  it('types integral numbers a Java long cannot hold as Double', () => {

    // then
    expect(engineTypedValue(2 ** 63).type).toBe('Double');
    expect(engineTypedValue(-(2 ** 64)).type).toBe('Double');
    expect(engineTypedValue(2 ** 62).type).toBe('Long');
  });

  it('types booleans as Boolean, strings as String, null as Null', () => {

    // then
    expect(engineTypedValue(true)).toEqual({ type: 'Boolean', value: true });
    expect(engineTypedValue(false)).toEqual({ type: 'Boolean', value: false });
    expect(engineTypedValue('high')).toEqual({ type: 'String', value: 'high' });
    expect(engineTypedValue(null)).toEqual({ type: 'Null', value: null });
    expect(engineTypedValue(undefined)).toEqual({ type: 'Null', value: null });
  });

  it('types objects and arrays as Json holding their JSON text, which reads back equal', () => {
    fc.assert(fc.property(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue())), (value) => {

      // when
      const typed = engineTypedValue(value);

      // then
      expect(typed.type).toBe('Json');
      expect(JSON.parse(typed.value as string)).toEqual(JSON.parse(JSON.stringify(value)));
    }));
  });

  it('sends a number without a JSON form (NaN, Infinity) as Null', () => {

    // then
    expect(engineTypedValue(Number.NaN)).toEqual({ type: 'Null', value: null });
    expect(engineTypedValue(Number.POSITIVE_INFINITY)).toEqual({ type: 'Null', value: null });
  });
});

import { describe, expect, it } from 'vitest';

import { findJsonError } from '../../../runtime/config';

describe('runtime/config findJsonError', () => {

  it('returns null for valid JSON', () => {
    expect(findJsonError('{"a": [1, -2.5e3, true, null, "x\\u0041"]}')).toBeNull();
  });


  it.each([
    [ '{"a": 1,}', 'trailing comma', 1, 9 ],
    [ '{\n  a: 1}', 'expected a property name in double quotes', 2, 3 ],
    [ '{"a" 1}', 'expected ":"', 1, 6 ],
    [ '[1 2]', 'expected "," or "]"', 1, 4 ],
    [ '{"a": "b', 'unterminated or invalid string', 1, 7 ],
    [ '', 'unexpected end of input', 1, 1 ],
    [ '{} x', 'unexpected text after the JSON value', 1, 4 ]
  ])('finds the problem in %j', (text, reason, line, column) => {
    expect(findJsonError(text)).toMatchObject({ reason, line, column });
  });


  it('reports absurd nesting instead of overflowing the stack', () => {
    expect(findJsonError('['.repeat(100_000))).toEqual({ offset: 256, line: 1, column: 257, reason: 'nesting deeper than 256 levels' });
  });


  it('agrees with JSON.parse on what is valid', () => {
    const samples = [ '0', '01', '1.', '"\t"', '"\\x"', '[]', '{}', ' {"a":{"b":[]}} ', 'nul', '"\\uZZZZ"' ];

    for (const sample of samples) {
      let valid = true;

      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }

      expect(findJsonError(sample) === null, sample).toBe(valid);
    }
  });

});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findJsonError, parseTemplate } from '../../../runtime/template';

function parses(text: string): boolean {
  try {
    JSON.parse(text);

    return true;
  } catch {
    return false;
  }
}

describe('runtime/template findJsonError', () => {

  it('returns null for valid JSON', () => {
    expect(findJsonError('{"a": [1, -2.5e3, true, null, "x\\u0041"]}')).toBeNull();
  });


  it.each([
    [ '{"a": 1,}', 'a `,` before `}` is not allowed in JSON: remove the trailing comma', 1, 9 ],
    [ '{\n  a: 1}', 'expected a property name in double quotes, found `a`', 2, 3 ],
    [ '{"a" 1}', 'expected `:` after the property name `"a"`, found `1`', 1, 6 ],
    [ '[1 2]', 'expected `,` or `]` after an array item, found `2`; is a comma missing?', 1, 4 ],
    [ '{"a": "b', 'this string is not closed: add the closing `"`', 1, 7 ],
    [ '', 'the JSON is empty', 1, 1 ],
    [ '{} x', 'unexpected `x`; text values need double quotes', 1, 4 ],
    [ '{"a": ${x}}', 'unexpected character `$`', 1, 7 ]
  ])('finds the problem in %j', (text, reason, line, column) => {
    expect(findJsonError(text)).toMatchObject({ reason, line, column });
  });


  it('gives the reason the payload lint gives for the same mistake', () => {

    // given
    const text = '{"model": "m",}';

    // when
    const [ lint ] = parseTemplate(text).diagnostics;

    // then
    expect(lint.message).toBe(`JSON syntax: ${findJsonError(text)!.reason} (line 1, column 15)`);
  });


  it('takes ${…} inside a string for plain text', () => {
    expect(findJsonError('{"a": "${x", "b": "$${y}"}')).toBeNull();
  });


  it('reports absurd nesting instead of overflowing the stack', () => {
    expect(findJsonError('['.repeat(100_000))).toEqual({ offset: 256, line: 1, column: 257, reason: 'nesting deeper than 256 levels' });
  });


  it('agrees with JSON.parse on what is valid', () => {
    const samples = [ '0', '01', '1.', '"\t"', '"\\x"', '[]', '{}', ' {"a":{"b":[]}} ', 'nul', '"\\uZZZZ"', '\u00a0{}', '-', '1e5', '"\u2028"' ];

    for (const sample of samples) {
      expect(findJsonError(sample) === null, sample).toBe(parses(sample));
    }
  });


  it('agrees with JSON.parse on any text built from JSON pieces', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', 'a', '1', '-', '.', 'e', 'true', 'null', ' ', '\n', '\t', '${', '$', '\u0000', '\\u00', '😀');
    const values = fc.oneof(fc.json(), fc.array(piece, { maxLength: 16 }).map(parts => parts.join('')));

    fc.assert(fc.property(values, text => (findJsonError(text) === null) === parses(text)), { numRuns: 1000 });
  });

});

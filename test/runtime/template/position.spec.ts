import { describe, expect, it } from 'vitest';

import { lineColumn } from '../../../runtime/template';

describe('template/position', () => {

  it.each([
    [ 0, { line: 1, column: 1 } ],
    [ 3, { line: 1, column: 4 } ],
    [ 4, { line: 2, column: 1 } ],
    [ 10, { line: 3, column: 2 } ]
  ])('places offset %i', (offset, expected) => {

    // then
    expect(lineColumn('abc\ndefg\nhi', offset)).toEqual(expected);
  });

  it('clamps an offset past the end to the end', () => {

    // then
    expect(lineColumn('ab\nc', 99)).toEqual({ line: 2, column: 2 });
  });
});

/** Paths click-to-map writes for a field of the parsed answer resolve to that field. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { responsePath } from '../../../client/test-call/response-path';
import { resolvePath } from '../../../runtime/mapping';

const BASE = 'choices[0].message.content#';

describe('click-to-map paths into the parsed answer', () => {

  it('reach every node of any JSON answer, whatever its keys', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter(key => !/[\n\r]/.test(key)), fc.jsonValue(), { minKeys: 1 }), (answer) => {

      // given
      const body = { choices: [ { message: { content: JSON.stringify(answer) } } ] };

      for (const key of Object.keys(answer)) {

        // when
        const path = BASE + responsePath([ key ]);

        // then
        expect(resolvePath(body, path)).toMatchObject({ found: true, value: JSON.parse(JSON.stringify(answer))[key] });
      }
    }), { numRuns: 200 });
  });

  it('write a key starting with $ in brackets, which the runtime would read as its root marker', () => {

    // then
    expect(responsePath([ '$ref' ])).toBe('["$ref"]');
  });
});

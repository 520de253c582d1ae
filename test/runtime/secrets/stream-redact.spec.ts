import { describe, expect, it } from 'vitest';

import { createStreamRedactor } from '../../../runtime/secrets/stream-redact';

const KEY = 'gsk_abcdef0123456789';

/** Everything a listener would see for these pieces, in order. */
function through(pieces: string[], secrets: string[] = [ KEY ]): string[] {
  const redactor = createStreamRedactor(secrets);

  return [ ...pieces.map(piece => redactor.push(piece)), redactor.flush() ];
}

describe('createStreamRedactor: redaction across streamed pieces', () => {

  it('catches a key split across two pieces', () => {

    // when
    const seen = through([ 'your key is ', 'gsk_abc', 'def0123456789, bye' ]);

    // then
    expect(seen.join('')).toBe('your key is ***, bye');
    expect(seen.some(text => text.includes('gsk_abc'))).toBe(false);
  });

  it('holds back only what could still become the key, and lets it out at the end', () => {

    // when
    const seen = through([ 'ends with gsk_a', 'nd that was all' ]);

    // then
    expect(seen).toEqual([ 'ends with ', 'gsk_and that was all', '' ]);
  });

  it('lets pieces through unchanged when there is no key to hide', () => {

    // then
    expect(through([ 'a', 'b' ], [])).toEqual([ 'a', 'b', '' ]);
  });
});

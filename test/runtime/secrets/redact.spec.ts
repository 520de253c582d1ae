import { describe, expect, it } from 'vitest';

import { createRedactor, redact } from '../../../runtime/secrets';

describe('runtime/secrets redact', () => {

  it('replaces every occurrence of a secret', () => {
    expect(redact('key gsk_abc123 and again gsk_abc123.', [ 'gsk_abc123' ])).toBe('key *** and again ***.');
  });


  it('replaces the URL-encoded form', () => {
    expect(redact('GET /v1?key=a%2Bb%2Fc%3D', [ 'a+b/c=' ])).toBe('GET /v1?key=***');
  });


  it('replaces the JSON-escaped form', () => {

    // given a key with a quote and a backslash, echoed in a JSON body
    const secret = 'ab"c\\d';
    const body = JSON.stringify({ error: `bad key ${secret}` });

    // when
    const redacted = redact(body, [ secret ]);

    // then
    expect(redacted).toBe('{"error":"bad key ***"}');
  });


  it('leaves secrets shorter than four characters alone', () => {
    expect(redact('abc is a word', [ 'abc' ])).toBe('abc is a word');
  });


  it('replaces a longer secret whole when it contains a shorter one', () => {
    expect(redact('sk-1234-5678', [ 'sk-1234', 'sk-1234-5678' ])).toBe('***');
  });


  it('treats regular-expression characters in secrets literally', () => {
    expect(redact('a.b* and axb', [ 'a.b*' ])).toBe('*** and axb');
  });


  it('ignores null and undefined entries', () => {
    const redactor = createRedactor([ null, undefined, 'secret-value' ]);

    expect(redactor('x secret-value y')).toBe('x *** y');
  });

});

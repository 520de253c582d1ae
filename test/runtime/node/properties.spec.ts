import { describe, expect, it } from 'vitest';

import { parseProperties } from '../../../runtime/node/properties';

describe('runtime/node parseProperties', () => {

  it('reads = , : and white space separators', () => {
    expect(parseProperties('a=1\nb: 2\nc 3\nd\t=\t4')).toEqual({ a: '1', b: '2', c: '3', d: '4' });
  });


  it('skips # and ! comments and blank lines', () => {
    expect(parseProperties('# comment\n  ! another\n\n   \nkey=value')).toEqual({ key: 'value' });
  });


  it('keeps a key without a value as empty', () => {
    expect(parseProperties('lonely')).toEqual({ lonely: '' });
  });


  it('joins continued lines and drops the continuation\'s leading white space', () => {
    expect(parseProperties('fruits = apple, \\\n         banana, \\\n         pear')).toEqual({ fruits: 'apple, banana, pear' });
  });


  it('does not continue a line ending in an escaped backslash', () => {
    expect(parseProperties('path=C:\\\\\nnext=1')).toEqual({ path: 'C:\\', next: '1' });
  });


  it('unescapes \\t, \\n, \\uXXXX and escaped separators in keys', () => {
    expect(parseProperties('my\\ key\\=x = tab\\there\\nline \\u00e9')).toEqual({ 'my key=x': 'tab\there\nline é' });
  });


  it('keeps = and : inside the value', () => {
    expect(parseProperties('url=http://host:8080/a=b')).toEqual({ url: 'http://host:8080/a=b' });
  });


  it('reads CRLF files', () => {
    expect(parseProperties('a=1\r\nb=2\r\n')).toEqual({ a: '1', b: '2' });
  });


  it('reads the first key of a file saved with a UTF-8 byte-order mark', () => {
    expect(parseProperties('\uFEFFgroq_api_key=gsk_x\n')).toEqual({ groq_api_key: 'gsk_x' });
  });


  it('lets a later key win', () => {
    expect(parseProperties('k=1\nk=2')).toEqual({ k: '2' });
  });

});

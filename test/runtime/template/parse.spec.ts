import { describe, expect, it } from 'vitest';

import { parseTemplate } from '../../../runtime/template';

function codes(text: string): string[] {
  return parseTemplate(text).diagnostics.map((diagnostic) => diagnostic.code);
}

function onlyDiagnostic(text: string) {
  const { diagnostics } = parseTemplate(text);
  expect(diagnostics).toHaveLength(1);

  return diagnostics[0];
}

describe('template/parse', () => {

  describe('placeholders', () => {

    it('finds a placeholder inside a string with its range', () => {

      // given
      const text = '{"content": "Hi ${userMessage}!"}';

      // when
      const { placeholders, diagnostics } = parseTemplate(text);

      // then
      expect(diagnostics).toEqual([]);
      expect(placeholders).toEqual([
        { expression: 'userMessage', name: 'userMessage', path: [], from: 16, to: 30, inString: true }
      ]);
      expect(text.slice(16, 30)).toBe('${userMessage}');
    });

    it('finds a placeholder standing as a whole value', () => {

      // when
      const { placeholders } = parseTemplate('{"max_tokens": ${limit}}');

      // then
      expect(placeholders).toEqual([ expect.objectContaining({ name: 'limit', inString: false, from: 15, to: 23 }) ]);
    });

    it('reads .field, [index] and ["key"] steps', () => {

      // when
      const { placeholders } = parseTemplate('["${order.items[2]["unit price"]}", ${order.customer.name}]');

      // then
      expect(placeholders.map((placeholder) => [ placeholder.name, placeholder.path ])).toEqual([
        [ 'order', [ 'items', 2, 'unit price' ] ],
        [ 'order', [ 'customer', 'name' ] ]
      ]);
    });

    it('treats $${ as a literal ${ and not as a placeholder', () => {

      // when
      const { placeholders, diagnostics, escapes } = parseTemplate('{"a": "cost: $${price}"}');

      // then
      expect(placeholders).toEqual([]);
      expect(diagnostics).toEqual([]);
      expect(escapes).toEqual([ 13 ]);
    });

    it('leaves a lone $ alone', () => {

      // then
      expect(parseTemplate('{"a": "$5 and $$ and $"}')).toMatchObject({ placeholders: [], diagnostics: [] });
    });

    it('finds placeholders after a JSON syntax error too', () => {

      // when
      const { placeholders } = parseTemplate('{"a": 1 "b": "${later}"}');

      // then
      expect(placeholders.map((placeholder) => placeholder.name)).toEqual([ 'later' ]);
    });
  });

  describe('placeholder problems', () => {

    it('reports an unclosed ${ inside a string up to where it stops', () => {

      // when
      const diagnostic = onlyDiagnostic('{"a": "Hi ${name"}');

      // then
      expect(diagnostic).toMatchObject({ code: 'template/unclosed-placeholder', severity: 'error', from: 10, to: 16 });
      expect(diagnostic.message).toContain('`${name`');
    });

    it('reports an unclosed ${ at the end of the text', () => {

      // then
      expect(codes('{"a": ${name')).toContain('template/unclosed-placeholder');
    });

    it.each([
      [ '{"a": "${}"}', 'empty' ],
      [ '{"a": "${1abc}"}', 'starts with a letter' ],
      [ '{"a": "${first name}"}', '`${first name}`' ],
      [ '{"a": "${a.}"}', 'after `.`' ],
      [ '{"a": "${a[x]}"}', 'index' ],
      [ '{"a": ${ a }}', '`${ a }`' ]
    ])('reports %j as an invalid placeholder (%s)', (text, expected) => {

      // when
      const diagnostic = onlyDiagnostic(text);

      // then
      expect(diagnostic.code).toBe('template/invalid-placeholder');
      expect(diagnostic.message).toContain(expected);
    });

    it('keeps parsing the JSON around a malformed whole-value placeholder', () => {

      // then
      expect(codes('{"a": ${x y}, "b": 2}')).toEqual([ 'template/invalid-placeholder' ]);
    });
  });

  describe('JSON syntax', () => {

    it.each([
      [ '{"a": 1,}', 'trailing comma', 8 ],
      [ '{"a": 1 "b": 2}', 'comma missing', 8 ],
      [ '{"a": "line\nbreak"}', 'line breaks', 6 ],
      [ '{"a": \'x\'}', 'unexpected character', 6 ],
      [ '{"a": True}', 'lower case', 6 ],
      [ '{"a": 01}', 'not a JSON number', 6 ],
      [ '{"a": "\\x"}', 'not a JSON escape', 7 ],
      [ '{"a": "\\u12"}', 'four hex digits', 7 ],
      [ '{a: 1}', 'property name in double quotes', 1 ],
      [ '{"a" 1}', 'expected `:`', 5 ],
      [ '{"a": 1} 2', 'after the end', 9 ],
      [ '{"a": [1, 2}', 'expected `,` or `]`', 11 ],
      [ '{"a": "unterminated', 'not closed', 6 ],
      [ '{"a": "tab\there"}', 'tab', 10 ],
      [ '{"a": $${x}}', 'only allowed inside a string', 6 ]
    ])('reports %j as json/syntax (%s) at its offset', (text, expected, from) => {

      // when
      const diagnostic = onlyDiagnostic(text);

      // then
      expect(diagnostic).toMatchObject({ code: 'json/syntax', severity: 'error', from });
      expect(diagnostic.message).toContain(expected);
    });

    it('points an unclosed object at its opening brace', () => {

      // when
      const diagnostic = onlyDiagnostic('{\n  "model": "x",\n  "messages": [\n    {"role": "user"}\n  ]\n');

      // then
      expect(diagnostic).toMatchObject({ code: 'json/syntax', from: 0, to: 1 });
      expect(diagnostic.message).toContain('object opened here is not closed');
    });

    it('names line and column in the message', () => {

      // when
      const diagnostic = onlyDiagnostic('{\n  "a": 1\n  "b": 2\n}');

      // then
      expect(diagnostic.message).toContain('(line 3, column 3)');
    });

    it('reports only the first syntax error, as the later ones mostly echo it', () => {

      // then
      expect(codes('{"a": "x\ny", "b": \'c\'}')).toEqual([ 'json/syntax' ]);
    });

    it('reports an empty payload', () => {

      // then
      expect(onlyDiagnostic('  \n').message).toContain('empty');
    });

    it('gives up on absurd nesting instead of overflowing the stack', () => {

      // then
      expect(onlyDiagnostic('['.repeat(100_000)).message).toContain('nesting deeper');
    });

    it('warns about a property written twice', () => {

      // when
      const diagnostic = onlyDiagnostic('{"model": "a", "model": "b"}');

      // then
      expect(diagnostic).toMatchObject({ code: 'json/duplicate-key', severity: 'warning', from: 15, to: 22 });
    });

    it('understands placeholders as values', () => {

      // then
      expect(parseTemplate('{"n": ${n}, "list": [${a}, ${b}], "s": "${c}"}').diagnostics).toEqual([]);
    });
  });

  describe('tree', () => {

    it('builds the JSON tree with offsets and literal strings', () => {

      // when
      const { root } = parseTemplate('{"model": "llama\\u0033", "n": 2, "ok": true, "x": null, "v": ${v}}');

      // then
      expect(root).toMatchObject({
        kind: 'object',
        from: 0,
        members: [
          { key: { literal: 'model' }, value: { kind: 'string', literal: 'llama3', from: 10, to: 23 } },
          { key: { literal: 'n' }, value: { kind: 'number', value: 2 } },
          { key: { literal: 'ok' }, value: { kind: 'boolean', value: true } },
          { key: { literal: 'x' }, value: { kind: 'null' } },
          { key: { literal: 'v' }, value: { kind: 'placeholder', placeholder: { name: 'v' } } }
        ]
      });
    });

    it('gives a string holding a placeholder no literal value', () => {

      // when
      const { root } = parseTemplate('["a ${b}", "c $${d}"]');

      // then
      expect(root).toMatchObject({ items: [ { literal: null }, { literal: 'c ${d}' } ] });
    });

    it('keeps the members parsed before a syntax error', () => {

      // when
      const { root } = parseTemplate('{"model": "x", "max_tokens": }');

      // then
      expect(root).toMatchObject({ kind: 'object', members: [ { key: { literal: 'model' } }, { key: { literal: 'max_tokens' }, value: null } ] });
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { lintPayload, parseTemplate, renderTemplate } from '../../../runtime/template';

/** Characters that break naive templating, mixed with any code point (no lone surrogates). */
const TRICKY = fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u2028', '${', '$${', '$', '}', '{', '😀', '𝄞', '\\u0041');
const anyString = fc.string({ unit: fc.oneof(TRICKY, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });

/**
 * Writes `text` as literal template text inside a JSON string: JSON-escaped, `${`
 * doubled, and a trailing `$` as `\u0024` so it cannot turn a following `${` into `$${`.
 */
function literal(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replaceAll('${', () => '$${');

  return escaped.endsWith('$') ? `${escaped.slice(0, -1)}\\u0024` : escaped;
}

function chatPayload(content: string, extra = ''): string {
  return `{"model": "m", "messages": [{"role": "user", "content": "${content}"}]${extra}}`;
}

function errorsOf(text: string): string[] {
  return lintPayload(text).filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.message);
}

const RUNS = { numRuns: 300 };

describe('template properties', () => {

  it('a string value inserted inside a string comes back exactly, between any literal text', () => {
    fc.assert(fc.property(anyString, anyString, anyString, (before, value, after) => {

      // given
      const template = chatPayload(`${literal(before)}\${value}${literal(after)}`);
      expect(errorsOf(template)).toEqual([]);

      // when
      const body = JSON.parse(renderTemplate(template, { value }));

      // then
      expect(body.messages[0].content).toBe(before + value + after);
    }), RUNS);
  });

  it('a string value standing as a whole value comes back exactly', () => {
    fc.assert(fc.property(anyString, (value) => {

      // given
      const template = '{"model": ${value}, "messages": [{"role": "user", "content": ${value}}]}';
      expect(errorsOf(template)).toEqual([]);

      // when
      const body = JSON.parse(renderTemplate(template, { value }));

      // then
      expect(body.model).toBe(value);
      expect(body.messages[0].content).toBe(value);
    }), RUNS);
  });

  it('any JSON value standing as a whole value comes back as its JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {

      // given
      const template = chatPayload('hi', ', "metadata": ${value}');
      expect(errorsOf(template)).toEqual([]);

      // when
      const body = JSON.parse(renderTemplate(template, { value }));

      // then
      expect(body.metadata).toEqual(JSON.parse(JSON.stringify(value)));
    }), RUNS);
  });

  it('any non-string JSON value inside a string comes back as its JSON text', () => {
    fc.assert(fc.property(fc.jsonValue().filter((value) => typeof value !== 'string'), (value) => {

      // given
      const template = chatPayload('value: ${value}');

      // when
      const body = JSON.parse(renderTemplate(template, { value }));

      // then
      expect(body.messages[0].content).toBe(`value: ${JSON.stringify(value)}`);
    }), RUNS);
  });

  it('a value reached by a path comes back exactly', () => {
    fc.assert(fc.property(anyString, fc.nat({ max: 3 }), (value, index) => {

      // given
      const items = Array.from({ length: index + 1 }, (_, at) => ({ text: at === index ? value : 'other' }));
      const template = chatPayload(`\${order.items[${index}].text}`);

      // when
      const body = JSON.parse(renderTemplate(template, { order: { items } }));

      // then
      expect(body.messages[0].content).toBe(value);
    }), RUNS);
  });

  const JSONISH = fc.array(
    fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ':', ',', '"', ' ', '\n', '\\', '"a"', '"b"', '1', '-0.5e3', 'true', 'null', 'x', '01', '"\\u00e9"', '"\\q"'),
      fc.string({ unit: 'binary', maxLength: 3 })
    ),
    { maxLength: 30 }
  ).map((parts) => parts.join(''));

  const TEMPLATEISH = fc.array(
    fc.oneof(JSONISH, fc.constantFrom('${', '$${', '${a}', '${a.b[0]["c"]}', '${1}', '${a', '}', '"${x}"', '$')),
    { maxLength: 8 }
  ).map((parts) => parts.join(''));

  it('never throws on arbitrary text, and keeps every range inside it', () => {
    fc.assert(fc.property(fc.oneof(TEMPLATEISH, fc.string({ unit: 'binary' })), (text) => {

      // when
      const parsed = parseTemplate(text);
      const diagnostics = lintPayload(text, { knownVariables: [ 'a' ] });

      // then
      for (const range of [ ...parsed.diagnostics, ...parsed.placeholders, ...diagnostics ]) {
        expect(range.from).toBeGreaterThanOrEqual(0);
        expect(range.to).toBeGreaterThanOrEqual(range.from);
        expect(range.to).toBeLessThanOrEqual(text.length);
      }
    }), { numRuns: 1000 });
  });

  it('agrees with JSON.parse on text without placeholders', () => {
    fc.assert(fc.property(fc.oneof(JSONISH, fc.json()), (text) => {
      fc.pre(!text.includes('$'));

      // when
      const syntaxError = parseTemplate(text).diagnostics.some((diagnostic) => diagnostic.code === 'json/syntax');

      // then
      let parses = true;

      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }

      expect(syntaxError).toBe(!parses);
    }), { numRuns: 1000 });
  });

  it('renders a text without placeholders to itself', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      fc.pre(!text.includes('$'));

      // then
      expect(renderTemplate(text, {})).toBe(text);
    }), RUNS);
  });
});

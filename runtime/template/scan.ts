/**
 * Tokenizer for JSON with `${...}` placeholders. It never stops early, so every
 * placeholder is found (with whether it sits inside a string) even when the JSON is
 * broken; the parser then decides what the tokens mean.
 */

import type { Diagnostic, Placeholder } from '../types';
import { isNamePart, isNameStart, readPath } from '../mapping/path';
import type { StringNode } from './nodes';

type PunctuationChar = '{' | '}' | '[' | ']' | ':' | ',';

export type Token =
  | { kind: 'punctuation'; char: PunctuationChar; from: number; to: number }
  | StringNode
  | { kind: 'number'; value: number; from: number; to: number }
  | { kind: 'boolean'; value: boolean; from: number; to: number }
  | { kind: 'null'; from: number; to: number }

  /** A whole-value placeholder; `null` when it is malformed (already reported). */
  | { kind: 'placeholder'; placeholder: Placeholder | null; from: number; to: number }

  /** Text that is no JSON token; reported by the parser if it reaches it. */
  | { kind: 'invalid'; message: string; from: number; to: number };

/** A JSON syntax problem found while tokenizing (the first one across the scan and parse is reported). */
export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;

  /** Where the problem was noticed when that is not `from` (an unclosed bracket: the end). */
  noticedAt?: number;
}

export interface ScanResult {
  tokens: Token[];
  placeholders: Placeholder[];

  /** Offsets of each `$${` (rendered as a literal `${`). */
  escapes: number[];

  /** Placeholder problems (`template/*` codes), all of them. */
  diagnostics: Diagnostic[];

  /** JSON problems inside tokens (strings, literals), in order. */
  syntaxProblems: SyntaxProblem[];
}

const CHAR_TAB = 9;
const CHAR_LF = 10;
const CHAR_CR = 13;
const CHAR_SPACE = 32;
const CHAR_QUOTE = 34;
const CHAR_DOLLAR = 36;
const CHAR_BACKSLASH = 92;
const CHAR_OPEN_BRACE = 123;
const CHAR_CLOSE_BRACE = 125;

// Indexed by character code below 128: a packed array is read much faster than an object
// with number keys, and the scanner asks for every character between tokens.
const PUNCTUATION: ReadonlyArray<PunctuationChar | null> = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);

  return '{}[]:,'.includes(char) ? char as PunctuationChar : null;
});

const SIMPLE_ESCAPES: Record<number, string> = {
  34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t'
};

const CONTROL_NAMES: Record<number, string> = { 9: 'tab', 8: 'backspace', 12: 'form feed' };

// Shared by every string without a placeholder (most of them), instead of an empty array each.
const NO_PLACEHOLDERS = Object.freeze([]) as unknown as Placeholder[];

// A run of ordinary string characters (see Scanner.skipPlain), read from `lastIndex` on.
// eslint-disable-next-line no-control-regex -- control characters end a plain run (JSON forbids them raw)
const TEMPLATE_STRING_PLAIN = /[^"\\$\x00-\x1f]*/y;
// eslint-disable-next-line no-control-regex -- as above
const JSON_STRING_PLAIN = /[^"\\\x00-\x1f]*/y;
const SHORT_RUN = 16;

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
    || code === 95 || code === 46 || code === 43 || code === 45;
}

/** Characters a malformed placeholder's search for its `}` does not cross. */
function endsPlaceholderSearch(code: number): boolean {
  return code === CHAR_LF || code === CHAR_CR || code === CHAR_QUOTE || code === CHAR_OPEN_BRACE || code === CHAR_DOLLAR;
}

function quote(text: string, max = 40): string {
  return text.length > max ? `\`${text.slice(0, max)}…\`` : `\`${text}\``;
}

function describeWord(word: string): string {
  if (/^(?:True|False|TRUE|FALSE|Null|NULL|None|undefined|NaN|Infinity)$/.test(word)) {
    return `${quote(word)} is not a JSON value; JSON writes true, false and null in lower case and has no NaN or undefined`;
  }

  if (/^[+-]?[0-9.]/.test(word)) {
    return `${quote(word)} is not a JSON number (no leading zeros, + signs or trailing dots)`;
  }

  return `unexpected ${quote(word)}; text values need double quotes`;
}

class Scanner {
  readonly tokens: Token[] = [];
  readonly placeholders: Placeholder[] = [];
  readonly escapes: number[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly syntaxProblems: SyntaxProblem[] = [];

  constructor(private readonly text: string, private readonly templates: boolean) {}

  scan(): void {
    const text = this.text;
    const length = text.length;
    let at = 0;

    while (at < length) {
      const code = text.charCodeAt(at);

      if (code === CHAR_SPACE || code === CHAR_LF || code === CHAR_CR || code === CHAR_TAB) {
        at++;
      } else if (code === CHAR_QUOTE) {
        at = this.scanString(at);
      } else if (code < 128 && PUNCTUATION[code] !== null) {
        this.tokens.push({ kind: 'punctuation', char: PUNCTUATION[code] as PunctuationChar, from: at, to: at + 1 });
        at++;
      } else if (this.templates && code === CHAR_DOLLAR && text.charCodeAt(at + 1) === CHAR_OPEN_BRACE) {
        const read = this.scanPlaceholder(at, false);
        this.tokens.push({ kind: 'placeholder', placeholder: read.placeholder, from: at, to: read.end });
        at = read.end;
      } else if (isWordChar(code)) {
        at = this.scanWord(at);
      } else {
        const message = this.templates && code === CHAR_DOLLAR && text.startsWith('$${', at)
          ? '`$${` (a literal `${`) is only allowed inside a string'
          : `unexpected character ${quote(String.fromCodePoint(text.codePointAt(at) ?? code))}`;
        const to = code >= 0xd800 && code <= 0xdbff && at + 1 < length ? at + 2 : at + 1;

        this.tokens.push({ kind: 'invalid', message, from: at, to });
        at = to;
      }
    }
  }

  private scanWord(from: number): number {
    const text = this.text;
    let to = from + 1;

    while (to < text.length && isWordChar(text.charCodeAt(to))) {
      to++;
    }

    const word = text.slice(from, to);

    if (word === 'true' || word === 'false') {
      this.tokens.push({ kind: 'boolean', value: word === 'true', from, to });
    } else if (word === 'null') {
      this.tokens.push({ kind: 'null', from, to });
    } else if (NUMBER.test(word)) {
      this.tokens.push({ kind: 'number', value: Number(word), from, to });
    } else {
      this.tokens.push({ kind: 'invalid', message: describeWord(word), from, to });
    }

    return to;
  }

  /** Scans a string starting at its opening quote; returns the offset after it. */
  private scanString(from: number): number {
    const text = this.text;
    const length = text.length;
    let placeholders: Placeholder[] | null = null;
    let literal = '';
    let segmentStart = from + 1;
    let at = from + 1;
    let closed = false;

    for (;;) {
      at = this.skipPlain(at);

      if (at >= length) {
        this.syntaxProblems.push({ from, to: at, message: 'this string is not closed: add the closing `"`' });
        break;
      }

      const code = text.charCodeAt(at);

      if (code === CHAR_QUOTE) {
        closed = true;
        at++;
        break;
      }

      if (code === CHAR_BACKSLASH) {
        literal += text.slice(segmentStart, at);
        at = this.scanEscape(at, (decoded) => { literal += decoded; });
        segmentStart = at;
      } else if (this.templates && code === CHAR_DOLLAR && text.charCodeAt(at + 1) === CHAR_DOLLAR && text.charCodeAt(at + 2) === CHAR_OPEN_BRACE) {
        literal += text.slice(segmentStart, at) + '${';
        this.escapes.push(at);
        at += 3;
        segmentStart = at;
      } else if (this.templates && code === CHAR_DOLLAR && text.charCodeAt(at + 1) === CHAR_OPEN_BRACE) {
        const read = this.scanPlaceholder(at, true);

        if (read.placeholder) {
          (placeholders ??= []).push(read.placeholder);
        }

        // a string holding a placeholder has no literal value: stop building one
        if (!placeholders) {
          literal += text.slice(segmentStart, at);
        }

        at = read.end;
        segmentStart = at;
      } else if (code === CHAR_LF || code === CHAR_CR) {
        this.syntaxProblems.push({
          from,
          to: at,
          message: 'this string is not closed on its line; JSON strings cannot hold line breaks (write \\n inside the string)'
        });
        break;
      } else if (code < CHAR_SPACE) {
        this.syntaxProblems.push({
          from: at,
          to: at + 1,
          message: `a raw ${CONTROL_NAMES[code] ?? 'control'} character is not allowed in a JSON string; write it escaped (\\t, \\u0000 form)`
        });
        at++;
      } else {
        at++;
      }
    }

    this.tokens.push({
      kind: 'string',
      literal: placeholders ? null : literal + text.slice(segmentStart, closed ? at - 1 : at),
      placeholders: placeholders ?? NO_PLACEHOLDERS,
      from,
      to: at
    });

    return at;
  }

  /**
   * The offset of the next character at or after `at` that a string cannot simply carry (a
   * quote, a backslash, a control character, `$` in a template), or the text's length.
   * Strings are almost all of a payload, and the regular expression runs through their
   * ordinary characters many times faster than a loop over `charCodeAt`; a short run (a
   * key, `"user"`) is cheaper to walk than to search.
   */
  private skipPlain(at: number): number {
    const text = this.text;
    const walkTo = Math.min(at + SHORT_RUN, text.length);

    for (; at < walkTo; at++) {
      const code = text.charCodeAt(at);

      if (code < CHAR_SPACE || code === CHAR_QUOTE || code === CHAR_BACKSLASH || (code === CHAR_DOLLAR && this.templates)) {
        return at;
      }
    }

    if (at >= text.length) {
      return at;
    }

    const plain = this.templates ? TEMPLATE_STRING_PLAIN : JSON_STRING_PLAIN;

    // always matches (perhaps nothing): the run ends where the match does
    plain.lastIndex = at;
    plain.test(text);

    return plain.lastIndex;
  }

  /** Scans `\x` at `at`; hands the decoded text over; returns the offset after it. */
  private scanEscape(at: number, append: (decoded: string) => void): number {
    const text = this.text;
    const next = text.charCodeAt(at + 1);
    const simple = SIMPLE_ESCAPES[next];

    if (simple !== undefined) {
      append(simple);

      return at + 2;
    }

    if (next === 117 /* u */) {
      const hex = text.slice(at + 2, at + 6);

      if (HEX4.test(hex)) {
        append(String.fromCharCode(parseInt(hex, 16)));

        return at + 6;
      }

      this.syntaxProblems.push({ from: at, to: Math.min(at + 6, text.length), message: '`\\u` must be followed by four hex digits' });

      return at + 2;
    }

    if (at + 1 >= text.length) {
      return at + 1;
    }

    this.syntaxProblems.push({
      from: at,
      to: at + 2,
      message: `${quote(text.slice(at, at + 2))} is not a JSON escape; write \\\\ for a backslash`
    });

    return next === CHAR_LF || next === CHAR_CR ? at + 1 : at + 2;
  }

  /** Reads `${...}` starting at `$`. Malformed ones are reported and skipped. */
  private scanPlaceholder(at: number, inString: boolean): { placeholder: Placeholder | null; end: number } {
    const text = this.text;
    const start = at + 2;

    if (text.charCodeAt(start) === CHAR_CLOSE_BRACE) {
      this.report(at, start + 1, 'template/invalid-placeholder', '`${}` is empty: write a variable name, e.g. `${userMessage}`');

      return { placeholder: null, end: start + 1 };
    }

    const simple = this.simplePlaceholder(at, inString);

    if (simple) {
      return { placeholder: simple, end: simple.to };
    }

    const read = readPath(text, start, { root: 'identifier' });

    if (!read.error && text.charCodeAt(read.end) === CHAR_CLOSE_BRACE) {
      const expression = text.slice(start, read.end);
      const placeholder: Placeholder = {
        expression,
        name: read.steps[0] as string,

        // identifier paths never hold `#`, so every step is a key or an index
        path: read.steps.slice(1) as Array<string | number>,
        from: at,
        to: read.end + 1,
        inString
      };

      this.placeholders.push(placeholder);

      return { placeholder, end: read.end + 1 };
    }

    const errorAt = read.error ? read.error.at : read.end;
    let close = errorAt;

    while (close < text.length && text.charCodeAt(close) !== CHAR_CLOSE_BRACE && !endsPlaceholderSearch(text.charCodeAt(close))) {
      close++;
    }

    if (text.charCodeAt(close) === CHAR_CLOSE_BRACE) {
      const written = text.slice(at, close + 1);
      const reason = read.error ? read.error.message : `unexpected ${quote(text[errorAt])}`;

      this.report(at, close + 1, 'template/invalid-placeholder',
        `${quote(written)} is not a valid placeholder: ${reason}; write a variable name with optional .field, [index] or ["key"] steps, e.g. \`\${order.items[0].name}\``);

      return { placeholder: null, end: close + 1 };
    }

    const end = Math.max(errorAt, start);

    this.report(at, end, 'template/unclosed-placeholder',
      `${quote(text.slice(at, end))} is not closed: add \`}\` after the variable name (write \`$\${\` for a literal \`\${\`)`);

    return { placeholder: null, end };
  }

  /**
   * `${name}` without steps, the usual placeholder, read without the general path reader (the
   * same placeholder it would give); `null` for anything else, which that reader then reads.
   */
  private simplePlaceholder(at: number, inString: boolean): Placeholder | null {
    const text = this.text;
    const start = at + 2;

    if (!isNameStart(text.charCodeAt(start))) {
      return null;
    }

    let end = start + 1;

    while (end < text.length && isNamePart(text.charCodeAt(end), false)) {
      end++;
    }

    if (text.charCodeAt(end) !== CHAR_CLOSE_BRACE) {
      return null;
    }

    const name = text.slice(start, end);
    const placeholder: Placeholder = { expression: name, name, path: [], from: at, to: end + 1, inString };

    this.placeholders.push(placeholder);

    return placeholder;
  }

  private report(from: number, to: number, code: string, message: string): void {
    this.diagnostics.push({ from, to, severity: 'error', code, message });
  }
}

/**
 * Splits `text` into tokens; collects placeholders, `$${` escapes and token-level problems.
 * With `templates: false` the text is plain JSON: `${` means nothing inside a string and is
 * an unexpected character outside one.
 */
export function scanTemplate(text: string, { templates = true }: { templates?: boolean } = {}): ScanResult {
  const scanner = new Scanner(text, templates);
  scanner.scan();

  return {
    tokens: scanner.tokens,
    placeholders: scanner.placeholders,
    escapes: scanner.escapes,
    diagnostics: scanner.diagnostics,
    syntaxProblems: scanner.syntaxProblems
  };
}

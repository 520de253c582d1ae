/**
 * Where and why `text` stops being JSON, or `null` when it is valid.
 *
 * Node 20's JSON.parse names the offending token but not its position, and a person
 * fixing a mapping in a text field needs the line and column. Nesting deeper than 256
 * levels is reported as such rather than scanned.
 */
export function findJsonError(text: string): { offset: number; line: number; column: number; reason: string } | null {
  const scanner = new JsonScanner(text);
  const failure = scanner.run();

  if (!failure) {
    return null;
  }

  const before = text.slice(0, failure.offset).split('\n');

  return {
    offset: failure.offset,
    line: before.length,
    column: before[before.length - 1].length + 1,
    reason: failure.reason
  };
}

// Thrown inside the scanner only, to unwind the recursion; never leaves this file.
class Failure extends Error {
  override name = 'JsonScanFailure';

  constructor(readonly offset: number, readonly reason: string) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;

// The scanner recurses per level; deeper input would overflow the stack instead of being
// reported. The payload template parser stops at the same depth.
const MAX_DEPTH = 256;

class JsonScanner {
  private offset = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  run(): Failure | null {
    try {
      this.value();
      this.whitespace();

      if (this.offset < this.text.length) {
        throw this.fail('unexpected text after the JSON value');
      }

      return null;
    } catch (error) {
      if (error instanceof Failure) {
        return error;
      }

      throw error;
    }
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.offset];

    if (char === '{' || char === '[') {
      if (++this.depth > MAX_DEPTH) {
        throw this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
      }

      if (char === '{') {
        this.object();
      } else {
        this.array();
      }

      this.depth--;
      return;
    }

    if (char === '"') {
      return this.token(STRING, 'unterminated or invalid string');
    }

    if (char === undefined) {
      throw this.fail('unexpected end of input');
    }

    if (char === '-' || (char >= '0' && char <= '9')) {
      return this.token(NUMBER, 'invalid number');
    }

    this.token(LITERAL, `unexpected character ${JSON.stringify(char)}`);
  }

  private object(): void {
    this.offset++;
    this.whitespace();

    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }

    for (;;) {
      this.whitespace();

      if (this.text[this.offset] !== '"') {
        throw this.fail('expected a property name in double quotes');
      }

      this.token(STRING, 'unterminated or invalid string');
      this.expect(':');
      this.value();

      if (this.separatorOrEnd('}')) {
        return;
      }
    }
  }

  private array(): void {
    this.offset++;
    this.whitespace();

    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }

    for (;;) {
      this.value();

      if (this.separatorOrEnd(']')) {
        return;
      }
    }
  }

  private separatorOrEnd(end: string): boolean {
    this.whitespace();
    const char = this.text[this.offset];

    if (char === end) {
      this.offset++;
      return true;
    }

    if (char === ',') {
      this.offset++;
      this.whitespace();

      if (this.text[this.offset] === end) {
        throw this.fail('trailing comma');
      }

      return false;
    }

    throw this.fail(char === undefined ? 'unexpected end of input' : `expected "," or "${end}"`);
  }

  private expect(char: string): void {
    this.whitespace();

    if (this.text[this.offset] !== char) {
      throw this.fail(`expected "${char}"`);
    }

    this.offset++;
  }

  private token(pattern: RegExp, reason: string): void {
    pattern.lastIndex = this.offset;

    if (!pattern.test(this.text)) {
      throw this.fail(reason);
    }

    this.offset = pattern.lastIndex;
  }

  private whitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.offset] ?? '')) {
      this.offset++;
    }
  }

  private fail(reason: string): Failure {
    return new Failure(this.offset, reason);
  }
}

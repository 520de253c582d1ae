/**
 * Parser for payload templates: JSON where a `${...}` placeholder may stand as a whole
 * value or sit inside a string. Gives the placeholders, a tree with offsets and
 * diagnostics; never throws.
 */

import type { Diagnostic, Placeholder } from '../types';
import type { ArrayNode, JsonNode, MemberNode, ObjectNode } from './nodes';
import { describeOffset, lineColumn } from './position';
import { scanTemplate, type SyntaxProblem, type Token } from './scan';

export interface TemplateParse {

  /** Every well-formed placeholder, in order. */
  placeholders: Placeholder[];

  /**
   * Placeholder problems (all), the first JSON syntax error (later ones are mostly its
   * echoes, as with JSON.parse) and duplicate-key warnings, in text order.
   */
  diagnostics: Diagnostic[];

  /** The JSON tree as far as the parser got; `null` for an empty template. */
  root: JsonNode | null;

  /** Offsets of each `$${` (a literal `${`). */
  escapes: number[];
}

const PAYLOAD = 'payload';

/** Nesting beyond this is certainly a mistake; the limit keeps the recursion bounded. */
const MAX_DEPTH = 256;

/** Objects with more members than this keep a set of their keys to spot duplicates. */
const LINEAR_KEY_SEARCH = 16;

/** Where a parsed value goes: the root, an object member or an array. */
type RootHolder = { root: JsonNode | null };
type Parent = RootHolder | MemberNode | ArrayNode;

function attach(parent: Parent, node: JsonNode): void {
  if ('items' in parent) {
    parent.items.push(node);
  } else if ('key' in parent) {
    parent.value = node;
  } else {
    parent.root = node;
  }
}

class SyntaxStop {
  constructor(readonly problem: SyntaxProblem) {}
}

function describeToken(text: string, token: Token | undefined, subject: string): string {
  if (!token) {
    return `the end of the ${subject}`;
  }

  const written = text.slice(token.from, token.to);

  return written.length > 30 ? `\`${written.slice(0, 30)}…\`` : `\`${written}\``;
}

class Parser {
  private index = 0;
  readonly duplicateKeys: Diagnostic[] = [];

  /** `subject` names the text in messages: "payload" for a template, "JSON" for plain JSON. */
  constructor(private readonly text: string, private readonly tokens: Token[], private readonly subject: string) {}

  parseRoot(): { root: JsonNode | null; problem: SyntaxProblem | null } {
    if (this.tokens.length === 0) {
      const hint = this.subject === PAYLOAD ? '; write a JSON object such as {"model": "...", "messages": [...]}' : '';

      return { root: null, problem: { from: 0, to: this.text.length, message: `the ${this.subject} is empty${hint}` } };
    }

    const holder: RootHolder = { root: null };

    try {
      holder.root = this.parseValue(0, holder);

      const extra = this.tokens[this.index];

      if (extra) {
        throw this.stop(extra, `unexpected ${describeToken(this.text, extra, this.subject)} after the end of the JSON value; is a \`,\` or bracket missing?`);
      }

      return { root: holder.root, problem: null };
    } catch (error) {
      if (error instanceof SyntaxStop) {
        return { root: holder.root, problem: error.problem };
      }

      throw error;
    }
  }

  /** The payload ended inside the container opened by `open`: point at that bracket. */
  private unclosed(open: Token, what: string, close: string): SyntaxStop {
    return new SyntaxStop({
      from: open.from,
      to: open.to,
      noticedAt: this.text.length,
      message: `the ${what} opened here is not closed: add \`${close}\``
    });
  }

  private stop(token: Token | undefined, message: string): SyntaxStop {
    if (token && token.kind === 'invalid') {
      return new SyntaxStop({ from: token.from, to: token.to, message: token.message });
    }

    const from = token ? token.from : this.text.length;
    const to = token ? token.to : this.text.length;

    return new SyntaxStop({ from, to, message });
  }

  /**
   * Parses one value into `parent`. A container joins its parent before its contents are
   * parsed, so a syntax error deep inside still leaves the outer tree in place.
   */
  private parseValue(depth: number, parent: Parent): JsonNode {
    const token = this.tokens[this.index];

    if (!token) {
      throw this.stop(undefined, `the ${this.subject} ends where a value was expected`);
    }

    if (token.kind === 'punctuation') {
      if (token.char === '{' || token.char === '[') {
        if (depth >= MAX_DEPTH) {
          throw this.stop(token, `nesting deeper than ${MAX_DEPTH} levels`);
        }

        return token.char === '{' ? this.parseObject(token, depth, parent) : this.parseArray(token, depth, parent);
      }

      throw this.stop(token, `expected a value, found ${describeToken(this.text, token, this.subject)}`);
    }

    if (token.kind === 'invalid') {
      throw this.stop(token, token.message);
    }

    this.index++;

    const node: JsonNode = token.kind === 'placeholder'
      ? (token.placeholder
        ? { kind: 'placeholder', placeholder: token.placeholder, from: token.from, to: token.to }

        // a malformed placeholder was reported already; `null` keeps the tree going
        : { kind: 'null', from: token.from, to: token.to })
      : token;

    attach(parent, node);

    return node;
  }

  private parseObject(open: Token, depth: number, parent: Parent): ObjectNode {
    const node: ObjectNode = { kind: 'object', members: [], from: open.from, to: open.to };
    let seen: Set<string> | null = null;
    attach(parent, node);
    this.index++;

    if (this.isPunctuation('}')) {
      node.to = this.tokens[this.index++].to;

      return node;
    }

    for (;;) {
      const keyToken = this.tokens[this.index];

      if (!keyToken || keyToken.kind !== 'string') {
        const trailingComma = keyToken?.kind === 'punctuation' && keyToken.char === '}' && node.members.length > 0;

        if (!keyToken) {
          throw this.unclosed(open, 'object', '}');
        }

        if (trailingComma) {
          throw this.stop(keyToken, 'a `,` before `}` is not allowed in JSON: remove the trailing comma');
        }

        // an unquoted word here is a key, not a value: say so rather than the token's own message
        throw new SyntaxStop({
          from: keyToken.from,
          to: keyToken.to,
          message: `expected a property name in double quotes, found ${describeToken(this.text, keyToken, this.subject)}`
        });
      }

      this.index++;

      const member: MemberNode = { key: keyToken, value: null };
      node.members.push(member);
      node.to = keyToken.to;
      seen = this.noteDuplicate(node, seen, keyToken);

      if (!this.isPunctuation(':')) {
        throw this.stop(this.tokens[this.index], `expected \`:\` after the property name ${describeToken(this.text, keyToken, this.subject)}, found ${describeToken(this.text, this.tokens[this.index], this.subject)}`);
      }

      this.index++;
      const value = this.parseValue(depth + 1, member);
      node.to = value.to;

      if (!this.nextOrClose(node, open, `the value of ${describeToken(this.text, keyToken, this.subject)}`)) {
        return node;
      }
    }
  }

  private parseArray(open: Token, depth: number, parent: Parent): ArrayNode {
    const node: ArrayNode = { kind: 'array', items: [], from: open.from, to: open.to };
    attach(parent, node);
    this.index++;

    if (this.isPunctuation(']')) {
      node.to = this.tokens[this.index++].to;

      return node;
    }

    for (;;) {
      if (this.isPunctuation(']') && node.items.length > 0) {
        throw this.stop(this.tokens[this.index], 'a `,` before `]` is not allowed in JSON: remove the trailing comma');
      }

      if (!this.tokens[this.index]) {
        throw this.unclosed(open, 'array', ']');
      }

      const item = this.parseValue(depth + 1, node);
      node.to = item.to;

      if (!this.nextOrClose(node, open, 'an array item')) {
        return node;
      }
    }
  }

  /**
   * After a member or item: consumes a `,` (`true`: another one follows) or the closing
   * bracket (`false`: the container is done); anything else is a syntax error.
   */
  private nextOrClose(node: ObjectNode | ArrayNode, open: Token, after: string): boolean {
    const close = node.kind === 'object' ? '}' : ']';

    if (this.isPunctuation(',')) {
      this.index++;

      return true;
    }

    if (this.isPunctuation(close)) {
      node.to = this.tokens[this.index++].to;

      return false;
    }

    const next = this.tokens[this.index];

    if (!next) {
      throw this.unclosed(open, node.kind, close);
    }

    throw this.stop(next, `expected \`,\` or \`${close}\` after ${after}, found ${describeToken(this.text, next, this.subject)}; is a comma missing?`);
  }

  private isPunctuation(char: string): boolean {
    const token = this.tokens[this.index];

    return token !== undefined && token.kind === 'punctuation' && token.char === char;
  }

  /**
   * Warns when `key`, the last member of `node` so far, repeats an earlier key. Small objects
   * (nearly all of a payload) are searched; a set of the keys is built only for a large one.
   * Returns that set, or `null` while there is none.
   */
  private noteDuplicate(node: ObjectNode, seen: Set<string> | null, key: Extract<Token, { kind: 'string' }>): Set<string> | null {
    const literal = key.literal;

    if (literal === null) {
      return seen;
    }

    const earlier = node.members.length - 1;
    let repeated = false;

    if (seen) {
      repeated = seen.has(literal);
      seen.add(literal);
    } else {
      for (let index = 0; index < earlier && !repeated; index++) {
        repeated = node.members[index].key.literal === literal;
      }

      if (earlier >= LINEAR_KEY_SEARCH) {
        seen = new Set();

        for (const member of node.members) {
          if (member.key.literal !== null) {
            seen.add(member.key.literal);
          }
        }
      }
    }

    if (repeated) {
      this.duplicateKeys.push({
        from: key.from,
        to: key.to,
        severity: 'warning',
        code: 'json/duplicate-key',
        message: `property "${literal}" appears more than once in this object; only the last one counts`
      });
    }

    return seen;
  }
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.from - b.from || a.to - b.to;
}

/** The first JSON syntax problem: the one noticed earliest across the scan and the parse. */
function firstProblem(problems: SyntaxProblem[]): SyntaxProblem | null {
  let first: SyntaxProblem | null = null;

  for (const candidate of problems) {
    if (!first || (candidate.noticedAt ?? candidate.from) < (first.noticedAt ?? first.from)) {
      first = candidate;
    }
  }

  return first;
}

/**
 * Parses a payload template: finds every `${...}` placeholder (inside a string or as a
 * whole value), builds the JSON tree and reports malformed placeholders and JSON syntax
 * with offsets. Never throws.
 */
export function parseTemplate(text: string): TemplateParse {
  const scan = scanTemplate(text);
  const parser = new Parser(text, scan.tokens, PAYLOAD);
  const { root, problem } = parser.parseRoot();
  const first = firstProblem(problem ? [ ...scan.syntaxProblems, problem ] : scan.syntaxProblems);
  const diagnostics = [ ...scan.diagnostics, ...parser.duplicateKeys ];

  if (first) {
    diagnostics.push({
      from: first.from,
      to: first.to,
      severity: 'error',
      code: 'json/syntax',
      message: `JSON syntax: ${first.message}${describeOffset(text, first.from)}`
    });
  }

  diagnostics.sort(byPosition);

  return { placeholders: scan.placeholders, diagnostics, root, escapes: scan.escapes };
}

/** Where plain JSON stops being valid: the offset, its line and column (1-based), and why. */
export interface JsonError {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

/**
 * Where and why `text` stops being JSON, or `null` when it is valid: the same scanner and
 * parser as payload templates, with placeholders switched off, so mappings, test files and
 * `--var-json` values get the payload editor's messages. Node 20's JSON.parse names the
 * offending token but not its position; a person fixing the text needs the line and column.
 */
export function findJsonError(text: string): JsonError | null {
  const scan = scanTemplate(text, { templates: false });
  const { problem } = new Parser(text, scan.tokens, 'JSON').parseRoot();
  const first = firstProblem(problem ? [ ...scan.syntaxProblems, problem ] : scan.syntaxProblems);

  return first && { offset: first.from, ...lineColumn(text, first.from), reason: first.message };
}

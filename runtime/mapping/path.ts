/**
 * Path syntax shared by response mappings (`choices[0].message.content`) and template
 * placeholders (`${order.items[0]}`): a root, then `.field`, `[n]` or `["key"]` steps.
 *
 * Response paths may also continue into a JSON-encoded string with `#`: after a step that
 * reaches a string such as a structured answer's `content` or a tool call's
 * `function.arguments`, `#` parses that string as JSON and the path goes on inside it
 * (`choices[0].message.content#priority`, `...arguments#items[0].sku`, `...content#` for
 * the whole parsed value). Templates do not take `#`: a variable is already a value.
 */

import { CatalystError } from '../errors';

/** The `#` step: parse the string reached so far as JSON and continue inside it. */
export interface DecodeJsonStep {
  readonly decode: 'json';
}

/** The one `#` step every parse hands out (compare with `isDecodeStep`). */
export const DECODE_JSON: DecodeJsonStep = Object.freeze({ decode: 'json' as const });

/** One step into a JSON value: an object key, an array index or `#` (parse JSON text). */
export type PathStep = string | number | DecodeJsonStep;

/** Whether `step` is the `#` step. */
export function isDecodeStep(step: PathStep): step is DecodeJsonStep {
  return typeof step === 'object' && step !== null && step.decode === 'json';
}

export interface PathRead {
  steps: PathStep[];

  /** Offset of the first character that is not part of the path. */
  end: number;

  /** Why reading stopped early, with the offset of the offending character. */
  error: { at: number; message: string } | null;
}

export interface ReadPathOptions {

  /**
   * `identifier`: the path starts with a variable name (templates).
   * `response`: an optional `$.` / `$` prefix, then a field name or a bracket step.
   */
  root: 'identifier' | 'response';
}

const CHAR_DOT = 46;
const CHAR_OPEN_BRACKET = 91;
const CHAR_CLOSE_BRACKET = 93;
const CHAR_DOLLAR = 36;
const CHAR_DOUBLE_QUOTE = 34;
const CHAR_SINGLE_QUOTE = 39;
const CHAR_BACKSLASH = 92;
const CHAR_HASH = 35;

/** A letter or `_`: what a variable or field name starts with. */
export function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Field names may carry `-` (`x-request-id`), variable names may not. */
export function isNamePart(code: number, allowDash: boolean): boolean {
  return isNameStart(code) || isDigit(code) || (allowDash && code === 45);
}

function describeChar(text: string, at: number): string {
  return at >= text.length ? 'the end' : `\`${text[at]}\``;
}

function readName(text: string, start: number, allowDash: boolean): number {
  let end = start;

  while (end < text.length && isNamePart(text.charCodeAt(end), allowDash)) {
    end++;
  }

  return end;
}

/** Reads `[n]`, `["key"]` or `['key']` starting at the `[`. */
function readBracket(text: string, start: number): { step: PathStep; end: number } | { at: number; message: string } {
  let at = start + 1;
  const code = text.charCodeAt(at);

  if (isDigit(code)) {
    while (isDigit(text.charCodeAt(at))) {
      at++;
    }

    if (text.charCodeAt(at) !== CHAR_CLOSE_BRACKET) {
      return { at, message: `expected \`]\` after the index, found ${describeChar(text, at)}` };
    }

    return { step: Number(text.slice(start + 1, at)), end: at + 1 };
  }

  if (code === CHAR_DOUBLE_QUOTE || code === CHAR_SINGLE_QUOTE) {
    let key = '';
    at++;

    while (at < text.length && text.charCodeAt(at) !== code && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) {

      // only the quote and the backslash need escaping inside a bracketed key
      if (text.charCodeAt(at) === CHAR_BACKSLASH && at + 1 < text.length) {
        at++;
      }

      key += text[at];
      at++;
    }

    if (text.charCodeAt(at) !== code) {
      return { at: start, message: 'the quoted key in `[...]` is not closed' };
    }

    if (text.charCodeAt(at + 1) !== CHAR_CLOSE_BRACKET) {
      return { at: at + 1, message: `expected \`]\` after the quoted key, found ${describeChar(text, at + 1)}` };
    }

    return { step: key, end: at + 2 };
  }

  return { at, message: `expected an index like [0] or a quoted key like ["name"] after \`[\`, found ${describeChar(text, at)}` };
}

/**
 * Reads a path starting at `start` and stops at the first character that cannot
 * continue it. Never throws: problems come back in `error`.
 */
export function readPath(text: string, start: number, options: ReadPathOptions): PathRead {
  const steps: PathStep[] = [];
  let at = start;

  if (options.root === 'identifier') {
    if (!isNameStart(text.charCodeAt(at))) {
      return {
        steps,
        end: at,
        error: { at, message: `a variable name starts with a letter or \`_\`, found ${describeChar(text, at)}` }
      };
    }

    const end = readName(text, at, false);
    steps.push(text.slice(at, end));
    at = end;
  } else {
    if (text.charCodeAt(at) === CHAR_DOLLAR) {
      at++;

      if (text.charCodeAt(at) === CHAR_DOT) {
        at++;
      }
    }

    if (isNameStart(text.charCodeAt(at))) {
      const end = readName(text, at, true);
      steps.push(text.slice(at, end));
      at = end;
    } else if (text.charCodeAt(at) !== CHAR_OPEN_BRACKET) {
      return {
        steps,
        end: at,
        error: { at, message: `expected a field name or \`[\`, found ${describeChar(text, at)}` }
      };
    }
  }

  for (;;) {
    const code = text.charCodeAt(at);

    if (code === CHAR_HASH && options.root === 'response') {
      steps.push(DECODE_JSON);
      at++;

      // `#priority` reads like `.priority` inside the parsed value; `#[0]` and `#` go on as usual.
      if (isNameStart(text.charCodeAt(at))) {
        const end = readName(text, at, true);
        steps.push(text.slice(at, end));
        at = end;
      } else if (at < text.length && text.charCodeAt(at) !== CHAR_OPEN_BRACKET && text.charCodeAt(at) !== CHAR_HASH) {
        return {
          steps,
          end: at,
          error: { at, message: `expected a field name, \`[\` or the end after \`#\`, found ${describeChar(text, at)}` }
        };
      }
    } else if (code === CHAR_DOT) {
      if (!isNameStart(text.charCodeAt(at + 1))) {
        return {
          steps,
          end: at,
          error: { at: at + 1, message: `expected a field name after \`.\`, found ${describeChar(text, at + 1)}` }
        };
      }

      const end = readName(text, at + 1, true);
      steps.push(text.slice(at + 1, end));
      at = end;
    } else if (code === CHAR_OPEN_BRACKET) {
      const bracket = readBracket(text, at);

      if ('message' in bracket) {
        return { steps, end: at, error: bracket };
      }

      steps.push(bracket.step);
      at = bracket.end;
    } else {
      return { steps, end: at, error: null };
    }
  }
}

/**
 * Parses a response path such as `choices[0].message.content`, `$.usage.total_tokens`
 * or `data["x-id"]` into its steps.
 *
 * @throws CatalystError `PATH_INVALID` naming the offending position
 */
export function parsePath(path: string): PathStep[] {
  if (path.trim() === '') {
    throw new CatalystError('PATH_INVALID', 'the path is empty; write one like choices[0].message.content');
  }

  const read = readPath(path, 0, { root: 'response' });
  const error = read.error ?? (read.end < path.length
    ? { at: read.end, message: `unexpected ${describeChar(path, read.end)}` }
    : null);

  if (error) {
    throw new CatalystError('PATH_INVALID', `path \`${path}\` at position ${error.at + 1}: ${error.message}`);
  }

  return read.steps;
}

// A response mapping applies the same few paths to every answer; parsing them is a good part
// of mapping's cost. Only good parses are kept (a bad path throws each time, as it should),
// and the cached steps are never handed out, so nobody can change them.
const CACHED_PATHS = 128;
const recentPaths = new Map<string, readonly PathStep[]>();

function parsePathCached(path: string): readonly PathStep[] {
  let steps = recentPaths.get(path);

  if (!steps) {
    steps = parsePath(path);

    if (recentPaths.size >= CACHED_PATHS) {
      recentPaths.delete(recentPaths.keys().next().value as string);
    }

    recentPaths.set(path, steps);
  }

  return steps;
}

/** Writes steps back as a path (`order.items[0]["x-y"]`, `content#priority`), for messages. */
export function formatPath(steps: readonly PathStep[]): string {
  return steps.map((step, index) => {
    if (typeof step === 'number') {
      return `[${step}]`;
    }

    if (isDecodeStep(step)) {
      return '#';
    }

    if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) {
      return index === 0 || isDecodeStep(steps[index - 1]) ? step : `.${step}`;
    }

    return `[${JSON.stringify(step)}]`;
  }).join('');
}

export interface PathResolution {
  found: boolean;
  value: unknown;

  /** Number of steps that resolved before the path ran out of data. */
  matched: number;

  /** A `#` step met text that is not JSON: why, and the path up to that text. */
  undecodable?: { at: string; message: string };
}

/**
 * Follows `path` (text or steps) into `value`. A step that does not exist gives
 * `found: false`; a JSON `null` at the end of the path is found.
 *
 * @throws CatalystError `PATH_INVALID` when `path` is text that does not parse
 */
export function resolvePath(value: unknown, path: string | readonly PathStep[]): PathResolution {
  const steps = typeof path === 'string' ? parsePathCached(path) : path;
  let current = value;

  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];

    if (isDecodeStep(step)) {
      const decoded = decodeJsonText(current);

      if ('error' in decoded) {
        return { found: false, value: undefined, matched: index, undecodable: { at: formatPath(steps.slice(0, index)), message: decoded.error } };
      }

      current = decoded.value;
    } else if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) {
        return { found: false, value: undefined, matched: index };
      }

      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) {
        return { found: false, value: undefined, matched: index };
      }

      current = (current as Record<string, unknown>)[step];
    }
  }

  return { found: current !== undefined, value: current, matched: steps.length };
}

const FENCED = /^\s*```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/;

/**
 * The value a `#` step continues with. Text is parsed as JSON, also when a model wrapped it in
 * a Markdown code fence (```json ... ```), which models asked for JSON without a schema often
 * do. A value that is not text passes through: some servers (Ollama's native API) send tool
 * arguments as an object already.
 */
export function decodeJsonText(value: unknown): { value: unknown } | { error: string } {
  if (typeof value !== 'string') {
    return value === undefined ? { error: 'there is no text to parse' } : { value };
  }

  const fenced = FENCED.exec(value);
  const text = fenced ? fenced[1] : value;

  if (text.trim() === '') {
    return { error: 'the text is empty, not JSON' };
  }

  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);

    return { error: `the text is not valid JSON (${reason}): ${preview(text)}` };
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();

  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

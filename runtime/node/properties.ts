/**
 * Parse a Java `.properties` file: `#`/`!` comments, `=`, `:` or white space between key
 * and value, backslash escapes (`\t`, `\n`, `\uXXXX`, `\=`, ...) and line continuations.
 * Later keys win, as in java.util.Properties.
 */
export function parseProperties(text: string): Record<string, string> {
  const result: Record<string, string> = {};

  // A byte-order mark (Windows editors) would otherwise become part of the first key.
  for (const line of logicalLines(text.replace(/^\uFEFF/, ''))) {
    const { key, value } = splitKeyValue(line);
    result[unescape(key)] = unescape(value);
  }

  return result;
}

// Joins continued lines (odd number of trailing backslashes) and drops blanks and comments.
function* logicalLines(text: string): Generator<string> {
  const physical = text.split(/\r\n|\r|\n/);
  let pending: string | null = null;

  for (const raw of physical) {
    const line = raw.replace(/^[ \t\f]+/, '');

    if (pending === null && (!line || line.startsWith('#') || line.startsWith('!'))) {
      continue;
    }

    const joined: string = (pending ?? '') + line;

    if (endsWithContinuation(joined)) {
      pending = joined.slice(0, -1);
      continue;
    }

    pending = null;
    yield joined;
  }

  if (pending !== null && pending.trim()) {
    yield pending;
  }
}

function endsWithContinuation(line: string): boolean {
  const backslashes = /\\*$/.exec(line)![0].length;

  return backslashes % 2 === 1;
}

function splitKeyValue(line: string): { key: string; value: string } {
  let index = 0;

  while (index < line.length) {
    const char = line[index];

    if (char === '\\') {
      index += 2;
      continue;
    }

    if (char === '=' || char === ':' || char === ' ' || char === '\t' || char === '\f') {
      break;
    }

    index++;
  }

  const key = line.slice(0, index);
  let rest = line.slice(index).replace(/^[ \t\f]+/, '');

  if (rest.startsWith('=') || rest.startsWith(':')) {
    rest = rest.slice(1).replace(/^[ \t\f]+/, '');
  }

  return { key, value: rest };
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/gs, (_, escaped: string) => {
    if (escaped.length === 5) {
      return String.fromCharCode(parseInt(escaped.slice(1), 16));
    }

    return ESCAPES[escaped] ?? escaped;
  });
}

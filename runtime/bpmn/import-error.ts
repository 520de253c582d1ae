/**
 * moddle's parse messages span several lines with 0-based positions
 * (`unparsable content <foo detected\n\tline: 0\n\tcolumn: 4\n\tnested error: unclosed tag`);
 * people want one line with the position as an editor shows it.
 */
export function describeImportError(message: string): string {
  const [ first ] = message.split('\n');
  const line = /\bline: (\d+)/.exec(message);
  const column = /\bcolumn: (\d+)/.exec(message);
  const nested = /nested error: (.*)/.exec(message);

  const summary = quoteContent(first.trim());
  const parts = [ summary ];

  if (nested) {
    parts[0] = `${nested[1].trim()} (${summary})`;
  }

  if (line && column) {
    parts.push(`at line ${Number(line[1]) + 1}, column ${Number(column[1]) + 1}`);
  }

  return parts.join(' ');
}

// moddle quotes everything up to the next `<`: a whole text file, or binary bytes that
// would garble a terminal. A short, printable excerpt is enough to recognise the spot.
const CONTENT_EXCERPT_CHARS = 40;
const UNPARSABLE = /^unparsable content ([\s\S]*) detected$/;

function quoteContent(text: string): string {
  const match = UNPARSABLE.exec(text);

  if (!match) {
    return text;
  }

  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const printable = match[1].replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ').replace(/\s+/g, ' ').trim();
  const excerpt = printable.length > CONTENT_EXCERPT_CHARS ? `${printable.slice(0, CONTENT_EXCERPT_CHARS)}…` : printable;

  return `unparsable content ${excerpt} detected`;
}

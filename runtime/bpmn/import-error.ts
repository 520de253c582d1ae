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

  const parts = [ first.trim() ];

  if (nested) {
    parts[0] = `${nested[1].trim()} (${first.trim()})`;
  }

  if (line && column) {
    parts.push(`at line ${Number(line[1]) + 1}, column ${Number(column[1]) + 1}`);
  }

  return parts.join(' ');
}

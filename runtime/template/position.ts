/** Line and column (both 1-based) of a UTF-16 offset, for messages read outside an editor. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);

  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }

  return { line, column: end - lineStart + 1 };
}

/** ` (line 3, column 14)` for `offset`. */
export function describeOffset(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);

  return ` (line ${line}, column ${column})`;
}

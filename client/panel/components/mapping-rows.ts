import { parseTemplate } from '../../../runtime/template';

/** One row of a mapping list: key (variable or status) → value (path or error code). */
export interface MappingRow {
  key: string;
  value: string;
}

/**
 * Rows of a stored mapping text, or the reason there are none. A text that is not a JSON
 * object of strings yields no rows: editing the list then replaces it.
 */
export function parseMappingRows(text: string): { rows: MappingRow[]; problem?: string } {
  try {
    const value: unknown = JSON.parse(text);

    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const mapping = value as Record<string, unknown>;

      return {
        rows: keysInTextOrder(text, mapping).map(key => ({
          key,
          value: typeof mapping[key] === 'string' ? mapping[key] as string : JSON.stringify(mapping[key])
        }))
      };
    }
  } catch {

    // reported below, like any other shape that is not an object
  }

  return { rows: [], problem: 'The stored mapping is not a JSON object; the rows you enter here will replace it.' };
}

/**
 * The object's keys in the order the text has them. JSON.parse puts integer-like keys
 * first in ascending order, which would shuffle an error mapping's statuses.
 */
function keysInTextOrder(text: string, mapping: Record<string, unknown>): string[] {
  const { root } = parseTemplate(text);
  const written = root?.kind === 'object'
    ? root.members.map(member => member.key.literal).filter((key): key is string => key !== null && key in mapping)
    : [];

  return [ ...new Set([ ...written, ...Object.keys(mapping) ]) ];
}

/**
 * The mapping as stored: a JSON object in the rows' order, laid out like the defaults
 * new tasks get (two-space indent). Blank rows are left out.
 */
export function formatMappingRows(rows: readonly MappingRow[]): string {
  const filled = rows.filter(row => !isBlank(row));

  if (!filled.length) {
    return '{}';
  }

  const lines = filled.map(row => `  ${JSON.stringify(row.key)}: ${JSON.stringify(row.value)}`);

  return `{\n${lines.join(',\n')}\n}`;
}

/** A problem of one row of a mapping list; `index` is the row's position (0-based). */
export interface RowProblem {
  index: number;
  message: string;
}

/**
 * Problems a JSON object cannot show once written: a half-filled row and a key used
 * twice (JSON.parse would silently keep the last).
 */
export function rowProblems(rows: readonly MappingRow[], names: { key: string; value: string }): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Set<string>();

  rows.forEach((row, index) => {
    if (isBlank(row)) {
      return;
    }

    const where = `Row ${index + 1}`;

    if (!row.key.trim()) {
      problems.push({ index, message: `${where}: the ${names.key} is empty.` });
    } else if (seen.has(row.key)) {
      problems.push({ index, message: `${where}: ${row.key} is already mapped above.` });
    }

    if (!row.value.trim()) {
      problems.push({ index, message: `${where}: the ${names.value} is empty.` });
    }

    seen.add(row.key);
  });

  return problems;
}

function isBlank(row: MappingRow): boolean {
  return !row.key.trim() && !row.value.trim();
}

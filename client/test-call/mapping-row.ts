import { DEFAULT_RESPONSE_MAPPING } from '../../runtime/config';
import { formatMappingRows, parseMappingRows } from '../panel/components/mapping-rows';

/**
 * The response mapping text with `variable → path` added (or its path replaced when the
 * variable is mapped already), laid out as the panel's mapping list writes it. A task
 * without a mapping starts from the default one the runtime would use.
 */
export function withMappingRow(stored: string | undefined, variable: string, path: string): string {
  const rows = stored === undefined
    ? Object.entries(DEFAULT_RESPONSE_MAPPING).map(([ key, value ]) => ({ key, value }))
    : parseMappingRows(stored).rows;
  const existing = rows.findIndex(row => row.key === variable);

  if (existing === -1) {
    return formatMappingRows([ ...rows, { key: variable, value: path } ]);
  }

  return formatMappingRows(rows.map((row, index) => (index === existing ? { key: variable, value: path } : row)));
}

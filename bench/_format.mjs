// How a bench target is written, shared by bench/_measure.ts (each bench's TARGET line) and
// scripts/bench.mjs (the summary table and the README's), which runs without a TypeScript loader.

/** A value in its unit: `1.04×`, `104.2 KB`, `3.10 s`, `0.82 ms`, `78%`. */
export function formatValue(value, unit) {
  switch (unit) {
  case '×':
    return `${value.toFixed(2)}×`;
  case '%':
    return `${value.toFixed(0)}%`;
  case 'KB':
    return `${value.toFixed(1)} KB`;
  default:
    return `${value.toFixed(2)} ${unit}`;
  }
}

/** The target as the issue writes it: `≤ 1.05×`, `< 110 KB`, `≥ 70%`. */
export function formatLimit({ kind, limit, unit }) {
  const sign = kind === 'max' ? '≤' : kind === 'below' ? '<' : '≥';

  return `${sign} ${unit === '×' ? `${limit.toFixed(2)}×` : unit === '%' ? `${limit}%` : `${limit} ${unit}`}`;
}

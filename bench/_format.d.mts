export type Unit = '×' | 'KB' | 's' | 'ms' | '%';
export type Kind = 'max' | 'below' | 'min';
export function formatValue(value: number, unit: Unit): string;
export function formatLimit(target: { kind: Kind; limit: number; unit: Unit }): string;

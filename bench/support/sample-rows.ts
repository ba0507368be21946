/**
 * Filled-in rows of an activity plan for the validation benches: every column holds a value of
 * its type, varied by row, so that a check reads what a real plan's rows hold.
 */
import { cellColumns } from '../../shared/schema/index.js';
import type { CellColumn, CellValue, RowValues } from '../../shared/schema/types.js';

/**
 * A value of cell column `col` for row number `i` (0 and up): an option's tick on every third row,
 * an enum's options in turn, numbers from the column's minimum, dates and periods of 2026, and
 * text of about 50 characters for the rest. Never null but for an enum without options.
 */
export function sampleValue(col: CellColumn, i: number): CellValue {
  if (col.option) return i % 3 === 0;
  const c = col.column;
  switch (c.type) {
    case 'enum':
      return c.options?.[i % c.options.length]?.value ?? null;
    case 'integer':
    case 'number':
      return typeof c.min === 'number' ? c.min + (i % 50) : i % 50;
    case 'boolean':
      return i % 2 === 0;
    case 'date':
      return `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    case 'period':
      return `2026Q${1 + (i % 4)}`;
    case 'email':
      return `samordnare${i % 15}@vardcentral.se`;
    case 'phone':
      return '070-123 45 67';
    default:
      return `${c.header.sv} ${i % 97}: promenadgrupp för nyanlända i Rinkeby`;
  }
}

/** `n` full rows of an activity plan, the values of rows `from` to `from + n - 1` ({@link sampleValue}). */
export function sampleRows(n: number, from = 0): RowValues[] {
  const cols = cellColumns('activity-plan');
  return Array.from({ length: n }, (_, i) => Object.fromEntries(cols.map((c) => [c.key, sampleValue(c, from + i)])));
}

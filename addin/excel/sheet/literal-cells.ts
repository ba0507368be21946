/**
 * Text written into Excel stays the text it is. Excel reads a value written to a cell as if it
 * were typed: `=1+1` becomes a formula (so a text someone stored, `=WEBSERVICE(…)` say, would run
 * in every workbook the document is open in), `'citat'` loses its first quote, `2025-03-01` a date
 * serial, `007` the number 7, `TRUE`/`SANT` a boolean. Read back, the cell then differs from the
 * document, and reopening the pane took the difference for a local edit and wrote `#NAME?`,
 * `citat'`, `45717` or `7` over everyone's text. A leading apostrophe (Excel's quote prefix, not
 * part of the value: reading the cell gives the text without it) keeps such a text as written.
 *
 * Cells formatted as text (`@`) keep any text already and are written as they are.
 */
import type { TableLayout } from './layout.js';
import { isFreeText, numberFormatOf } from './layout.js';

/** A value the binding writes into a cell. */
export type CellInput = string | number | boolean;

/**
 * Texts Excel could read as something else: a formula or quote prefix first (`=`, `+`, `-`, `@`,
 * `'`), any digit (numbers, dates, times, percentages in every locale's spelling) or a boolean in
 * English or Swedish Excel.
 */
const CONVERTIBLE = /^[=+\-@']|\d|^\s*(?:true|false|sant|falskt)\s*$/i;

/** `value` as written to a cell of number format `format`: a text Excel would convert gets the quote prefix. */
export function literalInput(value: CellInput, format: string): CellInput {
  if (typeof value !== 'string' || format === '@' || !CONVERTIBLE.test(value)) return value;
  return `'${value}`;
}

/**
 * The number format of each table column by index (0 the hidden id column, then the layout's
 * columns, then the person's own columns, which are `General`). A free-text column counts as
 * `General` until its cells are known to be `@` (`layout.textFormatted`): in a workbook made
 * before such columns were text, a stored `=1+1` written without the prefix would run.
 */
export function formatAt(layout: TableLayout, col: number): string {
  const column = col >= 1 ? layout.columns[col - 1] : undefined;
  if (!column) return 'General';
  if (!layout.textFormatted && isFreeText(column)) return 'General';
  return numberFormatOf(column);
}

/**
 * Rows of values for a rectangle whose first column is table column `col0`, each text that Excel
 * would convert given the quote prefix ({@link literalInput}). Returns the rows unchanged (same
 * arrays) when nothing needs it, the common case.
 */
export function literalRows(layout: TableLayout, col0: number, rows: CellInput[][]): CellInput[][] {
  let out: CellInput[][] | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[c]!;
      if (typeof v !== 'string' || !CONVERTIBLE.test(v)) continue;
      const written = literalInput(v, formatAt(layout, col0 + c));
      if (written === v) continue;
      out ??= rows.map((x) => x.slice());
      out[r]![c] = written;
    }
  }
  return out ?? rows;
}

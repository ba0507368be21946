/**
 * Formulas in Samplan's columns. A manager who types `=SAMPLAN.INDICATOR(…)` (or any formula) into
 * a cell of a bound table sees its result, and the result is all `Range.values` gives: read as if
 * typed, it went to everyone as data — over the value a colleague had stored, and again with each
 * new result whenever the row was read, though nobody typed it. A formula is the person's own
 * calculation, not a value for the shared plan: it stays in their sheet, nothing of it is sent,
 * and Problems says so on the cell (`apply.ts`). The person's own columns right of Samplan's are
 * theirs, formulas and all, and are not looked at.
 *
 * The reads find formula cells with `Range.getSpecialCellsOrNullObject('Formulas')` (ExcelApi 1.9,
 * the manifest's minimum): only their addresses come back, a few bytes, not every cell's formula
 * (`Range.formulas` would double each read, and gives a text typed as `'=1+1` as the formula
 * `=1+1`). Asked of one cell Excel searches the whole sheet instead, so the range asked always
 * spans the id column too (two cells at least), whose formulas are ignored.
 */
import type { TableLayout } from './layout.js';

/** A rectangle of sheet cells, zero-based. */
export interface CellRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Zero-based column of `A`…`XFD`. */
function columnOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * The rectangles of a `RangeAreas` address (`Plan!E2:E5, Plan!G3`, `'Plan, 2026'!B2`): areas split
 * at commas outside a quoted sheet name, each area's sheet name dropped. An area that is no cell
 * rectangle (`E:E`, `3:4`) is left out.
 */
export function areaRects(address: string): CellRect[] {
  const areas: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      areas.push(current);
      current = '';
    } else current += ch;
  }
  areas.push(current);
  const out: CellRect[] = [];
  for (const area of areas) {
    const local = area.slice(area.lastIndexOf('!') + 1).trim().replace(/\$/g, '');
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(local);
    if (!m) continue;
    const [c0, r0] = [columnOf(m[1] as string), Number(m[2]) - 1];
    const [c1, r1] = m[3] ? [columnOf(m[3]), Number(m[4]) - 1] : [c0, r0];
    out.push({ row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 });
  }
  return out;
}

/** Per row read (index from the first row asked): the sheet columns of Samplan's columns holding a formula. */
export type FormulaCells = (ReadonlySet<number> | undefined)[];

/**
 * Queues, in the request that reads sheet rows `row..row+rows-1`, the search for formulas in
 * Samplan's columns there (sheet columns 1…, the table at column A as the binding lays it out).
 * Returns how to read the result after the sync.
 */
export function queueFormulaCells(sheet: Excel.Worksheet, layout: TableLayout, row: number, rows: number): () => FormulaCells {
  // From the id column: never one cell, which Excel would take as the whole sheet.
  const areas = sheet.getRangeByIndexes(row, 0, rows, layout.columns.length + 1).getSpecialCellsOrNullObject('Formulas').load('address');
  return () => {
    const out: FormulaCells = [];
    if (areas.isNullObject) return out;
    for (const rect of areaRects(areas.address)) {
      for (let r = Math.max(rect.row, row); r < Math.min(rect.row + rect.rows, row + rows); r++) {
        for (let c = Math.max(rect.col, 1); c < Math.min(rect.col + rect.cols, layout.columns.length + 1); c++) {
          const cols = (out[r - row] as Set<number> | undefined) ?? new Set<number>();
          cols.add(c);
          out[r - row] = cols;
        }
      }
    }
    return out;
  };
}

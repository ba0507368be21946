/**
 * Adopting the person's table in place: their sheet's used range is read, a copy of it goes to
 * a sheet "<name> (original)" (nothing is ever lost), the rows the plan takes go into the new
 * document, and the same sheet is rewritten as Samplan's table (hidden id column, Samplan's
 * columns in order, the person's own columns at the right with their values) and bound. Cells
 * that could not be taken keep what was typed and show as problems, as in any bound table.
 */
import type * as Y from 'yjs';
import { insertRows, newRowId } from '../../../shared/doc/index.js';
import { cutText } from '../../../shared/validate/cut-text.js';
import { validationList } from '../../../shared/schema/excel.js';
import { bindTable } from '../bind-table.js';
import { toExcel } from '../sheet/cell-values.js';
import { createTable } from '../sheet/excel-io.js';
import { areaRects } from '../sheet/formula-cells.js';
import { quietRequest } from '../sheet/quiet-request.js';
import { dropdownLists, periodListFor, periodsNow, refListFor } from '../sheet/list-sheet.js';
import { layoutFor, type TableLayout } from '../sheet/layout.js';
import { encodeSnapshot, rowHashes, snapshotKey } from '../sheet/snapshot.js';
import type { BindOptions, ExcelRun, SyncCounter, TableBinding } from '../sheet/types.js';
import type { AdoptionPlan, Grid } from './plan.js';

/** Reads the values of a sheet's used range (one sync); an empty sheet gives no rows. */
export async function readUsedRange(run: ExcelRun, sheetName: string): Promise<Grid> {
  return run(async (context) => {
    const used = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
    used.load('values');
    await context.sync();
    return used.isNullObject ? [] : (used.values as unknown[][]);
  });
}

/** The name of the copy of an adopted sheet (Excel allows 31 characters; the cut makes no identity number). */
export function originalSheetName(sheetName: string): string {
  const suffix = ' (original)';
  return `${cutText(sheetName, 31 - suffix.length) || 'Samplan'}${suffix}`;
}

/** What an adoption made. */
export interface Adopted {
  binding: TableBinding;
  /** Row ids of the taken rows, in the plan's order. */
  ids: string[];
  /** The sheet holding the copy of the original. */
  originalSheet: string;
}

/**
 * Adopts `plan` (made from `grid`, the used range of `sheetName`) into `doc`, an empty document
 * of the plan's kind that the caller created and connected, and binds the rewritten sheet.
 * Throws what Excel throws (the copy is made first, so a failure later loses nothing). The rows go
 * into `doc` only once the sheet holds the table: an Excel failure before leaves `doc` untouched,
 * so the caller can take back a document it made for nothing (`adopt-flow.ts`).
 */
export async function adoptInPlace(run: ExcelRun, doc: Y.Doc, plan: AdoptionPlan, grid: Grid, options: BindOptions & { sheetName: string }): Promise<Adopted> {
  const layout = layoutFor(plan.kind, options.docId, options.lang, options.sheetName, options.refLists);
  const originalSheet = originalSheetName(layout.sheetName);
  await copyAndClear(run, layout.sheetName, originalSheet, grid);
  const ids = plan.rows.map(() => newRowId());
  const rows = plan.rows.map((row, i) => [ids[i] as string, ...samplanCells(layout, plan, grid, i), ...row.extra.map(asCell)]);
  const hashes = new Map(plan.rows.map((row, i) => [ids[i] as string, rowHashes(layout.columns, row.values)] as const));
  const extra = plan.extraColumns.map((c, i) => plan.header.headers[c] || `${options.lang === 'sv' ? 'Egen kolumn' : 'Own column'} ${i + 1}`);
  const periods = [...periodsNow(options.periods), ...plan.rows.map((r) => r.values.period)];
  const lists = dropdownLists(layout, (k) => validationList(plan.kind, k, options.lang) ?? refListFor(layout, k) ?? periodListFor(layout, k, periods));
  const counter: SyncCounter = { syncs: 0 };
  await createTable(run, layout, { sheetExists: true, rows, lists, readOnly: false, settings: [[snapshotKey(options.docId), encodeSnapshot(layout.columns, hashes)]], extra }, counter);
  if (plan.rows.length > 0) insertRows(doc, plan.rows.map((r) => r.values), { ids });
  const binding = await bindTable(run, doc, plan.kind, options);
  return { binding, ids, originalSheet };
}

/**
 * Copies the used range to a new sheet, each cell where it was (text cells formatted `@` so `0180`
 * stays text), the person's formulas as formulas (a total row's sum, a formula of their own: the
 * copy is their sheet as it was, not its values of the day), then empties the original sheet.
 * Only a cell Excel finds a formula in is written as one: a text that starts with `=` stays text.
 * When the used range is no longer the one `grid` was read from (changed since), `grid`'s values
 * are copied from A1, as they are.
 */
async function copyAndClear(run: ExcelRun, sheetName: string, copyName: string, grid: Grid): Promise<void> {
  const width = Math.max(1, ...grid.map((r) => r.length));
  const values = grid.map((r) => Array.from({ length: width }, (_, c) => asCell(r[c])));
  await quietRequest(run, async (context, quietSync) => {
    const sheets = context.workbook.worksheets;
    const existing = sheets.getItemOrNullObject(copyName);
    const sheet = sheets.getItem(sheetName);
    const used = sheet.getUsedRangeOrNullObject(true).load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    const formulaAreas = sheet.getUsedRangeOrNullObject(true).getSpecialCellsOrNullObject('Formulas').load('address');
    await context.sync();
    const same = !used.isNullObject && used.rowCount === values.length && used.columnCount === width;
    const at = same ? { row: used.rowIndex, col: used.columnIndex } : { row: 0, col: 0 };
    // Only the formula cells' formulas are read (one sync more when there are any), not every cell's.
    const rects = same && !formulaAreas.isNullObject ? areaRects(formulaAreas.address) : [];
    const loaded = rects.map((rect) => ({ rect, range: sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols).load('formulas') }));
    if (loaded.length > 0) await context.sync();
    const formulas = new Map<string, string>();
    for (const { rect, range } of loaded) range.formulas.forEach((row, r) => row.forEach((f, c) => formulas.set(`${rect.row + r - at.row},${rect.col + c - at.col}`, String(f))));
    const cells = values.map((r, i) => r.map((v, c) => formulas.get(`${i},${c}`) ?? v));
    const tables = await quietSync(() => {
      const copy = existing.isNullObject ? sheets.add(copyName) : existing;
      if (values.length > 0) {
        const target = copy.getRangeByIndexes(at.row, at.col, values.length, width);
        target.numberFormat = values.map((r, i) => r.map((v, c) => (typeof v === 'string' && !formulas.has(`${i},${c}`) ? '@' : 'General')));
        target.formulas = cells;
      }
      return sheet.tables.load('items/name');
    });
    await quietSync(() => {
      for (const table of tables.items) table.delete();
      if (values.length > 0) sheet.getUsedRange(false).clear();
    });
  });
}

/** The Samplan cells of taken row `i`: the doc value as the binding writes it, or what was typed where it could not be taken. */
function samplanCells(layout: TableLayout, plan: AdoptionPlan, grid: Grid, i: number): (string | number | boolean)[] {
  const row = plan.rows[i]!;
  return layout.columns.map((c) => {
    const refused = row.problems.some((p) => p.column === c.key && p.severity === 'error' && row.values[c.key] === undefined && p.code !== 'required');
    if (!refused) return toExcel(c, row.values[c.key], layout.lang, layout.refLists);
    const source = plan.header.mapping.indexOf(c.key);
    return asCell(grid[row.source]?.[source]);
  });
}

function asCell(v: unknown): string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : '';
}

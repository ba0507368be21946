/**
 * Changes to a pulled table made in place, without building the table again: when only non-key
 * cells of some values rows changed (a numerator, a status), each of those rows is asked what it
 * shows now; when a unit or an indicator was renamed, the rows of that unit or indicator get their
 * name cell anew. Only cells that differ are written. Building and diffing a 12,000-row table
 * costs tens of milliseconds; this costs a few map lookups per changed row and one pass over the
 * shown rows per rename.
 */
import type { IndicatorFilter, IndicatorTable } from '../../shared/indicators/table.js';
import { planBlocks } from '../excel/sheet/write-plan.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { rowCells, rowKey, type Cell, type PulledLabels } from './pulled-layout.js';
import type { ShownRow, TableDiff } from './table-diff.js';

/** What the sheet shows, with an index by row key built when first needed (null: not yet). */
export interface Shown {
  rows: ShownRow[];
  /** Row key → body index; `false` when keys repeat (an unvalidated table with duplicates). */
  index: Map<string, number> | false | null;
}

/** Body row → columns to write; filled by the functions below, written by {@link dirtyDiff}. */
export type Dirty = Map<number, number[]>;

function indexOf(shown: Shown): Map<string, number> | false {
  if (shown.index === null) {
    const index = new Map(shown.rows.map((r, i) => [r.key, i]));
    shown.index = index.size === shown.rows.length ? index : false;
  }
  return shown.index;
}

function changedCols(before: readonly Cell[], after: readonly Cell[]): number[] {
  const cols: number[] = [];
  for (let c = 0; c < after.length; c++) if (!Object.is(before[c], after[c])) cols.push(c);
  return cols;
}

function mark(dirty: Dirty, at: number, cols: readonly number[]): void {
  if (cols.length === 0) return;
  const now = dirty.get(at);
  if (now) now.push(...cols);
  else dirty.set(at, [...cols]);
}

/**
 * Brings the changed `rows` (values row ids) up to date in `shown` and `table`, marking the cells
 * that differ in `dirty`; false when the change cannot be made in place (a row appears, is left
 * out, or the source cannot answer per row): then the table is built anew, and nothing was
 * changed.
 */
export function patchRows(
  source: IndicatorTableSource,
  filter: IndicatorFilter,
  labels: PulledLabels,
  table: IndicatorTable,
  shown: Shown,
  rows: ReadonlySet<string>,
  dirty: Dirty,
): boolean {
  if (rows.size === 0) return true;
  if (!source.rowNow) return false;
  const index = indexOf(shown);
  if (index === false) return false;
  const updates: { at: number; row: IndicatorTable['rows'][number]; cells: Cell[] }[] = [];
  for (const id of rows) {
    const now = source.rowNow(id, filter);
    if (now === 'filtered-out') continue;
    if (now === 'not-shown') return false;
    const at = index.get(rowKey(now));
    if (at === undefined) return false;
    updates.push({ at, row: now, cells: rowCells(now, labels) });
  }
  for (const u of updates) {
    const before = shown.rows[u.at] as ShownRow;
    mark(dirty, u.at, changedCols(before.cells, u.cells));
    shown.rows[u.at] = { key: before.key, cells: u.cells };
    table.rows[u.at] = u.row;
  }
  return true;
}

/** Units and indicators whose names changed, by code and id. */
export interface Renamed {
  units: ReadonlySet<string>;
  /** Indicator id → its catalog name now (null: the catalog has none). */
  indicators: ReadonlyMap<string, string | null>;
}

/**
 * Gives the rows of renamed units and indicators their names as `labels` and the catalog say now,
 * in `shown` and `table`, marking the cells that differ in `dirty`. One pass over the shown rows.
 */
export function relabelRows(table: IndicatorTable, shown: Shown, labels: PulledLabels, renamed: Renamed, dirty: Dirty): void {
  if (renamed.units.size === 0 && renamed.indicators.size === 0) return;
  for (let at = 0; at < table.rows.length; at++) {
    let row = table.rows[at] as IndicatorTable['rows'][number];
    const named = renamed.indicators.get(row.indicator);
    if (named === undefined && !renamed.units.has(row.unit)) continue;
    if (named !== undefined) row = table.rows[at] = { ...row, name: named ?? row.indicator };
    const cells = rowCells(row, labels);
    const before = shown.rows[at] as ShownRow;
    mark(dirty, at, changedCols(before.cells, cells));
    shown.rows[at] = { key: before.key, cells };
  }
}

/** The table edit that writes the `dirty` cells of `shown` (no rows added or deleted). */
export function dirtyDiff(shown: Shown, dirty: Dirty): TableDiff {
  let cellsWritten = 0;
  for (const cols of dirty.values()) cellsWritten += new Set(cols).size;
  const blocks = planBlocks(dirty, (row, col) => shown.rows[row]?.cells[col] ?? '');
  return { deletes: [], inserts: [], blocks, cellsWritten };
}

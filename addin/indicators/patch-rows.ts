/**
 * One remote change in a pulled table, without building the table again: when only non-key cells
 * of some values rows changed (a numerator, a status), each of those rows is asked what it shows
 * now and only its cells that differ are written. Building and diffing a 12,000-row table costs
 * tens of milliseconds; this costs a few map lookups per changed row.
 */
import type { IndicatorFilter, IndicatorTable } from '../../shared/indicators/table.js';
import { planBlocks } from '../excel/sheet/write-plan.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { rowCells, rowKey, type Cell, type Lang } from './pulled-layout.js';
import type { ShownRow, TableDiff } from './table-diff.js';

/** What the sheet shows, with an index by row key built when first needed (null: not yet). */
export interface Shown {
  rows: ShownRow[];
  /** Row key → body index; `false` when keys repeat (an unvalidated table with duplicates). */
  index: Map<string, number> | false | null;
}

function indexOf(shown: Shown): Map<string, number> | false {
  if (shown.index === null) {
    const index = new Map(shown.rows.map((r, i) => [r.key, i]));
    shown.index = index.size === shown.rows.length ? index : false;
  }
  return shown.index;
}

/**
 * The diff that brings the changed `rows` (values row ids) up to date in place, applied to
 * `shown` and `table` as well; null when the change cannot be made in place (a row appears, is
 * left out, or the source cannot answer per row): then the table is built anew.
 */
export function patchRows(
  source: IndicatorTableSource,
  filter: IndicatorFilter,
  lang: Lang,
  table: IndicatorTable,
  shown: Shown,
  rows: ReadonlySet<string>,
): { diff: TableDiff } | null {
  if (!source.rowNow) return null;
  const index = indexOf(shown);
  if (index === false) return null;
  const updates: { at: number; row: IndicatorTable['rows'][number]; cells: Cell[]; cols: number[] }[] = [];
  for (const id of rows) {
    const now = source.rowNow(id, filter);
    if (now === 'filtered-out') continue;
    if (now === 'not-shown') return null;
    const at = index.get(rowKey(now));
    if (at === undefined) return null;
    const cells = rowCells(now, lang);
    const before = (shown.rows[at] as ShownRow).cells;
    const cols: number[] = [];
    for (let c = 0; c < cells.length; c++) if (!Object.is(before[c], cells[c])) cols.push(c);
    updates.push({ at, row: now, cells, cols });
  }
  const dirty = new Map<number, number[]>();
  let cellsWritten = 0;
  for (const u of updates) {
    shown.rows[u.at] = { key: (shown.rows[u.at] as ShownRow).key, cells: u.cells };
    table.rows[u.at] = u.row;
    if (u.cols.length === 0) continue;
    dirty.set(u.at, u.cols);
    cellsWritten += u.cols.length;
  }
  const blocks = planBlocks(dirty, (row, col) => shown.rows[row]?.cells[col] ?? '');
  return { diff: { deletes: [], inserts: [], blocks, cellsWritten } };
}

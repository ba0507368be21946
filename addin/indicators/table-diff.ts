/**
 * From what the sheet shows to what it should show, as few table edits as possible: rows that
 * disappeared are deleted, rows that appeared are inserted where they belong, and of the rows kept
 * only the cells that changed are rewritten. Pure: no Excel.
 */
import { planBlocks, type Block } from '../excel/sheet/write-plan.js';
import type { Cell } from './pulled-layout.js';

/** A row as shown: its identity and its cells. */
export interface ShownRow {
  key: string;
  cells: readonly Cell[];
}

/** The edits, in body coordinates. Apply in this order: deletes, inserts, blocks. */
export interface TableDiff {
  /** Body rows to delete, highest first. */
  deletes: number[];
  /** Blank rows to insert, lowest first; `at` is the final index of the run's first row. */
  inserts: { at: number; count: number }[];
  /** Cell writes in final body coordinates (inserted rows are written here too). */
  blocks: Block[];
  /** Cells written, for the status line and tests. */
  cellsWritten: number;
}

/** The keys of a list, made unique by counting repeats (`k`, `k#2`, …). */
function uniqueKeys(rows: readonly ShownRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.key) ?? 0) + 1;
    seen.set(r.key, n);
    return n === 1 ? r.key : `${r.key}#${n}`;
  });
}

function changedColumns(before: readonly Cell[] | undefined, after: readonly Cell[]): number[] {
  const cols: number[] = [];
  for (let c = 0; c < after.length; c++) if (!before || !Object.is(before[c], after[c])) cols.push(c);
  return cols;
}

function finish(deletes: number[], inserts: TableDiff['inserts'], dirty: Map<number, number[]>, next: readonly ShownRow[], blankWidth: number): TableDiff {
  const valueAt = (row: number, col: number): string | number => next[row]?.cells[col] ?? '';
  let cellsWritten = 0;
  for (const cols of dirty.values()) cellsWritten += cols.length;
  // An empty table keeps one blank body row (Excel needs it): blank it instead of deleting it.
  const blocks = next.length === 0 && dirty.size > 0 ? [{ row: 0, col: 0, values: [new Array<string>(blankWidth).fill('')] }] : planBlocks(dirty, valueAt);
  return { deletes: deletes.sort((a, b) => b - a), inserts, blocks, cellsWritten };
}

/**
 * The edits that turn `shown` into `next`. Rows are matched by key; when the kept rows are not in
 * the same order on both sides (which sorted tables never do), rows are matched by position.
 * An empty table is one blank body row in Excel: `shown` empty means that row is there.
 */
export function diffTable(shown: readonly ShownRow[], next: readonly ShownRow[], width: number): TableDiff {
  if (next.length === 0) {
    const deletes = shown.map((_, i) => i).filter((i) => i > 0);
    const dirty = new Map<number, number[]>();
    if (shown.length > 0) dirty.set(0, Array.from({ length: width }, (_, c) => c));
    return finish(deletes, [], dirty, next, width);
  }
  if (shown.length === 0) {
    // Adding at 0 fills the blank row first, so `next.length` rows result.
    const dirty = new Map<number, number[]>(next.map((r, i) => [i, changedColumns(undefined, r.cells)]));
    return finish([], [{ at: 0, count: next.length }], dirty, next, width);
  }
  const oldKeys = uniqueKeys(shown);
  const newKeys = uniqueKeys(next);
  const oldIndex = new Map(oldKeys.map((k, i) => [k, i]));
  const match: (number | undefined)[] = newKeys.map((k) => oldIndex.get(k));
  let last = -1;
  let ordered = true;
  for (const j of match) {
    if (j === undefined) continue;
    if (j < last) ordered = false;
    last = j;
  }
  const kept = new Set(match.filter((j): j is number => j !== undefined));
  // Deleting every row would leave Excel a table without a body; rewrite in place instead.
  if (!ordered || kept.size === 0) return positional(shown, next, width);
  const deletes = shown.map((_, i) => i).filter((i) => !kept.has(i));
  const inserts: TableDiff['inserts'] = [];
  const dirty = new Map<number, number[]>();
  match.forEach((j, i) => {
    const cols = changedColumns(j === undefined ? undefined : shown[j]?.cells, (next[i] as ShownRow).cells);
    if (cols.length > 0) dirty.set(i, cols);
    if (j !== undefined) return;
    const run = inserts[inserts.length - 1];
    if (run && run.at + run.count === i) run.count++;
    else inserts.push({ at: i, count: 1 });
  });
  return finish(deletes, inserts, dirty, next, width);
}

function positional(shown: readonly ShownRow[], next: readonly ShownRow[], width: number): TableDiff {
  const deletes: number[] = [];
  for (let i = next.length; i < shown.length; i++) deletes.push(i);
  const inserts = next.length > shown.length ? [{ at: shown.length, count: next.length - shown.length }] : [];
  const dirty = new Map<number, number[]>();
  next.forEach((r, i) => {
    const cols = changedColumns(shown[i]?.cells, r.cells);
    if (cols.length > 0) dirty.set(i, cols);
  });
  return finish(deletes, inserts, dirty, next, width);
}

/**
 * Local → doc: rows read from the workbook become cell writes in one doc transaction (several, each under
 * the frame limit, when the change is that large), each row read by `readRow` (`read-row.ts`). Only cells whose normalised value differs from the doc are written. One rule for every refused cell
 * (a value that does not normalise, that the privacy guard refuses, a percent sign where the
 * number is no percentage, or a formula, whose result nobody typed: `formula-cells.ts`): nothing of it is sent, the cell keeps what was typed as Excel shows it
 * (a percentage Excel made a number of keeps its percent format, so it still reads `12,5 %`), it
 * gets the problem fill, and Problems says why on that cell; the person corrects it in place.
 * Only an edit of a row the person may not change is put back from the doc, its text named in
 * Problems (`row-locks.ts`, `conflict.ts` `putBackNamed`). Choosing an activity type on a row without goals
 * fills in Table 1's goals for it (`shared/catalog/goal-suggestion.ts`), noted in Problems. A new row
 * holding nothing the document can take (only formulas or refused values) makes no empty shared row:
 * it is held in the sheet under an id of its own, its note in Problems saying why (`held-rows.ts`).
 */
import type * as Y from 'yjs';
import { deleteRows, getRow, insertRows, setCells } from '../../../shared/doc/index.js';
import { ACTIVITY_TYPES } from '../../../shared/catalog/activity-types.js';
import { GOAL_KEYS, suggestGoals } from '../../../shared/catalog/goal-suggestion.js';
import { localized } from '../../../shared/i18n/t.js';
import type { CellValue, RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey, cellProblemKey, sameValue, toExcel } from '../sheet/cell-values.js';
import { chunksBySize, rawRowUpdateBytes } from '../sheet/bounded-transact.js';
import type { TableLayout } from '../sheet/layout.js';
import { cellHash } from '../sheet/snapshot.js';
import type { WaitingRef } from '../sheet/waiting-refs.js';
import { emptied, hasThread, keptForCommentsNote, unsharedNote } from './held-rows.js';
import { cellProblem, readRow, showsDoc, type ExcelRow, type ReadOptions, type ReadRow } from './read-row.js';

/** What {@link applyLocalRows} did, for the caller to mirror into Excel and Problems. */
export interface LocalApplyResult {
  /** Data-body index → id given to a new (or duplicated) row. */
  assigned: Map<number, string>;
  /** Data-body index → the row as it should read (canonical values, id), for rows to rewrite. */
  rewrites: Map<number, (string | number | boolean)[]>;
  /** Problems of cells that stayed as typed, keyed by {@link cellKey}. */
  problems: Map<string, Problem>;
  /** Cells whose value normalised fine (their old local problem, if any, is gone). */
  okCells: string[];
  /** Row ids whose doc row was written or created. */
  written: string[];
  /** Data-body index → sheet columns whose percent format goes back to the column's own. */
  formatResets: Map<number, number[]>;
  /** Reference cells not read, their list unknown yet (`sheet/waiting-refs.ts`), base: the doc's hash now. */
  waiting: WaitingRef[];
  /**
   * Ids of doc rows read empty of all the doc can take, with something in the sheet it cannot (a
   * formula, a refused value): taken out of the doc, held in the sheet again under their id.
   */
  unshared: string[];
}

/** Options of {@link applyLocalRows}. */
export interface ApplyOptions extends ReadOptions {
  origin: unknown;
  tableIds: readonly (string | null)[];
  newId: () => string;
  /** Sheet columns the change touched; cells of existing rows outside them are not compared. */
  columns?: ReadonlySet<number>;
  /** Cells whose doc value is still on its way into Excel: what Excel shows there is stale. */
  stale?: (rowId: string, column: string) => boolean;
  /** Most estimated update bytes of one transaction (default `TRANSACTION_BUDGET_BYTES`). */
  maxUpdateBytes?: number;
  /** Ids of held rows (`held-rows.ts`): a row read with one is new to the doc and keeps it. */
  keepIds?: ReadonlySet<string>;
  /**
   * Whether the binding keeps nothing about doc row `rowId` beside its values (no note in
   * Problems, no cell waiting for its list): a read of it that shows exactly the doc's values
   * (`showsDoc`) is then skipped, as there is nothing to write, note or forget. Absent: every
   * row is read. A sort or a row deleted reads the whole table; only the rows that differ cost.
   */
  quiet?: (rowId: string) => boolean;
}

/** A new row waiting to be inserted at the end of its transaction. */
interface PendingInsert {
  index: number;
  id: string;
  values: RowValues;
  after: string | null | undefined;
}

/** What the loop over the rows carries from one row to the next. */
interface ApplyState {
  readonly elsewhere: ReadonlySet<string>;
  readonly seen: Set<string>;
  readonly inserts: PendingInsert[];
  previousId: string | null | undefined;
  /** `showsDoc`'s memory of which column values read back as themselves. */
  readonly canonical: Map<string, boolean>;
}

/**
 * Applies `rows` to `doc` in transactions with `origin`: one, unless the rows' update would be
 * larger than `maxUpdateBytes`; then consecutive runs of rows, in table order, each its own
 * transaction under it (see `bounded-transact.ts`). `tableIds[i]` is the id the binding
 * believes sits at data-body row `i`: an id that is also on a row not re-read was pasted twice.
 */
export function applyLocalRows(doc: Y.Doc, layout: TableLayout, rows: readonly ExcelRow[], opts: ApplyOptions): LocalApplyResult {
  const result: LocalApplyResult = { assigned: new Map(), rewrites: new Map(), problems: new Map(), okCells: [], written: [], formatResets: new Map(), waiting: [], unshared: [] };
  const readIndexes = new Set(rows.map((r) => r.index));
  const elsewhere = new Set<string>();
  opts.tableIds.forEach((id, i) => {
    if (id && !readIndexes.has(i)) elsewhere.add(id);
  });
  const state: ApplyState = { elsewhere, seen: new Set(), inserts: [], previousId: undefined, canonical: new Map() };
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  for (const chunk of chunksBySize(sorted, (row) => rawRowUpdateBytes(layout, row.raw), opts.maxUpdateBytes)) {
    doc.transact(() => {
      for (const row of chunk) if (!unchanged(doc, layout, row, opts, state)) applyRow(doc, layout, row, opts, state, result);
      insertRuns(doc, state.inserts);
      result.written.push(...state.inserts.map((p) => p.id));
      state.inserts.length = 0;
    }, opts.origin);
  }
  return result;
}

/** Applies one row: a patch of an existing row, or a new row queued for insertion (blank rows are skipped). */
function applyRow(doc: Y.Doc, layout: TableLayout, row: ExcelRow, opts: ApplyOptions, state: ApplyState, result: LocalApplyResult): void {
  const rawId = typeof row.raw[0] === 'string' ? row.raw[0].trim() : '';
  const existing = rawId ? getRow(doc, rawId) : undefined;
  const read = readRow(layout, row, opts, existing?.values);
  const duplicate = read.rawId !== '' && (state.seen.has(read.rawId) || state.elsewhere.has(read.rawId));
  let id: string;
  if (existing && !duplicate) {
    id = existing.id;
    const suggested = suggestTable1Goals(layout, read, existing, opts);
    const patched = patchRow(doc, layout, existing, read.values, opts, suggested);
    if (patched) result.written.push(id);
    // The value that let a held row go taken back (Ctrl+Z): this edit left the row nothing the doc
    // can take, beside what it cannot. It is held again, as a new row is (`held-rows.ts`).
    const left = patched && read.anyValue && read.waiting.length === 0 && emptied(layout, getRow(doc, id)?.values ?? {});
    // A row with comments stays shared, said in words: taken out, its thread would go out of everyone's view.
    if (left && hasThread(doc, id)) result.problems.set(...keptForCommentsNote(opts.docId, layout, read, id));
    else if (left) {
      deleteRows(doc, [id]);
      result.problems.set(...unsharedNote(opts.docId, layout, read, id));
      result.unshared.push(id);
    }
  } else {
    if (!read.anyValue) {
      state.previousId = read.rawId || state.previousId;
      return;
    }
    suggestTable1Goals(layout, read, undefined, opts);
    id = !duplicate && opts.keepIds?.has(read.rawId) ? read.rawId : opts.newId();
    result.assigned.set(row.index, id);
    read.canonical[0] = id;
    read.needsRewrite = true;
    const compact: RowValues = {};
    for (const column of layout.columns) {
      const v: CellValue | undefined = read.values[column.key];
      if (v !== undefined && !sameValue(column, null, v)) compact[column.key] = v;
    }
    // (A reference cell waiting for its list is read into the row when the list arrives: that row is shared.)
    if (Object.keys(compact).length === 0 && read.waiting.length === 0) {
      // Nothing in the row the document can take (a formula, refused values): no empty shared
      // row. It stays in the sheet with its id, held (`held-rows.ts`), and is sent once it has a value.
      result.problems.set(...unsharedNote(opts.docId, layout, read, id));
    } else {
      const prev = state.inserts[state.inserts.length - 1];
      const after = prev && prev.index === row.index - 1 ? prev.id : state.previousId;
      state.inserts.push({ index: row.index, id, values: compact, after });
      state.previousId = id;
    }
  }
  if (existing && !duplicate) state.previousId = id;
  state.seen.add(id);
  // A cell may carry several notes (`12 mars 14:00`: the year assumed, the time dropped): each is kept.
  const perCell = new Map<string, number>();
  for (const [key, p] of read.problems) {
    const index = perCell.get(key) ?? 0;
    perCell.set(key, index + 1);
    result.problems.set(cellProblemKey(id, key, index), { ...p, rowId: id });
  }
  for (const key of read.okKeys) result.okCells.push(cellKey(id, key));
  const stored = existing && !duplicate ? existing.values : undefined;
  for (const key of read.waiting) {
    const i = layout.columns.findIndex((c) => c.key === key);
    const column = layout.columns[i];
    // Of an existing row only the cells this change touched: the others were not edited.
    if (column && (!stored || writable(opts, id, i + 1, key))) result.waiting.push({ rowId: id, key, base: cellHash(column, stored?.[key]) });
  }
  if (read.needsRewrite) result.rewrites.set(row.index, read.canonical);
  if (read.formatResets.length > 0) result.formatResets.set(row.index, read.formatResets);
}

/**
 * Whether `row` is the doc row its id cell names as the doc has it, in its place or
 * moved (a sort), and nothing is kept about it (`quiet`): then there is nothing to do but to note
 * it as the row above the next (a new row goes after it) and as seen (a copy of it is a new row).
 */
function unchanged(doc: Y.Doc, layout: TableLayout, row: ExcelRow, opts: ApplyOptions, state: ApplyState): boolean {
  const id = row.raw[0];
  if (!opts.quiet || typeof id !== 'string' || id === '' || id.trim() !== id || state.seen.has(id) || state.elsewhere.has(id) || !opts.quiet(id)) return false;
  const values = getRow(doc, id)?.values;
  if (!values || !showsDoc(layout, row, values, opts.dates, state.canonical)) return false;
  state.previousId = id;
  state.seen.add(id);
  return true;
}

/** Whether the cell at sheet column `index` of row `rowId` is one this read may write: touched, and not stale. */
function writable(opts: ApplyOptions, rowId: string, index: number, key: string): boolean {
  return (!opts.columns || opts.columns.has(index)) && !opts.stale?.(rowId, key);
}

/**
 * Fills in Table 1's goals (`suggestGoals`) when this read chooses the row's activity type and
 * its goal cells are empty: sets them in `read` (values, as shown, to rewrite) with an info
 * problem each. Returns the goal keys set, which `patchRow` writes even though not typed. A goal
 * cell holding anything in the read ("nej", a word that is no yes or no) is the person's answer:
 * then nothing is suggested, so nothing typed is written over.
 */
function suggestTable1Goals(layout: TableLayout, read: ReadRow, existing: { id: string; values: RowValues } | undefined, opts: ApplyOptions): ReadonlySet<string> {
  if (GOAL_KEYS.some((k) => read.filled.has(k))) return new Set();
  const after: RowValues = { ...existing?.values };
  for (const [i, column] of layout.columns.entries()) {
    const v = read.values[column.key];
    if (v !== undefined && (!existing || writable(opts, existing.id, i + 1, column.key))) after[column.key] = v;
  }
  const suggestion = suggestGoals(layout.kind, existing?.values, after);
  if (!suggestion) return new Set();
  const type = ACTIVITY_TYPES.find((t) => t.value === suggestion.type)?.label ?? suggestion.type;
  const code = suggestion.inferred ? 'goal-suggested-inferred' : 'goal-suggested';
  for (const key of Object.keys(suggestion.cells)) {
    const index = layout.columnIndex.get(key);
    const column = index === undefined ? undefined : layout.columns[index - 1];
    if (index === undefined || !column) continue;
    read.values[key] = true;
    read.canonical[index] = toExcel(column, true, layout.lang);
    read.needsRewrite = true;
    read.problems.push([key, cellProblem(opts.docId, key, code, localized(code, { column: column.header, value: type }), 'info')]);
  }
  return new Set(Object.keys(suggestion.cells));
}

/**
 * Writes the cells of an existing row that changed (within the touched columns, not stale, and
 * the `extra` keys filled in for the person); true when any did.
 */
function patchRow(doc: Y.Doc, layout: TableLayout, existing: { id: string; values: RowValues }, values: RowValues, opts: ApplyOptions, extra: ReadonlySet<string>): boolean {
  const patch: RowValues = {};
  for (const [i, column] of layout.columns.entries()) {
    const next = values[column.key];
    if (!extra.has(column.key) && !writable(opts, existing.id, i + 1, column.key)) continue;
    if (next !== undefined && !sameValue(column, existing.values[column.key], next)) patch[column.key] = next;
  }
  if (Object.keys(patch).length === 0) return false;
  setCells(doc, existing.id, patch);
  return true;
}

/** Inserts consecutive new rows as runs, each run right after the row above it. */
function insertRuns(doc: Y.Doc, inserts: PendingInsert[]): void {
  let run: typeof inserts = [];
  const flush = (): void => {
    const first = run[0];
    if (!first) return;
    const anchor = first.after && getRow(doc, first.after) ? { after: first.after } : {};
    insertRows(doc, run.map((r) => r.values), { ...anchor, ids: run.map((r) => r.id) });
    run = [];
  };
  for (const insert of inserts) {
    const last = run[run.length - 1];
    if (last && insert.index !== last.index + 1) flush();
    run.push(insert);
  }
  flush();
}


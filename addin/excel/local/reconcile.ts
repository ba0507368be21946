/**
 * Three-way reconcile of a workbook that was edited while the pane was closed: the workbook
 * (local), the snapshot of the last synced state kept in the workbook (base) and the doc
 * (remote). Local edits win on cells only they changed, remote on the rest; cells both sides
 * changed keep the doc's value and are reported as `conflict` problems.
 */
import type * as Y from 'yjs';
import { deleteRows, getRow, rowsOf, setCells } from '../../../shared/doc/index.js';
import { localized } from '../../../shared/i18n/t.js';
import type { CellValue, RowValues } from '../../../shared/schema/types.js';
import type { PlanDates } from '../../../shared/normalize/plan-year.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey, cellProblemKey, fromExcel, idOf, sameValue, showsValue } from '../sheet/cell-values.js';
import { editRefusal, putBackProblem, type RowLocks } from '../sheet/row-locks.js';
import { emptied, hasThread, heldProblem, heldReason, keptForCommentsNote, unsharedNote, type HeldRow } from './held-rows.js';
import { chunksBySize, rawRowUpdateBytes } from '../sheet/bounded-transact.js';
import type { TableLayout } from '../sheet/layout.js';
import type { FormatResets, PercentCells } from '../sheet/percent-cells.js';
import { applyLocalRows } from './apply.js';
import { readRow, type ExcelRow, type ReadRow, type TextGuard } from './read-row.js';
import { agreedTrimmed, cellHash, rowHashes, type Snapshot } from '../sheet/snapshot.js';
import { waitsForList, type WaitingRef } from '../sheet/waiting-refs.js';
import { mergeCell } from './waiting-refs.js';
import { conflict, putBackNamed, sheetText } from './conflict.js';
import { FORMULA_NOT_SENT, formulaRemoved, overSharedProblem } from '../sheet/kept-formulas.js';

/** What the binding must mirror into Excel and Problems after {@link reconcileRows}. */
export interface ReconcileResult {
  /** Id at each body row after the merge (new rows got ids). */
  ids: (string | null)[];
  /** Cells (or whole rows: column null) to rewrite from the doc. */
  rewrite: [string, string | null][];
  /** Doc rows missing in the workbook: append. */
  adds: string[];
  /** Rows in the workbook the doc no longer has: delete. */
  deletes: string[];
  conflicts: Map<string, Problem>;
  localProblems: Map<string, Problem>;
  /** Rows whose doc state now equals the workbook's (for the snapshot). */
  settled: string[];
  /** Reference cells not read, their list unknown yet (`waiting-refs.ts`): merged when it arrives. */
  waiting: WaitingRef[];
  /** Held rows given an id now, by body index (`held-rows.ts`): the binding writes it in their id cell. */
  held: Map<number, HeldRow>;
  /**
   * Body index → sheet columns of percent-formatted cells read as the number they show and taken
   * (or put back): their format goes back to the column's own, and they are in `rewrite`. A cell
   * refused and kept as typed keeps its format, so it shows what the person typed.
   */
  formatResets: FormatResets;
}

/** Options of {@link reconcileRows}. */
export interface ReconcileOptions {
  origin: unknown;
  docId: string;
  guard?: TextGuard;
  newId: () => string;
  /** How a date typed without its year (`12/3`) is read: the plan's year or period (`planDates`). */
  dates?: PlanDates;
  /**
   * The person's row locks, asked as when typing live: a new row they may not write is held in
   * the sheet (`held-rows.ts`); a change or deletion of a row they may not change is put back.
   */
  locks?: RowLocks;
  /**
   * By body index, the cells whose number format shows a percentage or a date (`percent-cells.ts`),
   * read with the values: the rows are read as the person saw them, as a live edit reads them.
   */
  formats?: PercentCells;
}

/** One reconcile under way: its inputs, its result so far, and the rows still to insert. */
interface Merge {
  readonly doc: Y.Doc;
  readonly layout: TableLayout;
  readonly base: Snapshot | undefined;
  readonly opts: ReconcileOptions;
  readonly out: ReconcileResult;
  readonly seen: Set<string>;
  /** Body rows without a doc row (id kept when neither side knows it, a held row's; null when seen before): inserted as new rows at the end. */
  readonly fresh: ExcelRow[];
  /** The snapshot's hash of a cell, undefined when it has none. */
  baseOf(id: string, key: string): string | undefined;
}

/**
 * Merges the workbook's body rows into the doc in transactions with `opts.origin`, each under
 * the frame limit (one for an ordinary table; see `bounded-transact.ts`).
 * Without a snapshot (`base` undefined) the doc wins every difference, reported as conflicts.
 */
export function reconcileRows(doc: Y.Doc, layout: TableLayout, body: readonly (readonly unknown[])[], base: Snapshot | undefined, opts: ReconcileOptions): ReconcileResult {
  const out: ReconcileResult = { ids: [], rewrite: [], adds: [], deletes: [], conflicts: new Map(), localProblems: new Map(), settled: [], waiting: [], held: new Map(), formatResets: new Map() };
  const baseIndex = new Map((base?.columns ?? []).map((k, i) => [k, i] as const));
  const baseOf = (id: string, key: string): string | undefined => {
    const hashes = base?.rows.get(id);
    const i = baseIndex.get(key);
    return hashes === undefined || i === undefined ? undefined : hashes.slice(2 * i, 2 * i + 2) || undefined;
  };
  const m: Merge = { doc, layout, base, opts, out, seen: new Set(), fresh: [], baseOf };
  // Each run of rows in its own transaction under the frame limit; then deletes, then new rows.
  const indexes = body.map((_, index) => index);
  for (const chunk of chunksBySize(indexes, (i) => rawRowUpdateBytes(layout, body[i] ?? []))) {
    doc.transact(() => chunk.forEach((i) => mergeRow(m, body[i] ?? [], i)), opts.origin);
  }
  mergeMissingRows(m);
  const rows = sendable(m);
  // A row with an id neither side knows (a held row's) keeps it when sent.
  const keepIds = new Set(rows.flatMap((r) => idOf(r.raw[0]) ?? []));
  const applied = applyLocalRows(doc, layout, rows, { origin: opts.origin, docId: opts.docId, tableIds: [], guard: opts.guard, newId: opts.newId, ...datesOf(opts), keepIds });
  out.waiting.push(...applied.waiting);
  const rawAt = new Map(rows.map((r) => [r.index, r.raw] as const));
  for (const [index, id] of applied.assigned) {
    out.ids[index] = id;
    // A row with nothing to share (`apply.ts`) is in no doc: only its id is written, as a held row's.
    if (getRow(doc, id)) out.rewrite.push([id, null]);
    else out.held.set(index, { id, raw: rawAt.get(index) ?? [] });
  }
  for (const [key, p] of applied.problems) out.localProblems.set(key, p);
  out.settled.push(...applied.written);
  for (const [index, cols] of applied.formatResets) out.formatResets.set(index, cols);
  return out;
}

/**
 * The new rows the person may write now: one their row locks refuse (another unit's) is held in
 * the sheet as typed, with the note of a held row, as when typed live (the server would take it
 * back with what was typed), known by its id (given now when it has none); it is judged again at
 * the next read of it.
 */
function sendable(m: Merge): ExcelRow[] {
  const locks = m.opts.locks;
  if (!locks) return m.fresh;
  return m.fresh.filter((row) => {
    const reason = heldReason(m.layout, locks, row.raw, m.opts.dates);
    if (!reason) return true;
    let id = idOf(row.raw[0]);
    if (!id) {
      id = m.opts.newId();
      m.out.ids[row.index] = id;
      m.out.held.set(row.index, { id, raw: row.raw });
    }
    const first = m.layout.columns.find((_c, i) => !showsValue(row.raw[i + 1], ''))?.key ?? '';
    m.out.localProblems.set(cellKey(id, first), heldProblem(m.opts.docId, id, first, reason));
    return false;
  });
}

/** Merges one body row three ways; rows without a doc row go to `fresh`. */
function mergeRow(m: Merge, raw: readonly unknown[], index: number): void {
  const { out, seen, base } = m;
  const id = idOf(raw[0]);
  const formats = m.opts.formats?.[index];
  out.ids.push(id && !seen.has(id) ? id : null);
  if (!id || seen.has(id)) return void m.fresh.push(withFormats({ index, raw: [null, ...raw.slice(1)] }, formats));
  seen.add(id);
  const docRow = getRow(m.doc, id);
  if (docRow) return mergeCells(m, id, docRow.values, withFormats({ index, raw }, formats));
  if (!base?.rows.has(id)) return void m.fresh.push(withFormats({ index, raw }, formats));
  // Deleted by someone else: the deletion is kept, and a row edited here meanwhile is a conflict.
  mergeDeletedRow(m, id, raw, formats);
  out.deletes.push(id);
}

/**
 * A row someone else deleted, `raw` as the sheet holds it: a conflict when it was changed here
 * since the last agreed state. A reference cell whose list is unknown cannot be read yet:
 * emptied or filled it is a change; else it waits (`WaitingRef.gone`) and is judged when the
 * list arrives, so a partner chosen while the pane was closed is named, never lost silently.
 */
function mergeDeletedRow(m: Merge, id: string, raw: readonly unknown[], formats: PercentCells[number]): void {
  const { layout, out } = m;
  const empty = (cell: unknown): boolean => cell === '' || cell === null || cell === undefined;
  const shown: string[] = [];
  const unread: { key: string; raw: unknown; base: string | undefined }[] = [];
  let changed = false;
  layout.columns.forEach((c, i) => {
    const cell = raw[i + 1];
    const before = m.baseOf(id, c.key) ?? cellHash(c, null);
    // A formula removed here is no edit of the value it stood over (`kept-formulas.ts`).
    if (formulaRemoved(m.base, id, c.key, cell, formats?.get(i + 1))) return;
    if (waitsForList(layout, c)) {
      if (!empty(cell) && !m.opts.guard?.(String(cell))) shown.push(sheetText(cell, layout.lang));
      if (empty(cell) !== (before === cellHash(c, null))) changed = true;
      else if (!empty(cell)) unread.push({ key: c.key, raw: cell, base: before });
      return;
    }
    const n = fromExcel(c, cell, m.opts.dates ?? {}, layout.refLists);
    const value = n.ok ? n.value : null;
    // A value the privacy guard refuses is not repeated in the note (nor offered to copy).
    if (value !== null && value !== false && !m.opts.guard?.(String(value))) shown.push(sheetText(value, layout.lang));
    if (cellHash(c, value) !== before && !agreedTrimmed(m.base, c, cell, m.baseOf(id, c.key), (text) => readText(m, c, text))) changed = true;
  });
  // Not `, `: a Swedish number holds one (`12,5`).
  const values = shown.join('; ');
  if (changed) out.conflicts.set(cellKey(id, ''), conflict(m.opts.docId, id, null, 'deleted-remotely', values));
  else for (const u of unread) out.waiting.push({ rowId: id, key: u.key, base: u.base, gone: { raw: u.raw, values } });
}

/**
 * Merges the cells of a row both sides have: the side that changed since the snapshot wins; both
 * changed: the doc, as a conflict. The row is read as a live edit reads it (`readRow`: the same
 * normalising, privacy guard and refusals). In a row the person's row locks refuse, a change of
 * theirs is put back from the doc, never sent (the server would take it back), named in Problems.
 */
function mergeCells(m: Merge, id: string, remoteValues: RowValues, row: ExcelRow): void {
  const { out, opts, layout } = m;
  const { raw } = row;
  const resets: number[] = [];
  const read = readRow(layout, row, { docId: opts.docId, ...(opts.guard ? { guard: opts.guard } : {}), ...datesOf(opts) }, remoteValues);
  // A formula removed while the pane was closed is no edit: the cell shows the shared value (`kept-formulas.ts`).
  const removed = new Set(layout.columns.filter((c, i) => formulaRemoved(m.base, id, c.key, raw[i + 1], row.formats?.get(i + 1))).map((c) => c.key));
  for (const key of removed) delete read.values[key];
  // A cell showing, unchanged, what an older binding agreed on with spaces around it is no edit (`agreedTrimmed`): read as agreed.
  const agreed = new Set<string>();
  layout.columns.forEach((c, i) => {
    if (!agreedTrimmed(m.base, c, raw[i + 1], m.baseOf(id, c.key), (text) => readText(m, c, text))) return;
    agreed.add(c.key);
    read.values[c.key] = readText(m, c, String(raw[i + 1]).trim()) as CellValue;
  });
  const reason = editRefusal(opts.locks, id, remoteValues, changedRow(m, id, remoteValues, read.values));
  const patch: RowValues = {};
  for (const [i, column] of layout.columns.entries()) {
    const key = column.key;
    // Read without its list, a name would be taken as the value and written over the stored id.
    if (waitsForList(layout, column)) {
      out.waiting.push({ rowId: id, key, base: m.baseOf(id, key) });
      continue;
    }
    // No edit: the cell shows the shared value, and keeps no note (the binding's are made anew).
    if (removed.has(key)) {
      if (!sameValue(column, null, remoteValues[key])) out.rewrite.push([id, key]);
      continue;
    }
    const local = read.values[key];
    // Refused (not read, or not to be stored): stays as typed with its problem, or is put back.
    const merged = local === undefined ? 'refused' : mergeCell(column, local, remoteValues[key], m.baseOf(id, key));
    // An agreed cell's one note: the plan holds its text without the spaces (none when a colleague's text replaces it).
    const problems: Problem[] = agreed.has(key)
      ? merged === 'same' ? [{ doc: opts.docId, rowId: id, column: key, severity: 'info', code: 'spaces-stored-trimmed', message: localized('spaces-stored-trimmed', { column: column.header }) }] : []
      : read.problems.filter(([k]) => k === key).map(([, p]) => ({ ...p, rowId: id }));
    // A percent cell taken or put back is written again with the number it stands for, in the column's
    // format; one refused keeps its format and shows what was typed.
    const percentCell = row.formats?.get(i + 1) === 'percent' && typeof raw[i + 1] === 'number';
    if (reason && (merged === 'refused' || merged === 'patch')) {
      if (percentCell) resets.push(i + 1);
      out.rewrite.push([id, key]);
      out.localProblems.set(cellKey(id, key), putBackNamed(opts.docId, id, key, reason, raw[i + 1], opts.guard));
      continue;
    }
    // A formula kept over a value a colleague stored while the pane was closed is said as when it arrives live.
    const over = problems[0]?.code === FORMULA_NOT_SENT && m.baseOf(id, key) !== undefined && m.baseOf(id, key) !== cellHash(column, remoteValues[key]);
    if (over) problems[0] = { ...overSharedProblem(opts.docId, id, key, column.header), rowId: id };
    problems.forEach((p, index) => out.localProblems.set(cellProblemKey(id, key, index), p));
    if (merged === 'refused') continue;
    if (percentCell) resets.push(i + 1);
    if (merged === 'patch') patch[key] = local as CellValue;
    // A cell taken that does not show the plan's text is written again, as a live read writes it
    // (`readRow`'s canonical): no cell is left reading as one value while showing another.
    const shownOtherwise = (merged === 'same' || merged === 'patch') && (agreed.has(key) || !showsValue(raw[i + 1], read.canonical[i + 1] ?? ''));
    if (percentCell || shownOtherwise || (merged !== 'patch' && merged !== 'same')) out.rewrite.push([id, key]);
    if (merged === 'conflict') out.conflicts.set(cellKey(id, key), conflict(opts.docId, id, key, 'cell', sheetText(local, layout.lang)));
  }
  if (Object.keys(patch).length > 0) {
    setCells(m.doc, id, patch);
    unshareEmptied(m, id, read);
  }
  if (resets.length > 0) out.formatResets.set(row.index, resets);
  out.settled.push(id);
}

/**
 * A row the person's changes left with nothing the doc can take, beside what it cannot (a
 * formula, a refused value), is taken out of the doc and held in the sheet under its id, its note
 * saying why, as when emptied live (`apply.ts`, `held-rows.ts`); a colleague's value in it, or a
 * filled reference cell waiting for its list, keeps it shared; so do comments on it, said in words
 * (`keptForCommentsNote`). The snapshot forgets it (`settled`), so
 * the next opening finds it held again.
 */
function unshareEmptied(m: Merge, id: string, read: ReadRow): void {
  const { doc, layout, out, opts } = m;
  if (!read.anyValue || read.waiting.length > 0 || !emptied(layout, getRow(doc, id)?.values ?? {})) return;
  if (hasThread(doc, id)) return void out.localProblems.set(...keptForCommentsNote(opts.docId, layout, read, id));
  // (Inside the merge's transaction, with its origin.)
  deleteRows(doc, [id]);
  out.localProblems.set(...unsharedNote(opts.docId, layout, read, id));
}

/**
 * The doc row `remote` with the changes read in the row `id` (`local`, read with `readRow`), for
 * `editRefusal`: only the cells this side changed (`mergeCell`: patch) count, the rest keep the doc's.
 */
function changedRow(m: Merge, id: string, remote: RowValues, local: RowValues): RowValues {
  const after: RowValues = { ...remote };
  for (const column of m.layout.columns) {
    const value = local[column.key];
    if (value === undefined || waitsForList(m.layout, column)) continue;
    if (mergeCell(column, value, remote[column.key], m.baseOf(id, column.key)) === 'patch') after[column.key] = value;
  }
  return after;
}

/** The value the text `text` of a cell of `column` reads as, as a live edit reads it; undefined when it does not read. */
function readText(m: Merge, column: TableLayout['columns'][number], text: string): CellValue | undefined {
  const n = fromExcel(column, text, m.opts.dates ?? {}, m.layout.refLists);
  return n.ok ? n.value : undefined;
}

/** `row` with the cells whose format shows a percentage or a date, when any. */
function withFormats(row: ExcelRow, formats: PercentCells[number]): ExcelRow {
  return formats ? { ...row, formats } : row;
}

/**
 * Doc rows the workbook does not show: deleted here (unchanged since the snapshot; one the row
 * locks refuse is kept and appended, said in Problems) or to append.
 */
function mergeMissingRows(m: Merge): void {
  const { out, doc, base, layout, opts } = m;
  const inWorkbook = new Set(out.ids.filter((id): id is string => id !== null));
  const gone: string[] = [];
  const first = layout.columns[0]?.key ?? '';
  for (const row of rowsOf(doc)) {
    if (inWorkbook.has(row.id)) continue;
    const b = base?.rows.get(row.id);
    // A row the person may not change, deleted in the sheet, stays and shows again, as when deleted live.
    const locked = b !== undefined && b === rowHashes(layout.columns, row.values) ? opts.locks?.reasonFor(row.id, row.values) : undefined;
    if (locked) {
      out.adds.push(row.id);
      out.localProblems.set(cellKey(row.id, first), putBackProblem(opts.docId, row.id, first, locked, 'delete'));
    } else if (b !== undefined && b === rowHashes(layout.columns, row.values)) gone.push(row.id);
    else {
      out.adds.push(row.id);
      if (b !== undefined) out.conflicts.set(cellKey(row.id, ''), conflict(opts.docId, row.id, null, 'deleted-locally'));
    }
  }
  if (gone.length > 0) doc.transact(() => deleteRows(doc, gone), opts.origin);
  out.settled.push(...gone);
}

function datesOf(opts: ReconcileOptions): { dates?: PlanDates } {
  return opts.dates === undefined ? {} : { dates: opts.dates };
}

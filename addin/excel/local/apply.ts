/**
 * Local → doc: rows read from the workbook become cell writes in one doc transaction (several, each under
 * the frame limit, when the change is that large). Only cells whose normalised value differs from the doc are written. One rule for every refused cell
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
import { storedWords } from '../../../shared/i18n/stored-words.js';
import { localized, numberText as numberWords } from '../../../shared/i18n/t.js';
import type { CellValue, Localized, RowValues } from '../../../shared/schema/types.js';
import { numberText } from '../../../shared/validate/personnummer.js';
import { PERCENT_NOT_SHARE, percentSignRefusal } from '../../../shared/validate/percent-sign.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey, cellProblemKey, fromExcel, sameValue, shownValue, showsValue, toExcel } from '../sheet/cell-values.js';
import { chunksBySize, rawRowUpdateBytes } from '../sheet/bounded-transact.js';
import { shownCell, type CellKind } from '../sheet/percent-cells.js';
import type { TableLayout } from '../sheet/layout.js';
import { cellHash } from '../sheet/snapshot.js';
import { waitsForList, type WaitingRef } from '../sheet/waiting-refs.js';
import { emptied, hasThread, keptForCommentsNote, unsharedNote } from './held-rows.js';
import { formulaNote } from '../sheet/kept-formulas.js';

/** One table row as read: its data-body index and its raw values, id column first. */
export interface ExcelRow {
  index: number;
  raw: readonly unknown[];
  /** Sheet columns (indexes into `raw`) whose cell has a percent or date number format or a formula (`percent-cells.ts`). */
  formats?: ReadonlyMap<number, CellKind>;
}

/** Refuses a text before it reaches the doc (e.g. a personnummer); undefined lets it pass. */
export type TextGuard = (text: string) => { code: string; message: { sv: string; en: string } } | undefined;

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

function isBlank(raw: unknown): boolean {
  return raw === '' || raw === null || raw === undefined;
}

/** Options of {@link applyLocalRows}. */
export interface ApplyOptions {
  origin: unknown;
  docId: string;
  tableIds: readonly (string | null)[];
  guard?: TextGuard;
  newId: () => string;
  /** Sheet columns the change touched; cells of existing rows outside them are not compared. */
  columns?: ReadonlySet<number>;
  /** Cells whose doc value is still on its way into Excel: what Excel shows there is stale. */
  stale?: (rowId: string, column: string) => boolean;
  /** Most estimated update bytes of one transaction (default `TRANSACTION_BUDGET_BYTES`). */
  maxUpdateBytes?: number;
  /** The plan's year, for dates typed without one (`12/3`); see `shared/normalize/plan-year.ts`. */
  year?: number;
  /** Ids of held rows (`held-rows.ts`): a row read with one is new to the doc and keeps it. */
  keepIds?: ReadonlySet<string>;
}

/** One row read, normalised: its values, what the cells should show, its problems. */
export interface ReadRow {
  rawId: string;
  values: RowValues;
  /** The id and every cell as it should show (a problem cell: as typed). */
  canonical: (string | number | boolean)[];
  needsRewrite: boolean;
  anyValue: boolean;
  /** Keys of the cells that hold anything in this read (typed, pasted or shown), valid or not. */
  filled: Set<string>;
  /** By column key: refusals (the cell stays as typed, not in `values`) and notes (information). */
  problems: [string, Problem][];
  okKeys: string[];
  /** Sheet columns whose percent format goes back to the column's own (`percent-cells.ts`). */
  formatResets: number[];
  /** Keys of reference cells left unread, their list unknown yet. */
  waiting: string[];
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
  const state: ApplyState = { elsewhere, seen: new Set(), inserts: [], previousId: undefined };
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  for (const chunk of chunksBySize(sorted, (row) => rawRowUpdateBytes(layout, row.raw), opts.maxUpdateBytes)) {
    doc.transact(() => {
      for (const row of chunk) applyRow(doc, layout, row, opts, state, result);
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
 * Normalises every cell of a row read (the guard refuses what must not be stored) with every
 * check a live edit gets: the reconcile of a workbook edited while the pane was closed reads its
 * rows with it too (`reconcile.ts`). `stored` is the doc row the id names, if any: a
 * percent-formatted number equal to its stored value is that value, given a format (see
 * `shownCell`). Problems carry no row id (`rowId: null`): the caller gives them theirs.
 */
export function readRow(layout: TableLayout, row: ExcelRow, opts: ApplyOptions, stored: RowValues | undefined): ReadRow {
  const rawId = typeof row.raw[0] === 'string' ? row.raw[0].trim() : '';
  const out: ReadRow = { rawId, values: {}, canonical: [rawId], needsRewrite: false, anyValue: false, filled: new Set(), problems: [], okKeys: [], formatResets: [], waiting: [] };
  for (const [i, column] of layout.columns.entries()) {
    const cell = row.raw[i + 1];
    const mark = row.formats?.get(i + 1);
    // A formula's result is no value anyone typed (`formula-cells.ts`): the formula stays, unsent, said.
    if (mark === 'formula') {
      out.anyValue = true;
      out.filled.add(column.key);
      out.canonical.push(typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' ? cell : '');
      out.problems.push([column.key, formulaNote(opts.docId, null, column.key, column.header, !sameValue(column, null, stored?.[column.key]))]);
      continue;
    }
    const kind = typeof cell === 'number' ? mark : undefined;
    const percent = kind === 'percent';
    if (percent) out.formatResets.push(i + 1);
    // A date Excel made of what was typed is read as the date shown: no number, so a problem.
    // A boolean outside an x-column is the word the cell shows (`SANT`), as an import reads it.
    const raw = kind === undefined ? shownValue(column, cell, layout.lang) : shownCell(cell as number, kind, stored?.[column.key]);
    if (!isBlank(raw)) {
      out.anyValue = true;
      out.filled.add(column.key);
    }
    // A name read without its list would be stored as itself: the cell waits, shown as typed.
    if (!isBlank(raw) && waitsForList(layout, column)) {
      out.canonical.push(typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean' ? cell : '');
      out.waiting.push(column.key);
      continue;
    }
    let normalized = fromExcel(column, raw, opts.year === undefined ? {} : { year: opts.year }, layout.refLists);
    // A date Excel made of what was typed (`1.5` in Swedish Excel is 1 May) is said to be one.
    if (kind === 'date' && typeof raw === 'string') normalized = { ok: false, code: 'date-in-number' as never, message: localized('date-in-number', { column: column.header, value: raw }) };
    // A number is guarded as the text it is (`850101,1236` typed in a number column is 850101.1236).
    const guarded = !normalized.ok ? null : typeof normalized.value === 'number' ? numberText(normalized.value) : normalized.value;
    // What was typed is guarded too when it is refused (`850101-1236` in a number or date column
    // is no number or date): the refusal's words would repeat it in Problems and the row's note.
    const asTyped = normalized.ok ? guarded : typeof raw === 'string' ? raw : null;
    if (typeof asTyped === 'string' && opts.guard) {
      const refused = opts.guard(asTyped);
      if (refused) normalized = { ok: false, code: refused.code as never, message: refused.message };
    }
    // A percent sign where the number is no percentage (a count's Värde, Täljare, Nämnare) is
    // refused as every door refuses it (`percent-sign.ts`).
    const signRefusal = normalized.ok && (normalized.how === 'percent-dropped' || (percent && raw !== cell)) ? percentSignRefusal(layout.kind, column.key, { ...stored, ...out.values }, typeof raw === 'number' ? `${numberWords(raw, 'sv')} %` : typeof raw === 'string' ? raw : `${String(raw)} %`, (id) => layout.refs?.indicatorBounds?.get(id)) : null;
    const refusal: { code: string; message: Localized } | null = signRefusal ? { code: PERCENT_NOT_SHARE, message: signRefusal } : normalized.ok ? null : normalized;
    if (refusal && percent && raw !== cell) {
      // A refused cell keeps what was typed: a percentage Excel made a number of keeps that number
      // and its percent format, since without it the cell would show a number nobody typed.
      out.canonical.push(cell as number);
      out.formatResets.pop();
      out.problems.push([column.key, problem(opts.docId, column.key, refusal.code, withStored(refusal.message, layout, column, stored?.[column.key]))]);
      continue;
    }
    if (refusal) {
      out.canonical.push(typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : '');
      out.problems.push([column.key, problem(opts.docId, column.key, refusal.code, withStored(refusal.message, layout, column, stored?.[column.key]))]);
      continue;
    }
    // (A value not normalised is a refusal above: this only tells the compiler.)
    if (!normalized.ok) continue;
    // Taken, with notes (a year assumed, a time of day dropped from a date): each shown as information.
    const notes = normalized.notes ?? [];
    if (notes.length > 0) for (const note of notes) out.problems.push([column.key, problem(opts.docId, column.key, note.code, note.message, 'info')]);
    else if (percent && raw !== cell) out.problems.push([column.key, percentProblem(opts.docId, column, raw as number)]);
    // A dash alone read as empty, what was trimmed around a text (`trim-around.ts`): written again, said as an import says it.
    else if (said(normalized.how)) out.problems.push([column.key, problem(opts.docId, column.key, normalized.how, localized(normalized.how, { column: column.header, value: String(raw).trim() }), 'info')]);
    out.okKeys.push(column.key);
    out.values[column.key] = normalized.value;
    const shown = toExcel(column, normalized.value, layout.lang, layout.refLists);
    out.canonical.push(shown);
    if (!showsValue(cell, shown)) out.needsRewrite = true;
  }
  return out;
}

/** Whether a cell's note says how its value was read (`readRow`); the other ways (a label read as its choice's code) need no word. */
const said = (how: string | undefined): how is 'empty-from-dash' | 'empty-from-missing' | 'spaces-trimmed' | 'breaks-trimmed' | 'empty-from-spaces' =>
  how === 'empty-from-dash' || how === 'empty-from-missing' || how === 'spaces-trimmed' || how === 'breaks-trimmed' || how === 'empty-from-spaces';

/**
 * A refused cell's reason followed by what the shared plan holds for it ("Sparat: 7." / "Inget
 * sparat."): the cell keeps what was typed, so the note is where the person sees both.
 */
function withStored(message: Localized, layout: TableLayout, column: TableLayout['columns'][number], value: CellValue | undefined): Localized {
  const shown = (lang: 'sv' | 'en'): string => {
    if (value === null || value === undefined) return '';
    // A date is said as its ISO date, not as the serial the sheet is written with.
    if (column.column.type === 'date' && typeof value === 'string') return value;
    const cell = toExcel(column, value, lang, layout.refLists);
    return typeof cell === 'number' ? numberWords(cell, lang) : String(cell);
  };
  const words = storedWords({ sv: shown('sv'), en: shown('en') });
  return { sv: `${message.sv} ${words.sv}`, en: `${message.en} ${words.en}` };
}

function percentProblem(docId: string, column: TableLayout['columns'][number], value: number): Problem {
  const shown = { sv: numberWords(value, 'sv'), en: numberWords(value, 'en') };
  return problem(docId, column.key, 'percent-from-format', localized('percent-from-format', { column: column.header, value: shown }), 'info');
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
    read.problems.push([key, problem(opts.docId, key, code, localized(code, { column: column.header, value: type }), 'info')]);
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

function problem(docId: string, column: string, code: string, message: { sv: string; en: string }, severity: Problem['severity'] = 'error'): Problem {
  return { doc: docId, rowId: null, column, severity, code, message };
}

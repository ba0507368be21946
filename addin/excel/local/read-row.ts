/**
 * One table row read from the sheet, normalised cell by cell with every check a live edit gets
 * (`readRow`): the one normaliser (`shared/normalize`), the privacy guard, the percent-sign rule,
 * formulas (`formula-cells.ts`), a date Excel made of what was typed, a reference cell waiting for
 * its list. A refused cell keeps what was typed and carries its problem; a cell taken with a note
 * (a year assumed, spaces trimmed) carries it as information. Used by a live edit (`apply.ts`)
 * and by the reconcile of a workbook edited while the pane was closed (`reconcile.ts`).
 */
import { localized } from '../../../shared/i18n/t.js';
import { numberAsTyped as numberWords } from '../../../shared/i18n/number-words.js';
import { storedBehindRefusal } from '../../../shared/i18n/stored-words.js';
import type { CellValue, Localized, RowValues } from '../../../shared/schema/types.js';
import type { PlanDates } from '../../../shared/normalize/plan-year.js';
import { numberText } from '../../../shared/validate/personnummer.js';
import { PERCENT_NOT_SHARE, percentSignRefusal } from '../../../shared/validate/percent-sign.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { fromExcel, sameValue, shownValue, showsValue, toExcel } from '../sheet/cell-values.js';
import { shownCell, type CellKind } from '../sheet/percent-cells.js';
import type { TableLayout } from '../sheet/layout.js';
import { waitsForList } from '../sheet/waiting-refs.js';
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

/** What {@link readRow} needs of the binding: the document's id (for problems), the privacy guard, how the plan's dates are read. */
export interface ReadOptions {
  docId: string;
  guard?: TextGuard;
  /**
   * How a date typed without its year (`12/3`) is read: the plan's year, or its period
   * (`planDates`, `shared/normalize/plan-year.ts`), as a file's import reads it. Absent: assumed and said.
   */
  dates?: PlanDates;
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

function isBlank(raw: unknown): boolean {
  return raw === '' || raw === null || raw === undefined;
}

/**
 * Normalises every cell of a row read (the guard refuses what must not be stored) with every
 * check a live edit gets: the reconcile of a workbook edited while the pane was closed reads its
 * rows with it too (`reconcile.ts`). `stored` is the doc row the id names, if any: a
 * percent-formatted number equal to its stored value is that value, given a format (see
 * `shownCell`). Problems carry no row id (`rowId: null`): the caller gives them theirs.
 */
export function readRow(layout: TableLayout, row: ExcelRow, opts: ReadOptions, stored: RowValues | undefined): ReadRow {
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
    let normalized = fromExcel(column, raw, opts.dates ?? {}, layout.refLists);
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
      out.problems.push([column.key, cellProblem(opts.docId, column.key, refusal.code, withStored(refusal.message, column, stored?.[column.key]))]);
      continue;
    }
    if (refusal) {
      out.canonical.push(typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : '');
      out.problems.push([column.key, cellProblem(opts.docId, column.key, refusal.code, withStored(refusal.message, column, stored?.[column.key]))]);
      continue;
    }
    // (A value not normalised is a refusal above: this only tells the compiler.)
    if (!normalized.ok) continue;
    // Taken, with notes (a year assumed, a time of day dropped from a date): each shown as information.
    const notes = normalized.notes ?? [];
    if (notes.length > 0) for (const note of notes) out.problems.push([column.key, cellProblem(opts.docId, column.key, note.code, note.message, 'info')]);
    else if (percent && raw !== cell) out.problems.push([column.key, percentProblem(opts.docId, column, raw as number)]);
    // A dash alone read as empty, what was trimmed around a text (`trim-around.ts`): written again, said as an import says it.
    else if (said(normalized.how)) out.problems.push([column.key, cellProblem(opts.docId, column.key, normalized.how, localized(normalized.how, { column: column.header, value: String(raw).trim() }), 'info')]);
    out.okKeys.push(column.key);
    out.values[column.key] = normalized.value;
    const shown = toExcel(column, normalized.value, layout.lang, layout.refLists);
    out.canonical.push(shown);
    if (!showsValue(cell, shown)) out.needsRewrite = true;
  }
  return out;
}

/**
 * Whether `row` as read shows exactly what the doc holds for it (`values`), cell by cell as the
 * writer would write it (`toExcel`, `showsValue`), each value as a read of what it shows would
 * store it (an empty text, a partner stored by name before ids, a text with spaces around it: a
 * read changes them, so the row is read), and no cell shows otherwise than its value (a percent or
 * date format, a formula: `row.formats`), which only {@link readRow} judges. `canonical` remembers
 * per column and value whether it is so (one apply asks it of the same few values many times).
 */
export function showsDoc(layout: TableLayout, row: ExcelRow, values: RowValues, dates: PlanDates | undefined, canonical: Map<string, boolean>): boolean {
  if (row.formats && row.formats.size > 0) return false;
  for (const [i, column] of layout.columns.entries()) {
    const value = values[column.key];
    const shown = toExcel(column, value, layout.lang, layout.refLists);
    if (!showsValue(row.raw[i + 1], shown)) return false;
    if (value === undefined || value === null) continue;
    const key = `${column.key}\u0000${typeof value}\u0000${String(value)}`;
    let same = canonical.get(key);
    if (same === undefined) {
      const read = fromExcel(column, shown, dates ?? {}, layout.refLists);
      same = read.ok && (read.notes ?? []).length === 0 && sameValue(column, value, read.value);
      canonical.set(key, same);
    }
    if (!same) return false;
  }
  return true;
}

/** Whether a cell's note says how its value was read (`readRow`); the other ways (a label read as its choice's code) need no word. */
const said = (how: string | undefined): how is 'empty-from-dash' | 'empty-from-missing' | 'spaces-trimmed' | 'breaks-trimmed' | 'empty-from-spaces' =>
  how === 'empty-from-dash' || how === 'empty-from-missing' || how === 'spaces-trimmed' || how === 'breaks-trimmed' || how === 'empty-from-spaces';

/**
 * A refused cell's reason followed by whether the shared plan holds a value for it, never which
 * ("Ett värde är sparat i planen …" / "Inget sparat."): the cell keeps what was typed, and the
 * value behind it may be one the person never typed (a colleague's), which no note quotes.
 */
function withStored(message: Localized, column: TableLayout['columns'][number], value: CellValue | undefined): Localized {
  const words = storedBehindRefusal(!sameValue(column, null, value));
  return { sv: `${message.sv} ${words.sv}`, en: `${message.en} ${words.en}` };
}

function percentProblem(docId: string, column: TableLayout['columns'][number], value: number): Problem {
  const shown = { sv: numberWords(value, 'sv'), en: numberWords(value, 'en') };
  return cellProblem(docId, column.key, 'percent-from-format', localized('percent-from-format', { column: column.header, value: shown }), 'info');
}

/** A problem of the cell `column` (no row id yet: the caller gives it its row's). */
export function cellProblem(docId: string, column: string, code: string, message: { sv: string; en: string }, severity: Problem['severity'] = 'error'): Problem {
  return { doc: docId, rowId: null, column, severity, code, message };
}

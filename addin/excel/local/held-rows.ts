/**
 * New rows held in the sheet. In a document whose rows belong to units (a county action plan,
 * indicator values) an editor's new row must carry one of the editor's units, or the server takes
 * it back, and with it what was typed. People type left to right, so the first cells of a new row
 * come before its unit: such a row is held, as typed, in the sheet (nothing sent), with a note in
 * Problems, and is taken whole once the row is one the person may write (its unit filled in). The
 * rule is the binding's own row locks (`sheet/row-locks.ts`), asked of the row as it would be.
 * A held row is known by an id of its own, written in its id cell as a new row's is, though it is
 * in no doc: its note names that id, so it stays with the row and leads to it when rows are
 * inserted, sorted or deleted around it, and the row keeps the id when it is sent.
 *
 * A new row holding nothing the document can take (only a formula, only refused values) is held
 * the same way, in any document ({@link unsharedProblem}): an empty row shared with everyone would
 * say nothing of what the person typed. It is sent once it holds a value that can be shared, and
 * held again when that value is taken back (Ctrl+Z) while the row holds nothing else the document
 * has: a colleague's value in it keeps it shared.
 */
import { reasonName } from '../../../shared/i18n/t.js';
import type { CellColumn, CellValue, Localized, RowValues } from '../../../shared/schema/types.js';
import type { PlanDates } from '../../../shared/normalize/plan-year.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type * as Y from 'yjs';
import { writtenOnlyHere } from '../../../shared/doc/index.js';
import { threadOf } from '../../../shared/comments/comments.js';
import { cellKey, cellProblemKey, fromExcel, sameValue, showsValue } from '../sheet/cell-values.js';
import type { TableLayout } from '../sheet/layout.js';
import type { RefLists } from '../sheet/ref-lists.js';
import type { RowLocks } from '../sheet/row-locks.js';
import { waitsForList } from '../sheet/waiting-refs.js';

/** A held row given an id: the id, and the row as read (id cell first). */
export interface HeldRow {
  id: string;
  raw: readonly unknown[];
}

/** Why a new row is held: the reason, and what lets it go (the end of "… skickas {until}"), when known. */
export interface Held {
  reason: Localized;
  until?: Localized;
}

/** The machine code of a held row's note in Problems. */
export const HELD_CODE = 'row-held';

/**
 * Why the new row `raw` (id column first, empty) may not be sent yet, by `locks`; undefined when it
 * may, or when it holds nothing. `dates`: how the plan reads a date typed without its year (`planDates`). A reference
 * cell whose list is not known yet (`waitsForList`) is not read: its name taken as the value
 * ("Tensta vårdcentral" for the unit itself) would hold the row as another unit's. Held with such
 * a cell filled, the reason is that its list has not arrived ({@link recheckHeldRows} judges the
 * row again when it does).
 */
export function heldReason(layout: TableLayout, locks: RowLocks, raw: readonly unknown[], dates: PlanDates | undefined): Held | undefined {
  const values: RowValues = {};
  let any = false;
  let unread: CellColumn | undefined;
  layout.columns.forEach((column, i) => {
    const cell = raw[i + 1];
    if (cell === '' || cell === null || cell === undefined) return;
    any = true;
    if (waitsForList(layout, column)) return void (unread ??= column);
    const normalized = fromExcel(column, cell, dates ?? {}, layout.refLists);
    if (normalized.ok) values[column.key] = normalized.value;
  });
  const reason = any ? locks.reasonFor('', values) : undefined;
  if (!reason) return undefined;
  if (!unread) {
    const until = locks.heldUntil?.('', values);
    return until ? { reason: locks.heldReason?.('', values) ?? reason, until } : { reason };
  }
  const header = unread.column.header;
  return {
    reason: { sv: `${header.sv} visar ett namn ur en lista som inte har kommit än.`, en: `${header.en} shows a name from a list that has not arrived yet.` },
    until: { sv: 'när listan har kommit', en: 'once the list has arrived' },
  };
}

/**
 * The row `before` (as the doc holds it) as the edit `raw` (id column first) would make it, for
 * `RowLocks.changeFor`: each cell `counts` lets in (touched by the change, not stale) and that
 * reads as a value (a blank one as empty). A reference cell whose list is not known yet is not
 * read (it would be taken as its own name): it keeps the stored value.
 */
export function editedValues(
  layout: TableLayout,
  raw: readonly unknown[],
  before: Readonly<RowValues>,
  dates: PlanDates | undefined,
  counts: (col: number, key: string) => boolean,
): RowValues {
  const after: RowValues = { ...before };
  layout.columns.forEach((column, i) => {
    if (!counts(i + 1, column.key) || waitsForList(layout, column)) return;
    const normalized = fromExcel(column, raw[i + 1], dates ?? {}, layout.refLists);
    if (normalized.ok) after[column.key] = normalized.value;
  });
  return after;
}

/**
 * Why the doc row `id` (holding `stored`), which the edit read as `raw` (id cell first) makes one
 * `locks` refuse, goes back to being held instead of having the edit put back; undefined when it
 * is put back. A row goes back when the person made it in this binding (`made`: typed, or held
 * and let go), no one else has written in it since, no one has commented on it ({@link hasThread}),
 * the person may change it as it stands, and
 * as edited it is a new row `locks` would hold: Ctrl+Z of the unit that let a held row go makes
 * it the held row it was, as the undo of a held row's only value does (`apply.ts`).
 */
export function heldAgain(doc: Y.Doc, layout: TableLayout, locks: RowLocks, made: ReadonlySet<string>, id: string, stored: Readonly<RowValues>, raw: readonly unknown[], dates: PlanDates | undefined): Held | undefined {
  if (!made.has(id) || locks.reasonFor(id, stored) || !writtenOnlyHere(doc, id) || hasThread(doc, id)) return undefined;
  return heldReason(layout, locks, raw, dates);
}

/** The note of the held row `rowId` read as `raw` (id cell first), keyed as Problems keeps it: on its first filled column. */
export function heldNote(docId: string, layout: TableLayout, rowId: string, raw: readonly unknown[], held: Held): [string, Problem] {
  const first = layout.columns.find((_c, i) => !showsValue(raw[i + 1], ''))?.key ?? '';
  return [cellKey(rowId, first), heldProblem(docId, rowId, first, held)];
}

/**
 * Judges the held rows again whenever one of `lists` arrives or changes (a row held while its
 * unit's list was unknown may be sent now): `readAll` reads the whole table as after a change,
 * which renews or forgets each held row's note. Nothing is read while no row is held. Returns
 * the unsubscribe.
 */
export function recheckHeldRows(problems: ReadonlyMap<string, Problem>, lists: RefLists, readAll: () => void): () => void {
  const recheck = (): void => {
    if ([...problems.values()].some((p) => p.code === HELD_CODE)) readAll();
  };
  const stop = lists.subscribe(recheck);
  // A row held while the table was being opened, its list arrived before this subscription.
  recheck();
  return stop;
}

/**
 * The note of the held row `rowId` (the id in its id cell), on its first filled column `column`:
 * the row is not sent yet, why, that what was typed stays, and what lets it go: the words of the
 * lock that holds it (`Held.until`), else that it goes once the row is one the person may write.
 */
export function heldProblem(docId: string, rowId: string, column: string, held: Held): Problem {
  const { reason, until = { sv: 'när raden är en du får skriva', en: 'once the row is one you may write' } } = held;
  return rowNote(docId, rowId, column, {
    sv: `Raden skickas inte än: ${reason.sv} Det du skrev står kvar i bladet och skickas ${until.sv}.`,
    en: `The row is not sent yet: ${reason.en} What you typed stays in the sheet and is sent ${until.en}.`,
  });
}

/** A warning of {@link HELD_CODE} on the row `rowId` of `docId`, shown on its column `column`. */
function rowNote(docId: string, rowId: string, column: string, message: Localized): Problem {
  return { doc: docId, rowId, column, severity: 'warning', code: HELD_CODE, message };
}

/** A filled cell of a row nothing of which is shared: its column's header and its refusal's code. */
export interface UnsharedCell {
  header: Localized;
  code: string;
}

/**
 * The note of a new row nothing of which the document can take (`apply.ts`), on its first filled
 * column: the row is not shared, each filled cell's column with the short name of why it was not
 * taken (the cell's own problem says it in full, with the value), that what was typed stays, and
 * that the row is shared once it holds a value that can be. Never the values themselves: a
 * refused one may be a personnummer.
 */
export function unsharedProblem(docId: string, rowId: string, column: string, cells: readonly UnsharedCell[]): Problem {
  // A refusal without a short name of its own (a personnummer's) is said in general words.
  const general = { sv: 'värdet kan inte delas', en: 'the value cannot be shared' };
  const name = (code: string, lang: 'sv' | 'en'): string => (reasonName(code, lang) === code ? general[lang] : reasonName(code, lang));
  const list = (lang: 'sv' | 'en'): string => cells.map((c) => `${c.header[lang]}: ${name(c.code, lang)}`).join('; ');
  const why = (lang: 'sv' | 'en'): string => (cells.length === 0 ? '' : ` (${list(lang)})`);
  return rowNote(docId, rowId, column, {
    sv: `Raden delas inte: inget i den kan delas${why('sv')}. Det du skrev står kvar i bladet, och raden delas när du skriver ett värde i den som kan delas.`,
    en: `The row is not shared: nothing in it can be shared${why('en')}. What you typed stays in the sheet, and the row is shared once you type a value in it that can be.`,
  });
}

/**
 * The note of the row `rowId` read as `read` (`apply.ts`), nothing of which the document can take,
 * keyed as Problems keeps it: on its first filled column, after that cell's own problems.
 */
export function unsharedNote(docId: string, layout: TableLayout, read: { filled: ReadonlySet<string>; problems: readonly [string, Problem][] }, rowId: string): [string, Problem] {
  const first = layout.columns.find((c) => read.filled.has(c.key))?.key ?? layout.columns[0]?.key ?? '';
  const cells = layout.columns.flatMap((column): UnsharedCell[] => {
    const refusal = read.problems.find(([key, p]) => key === column.key && p.severity !== 'info');
    return refusal ? [{ header: column.header, code: refusal[1].code }] : [];
  });
  return [cellProblemKey(rowId, first, read.problems.filter(([key]) => key === first).length), unsharedProblem(docId, rowId, first, cells)];
}

/** The machine code of the note of a row kept shared, though nothing in it can be, for the comments on it. */
export const KEPT_FOR_COMMENTS_CODE = 'row-kept-for-comments';

/**
 * Whether the doc row `rowId` has comments. Such a row is not taken out of the plan to be held
 * again: its thread would go out of everyone's view with it (a deleted row's comments are kept,
 * archived, and shown by no one), and the person may never bring the row back.
 */
export function hasThread(doc: Y.Doc, rowId: string): boolean {
  return threadOf(doc, rowId).length > 0;
}

/**
 * The note of the doc row `rowId` read as `read`, left with nothing the document can take but kept
 * shared for its comments ({@link hasThread}), keyed as {@link unsharedNote} keys its note: the
 * row stays shared and why, and what the person can do. Never the values.
 */
export function keptForCommentsNote(docId: string, layout: TableLayout, read: { filled: ReadonlySet<string>; problems: readonly [string, Problem][] }, rowId: string): [string, Problem] {
  const [key, unshared] = unsharedNote(docId, layout, read, rowId);
  return [
    key,
    {
      ...unshared,
      code: KEPT_FOR_COMMENTS_CODE,
      message: {
        sv: 'Raden delas fortfarande, fast inget i den kan delas: den har kommentarer, och en rad som tas ur planen tar dem med sig ur allas vy. Skriv ett värde i den som kan delas, eller ta bort raden om den inte ska finnas (kommentarerna sparas med den borttagna raden).',
        en: 'The row is still shared, though nothing in it can be: it has comments, and a row taken out of the plan takes them out of everyone’s view. Type a value in it that can be shared, or delete the row if it should not be there (the comments are kept with the deleted row).',
      },
    },
  ];
}

/** Whether a doc row's `values` hold nothing in Samplan's columns of `layout`. */
export function emptied(layout: TableLayout, values: Readonly<RowValues>): boolean {
  return layout.columns.every((c) => {
    const v: CellValue | undefined = values[c.key];
    return v === undefined || sameValue(c, null, v);
  });
}

/** The ids of the rows held now: those with a note in `problems`. */
export function heldIds(problems: ReadonlyMap<string, Problem>): Set<string> {
  const ids = new Set<string>();
  for (const p of problems.values()) if (p.code === HELD_CODE && p.rowId) ids.add(p.rowId);
  return ids;
}

/**
 * Forgets the notes of the held rows `ids` (all of them for `'all'`, after the whole body was
 * read); returns whether any went.
 */
export function forgetHeld(problems: Map<string, Problem>, ids: ReadonlySet<string> | 'all'): boolean {
  let gone = false;
  for (const [key, p] of problems) {
    if (p.code !== HELD_CODE || !p.rowId) continue;
    if (ids === 'all' || ids.has(p.rowId)) {
      problems.delete(key);
      gone = true;
    }
  }
  return gone;
}

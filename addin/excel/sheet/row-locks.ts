/**
 * Rows the person may not change, each with a reason in words: other units' rows in a county
 * action plan, rows an approved reporting round covers, … One mechanism for every such rule: the
 * binding asks {@link RowLocks.reasonFor} before it takes a row from the sheet into the doc, and
 * puts a refused edit back in the cell (from the doc) with the reason in Problems, so nothing the
 * server would refuse is ever sent. The same rules mark those rows in the sheet before anyone
 * types ({@link lockedRowFills}, {@link LOCKED_ROW_FILL}, explained by {@link LOCKED_ROW_LEGEND}).
 * Rows locked by a rule that gives a {@link RowMark} (an approved round) also get one note per
 * mark in Problems (`remote/lock-marks.ts`); when the rules change (the round returned) the grey
 * and the notes follow at once.
 */
import type { Localized, RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { cellKey } from './cell-values.js';

/** One rule: the reason `values` (the row as the doc holds it) may not be changed, or undefined. */
export type RowLockRule = (rowId: string, values: Readonly<RowValues>) => Localized | undefined;

/** How a locked row is marked: rows with the same `group` share one note in Problems. */
export interface RowMark {
  /** Groups rows under one note, e.g. the round's id. */
  group: string;
  /** The short note, e.g. "Låst (2025 kv 2, godkänd)". */
  note: Localized;
}

/** The protected rows of one binding, possibly changing over time (a round approved). */
export interface RowLocks {
  /** Why the row may not be changed by this person; undefined when it may. */
  reasonFor(rowId: string, values: Readonly<RowValues>): Localized | undefined;
  /**
   * Why this person may not change the row `before` (which {@link reasonFor} lets them write) into
   * `after` (both as the doc would hold them): an editor moving their row to another unit, say;
   * undefined when they may. Asked of an edit, never of a new row.
   */
  changeFor?(rowId: string, before: Readonly<RowValues>, after: Readonly<RowValues>): Localized | undefined;
  /**
   * When a new row of `values` that {@link reasonFor} refuses would be sent, as the end of the
   * sentence "… skickas {heldUntil}" ("när Enhet är en av dina enheter"): each lock holds new rows
   * for its own reason, so its own words say what lets them go. Undefined: the general words.
   */
  heldUntil?(rowId: string, values: Readonly<RowValues>): Localized | undefined;
  /**
   * Why a new row of `values` is held, as the held row's note says it before "… skickas
   * {heldUntil}", when {@link reasonFor}'s words already end with what lets the row go ("… låst
   * tills en administratör öppnar …"), which the note would then say twice. Undefined: the
   * words of {@link reasonFor}.
   */
  heldReason?(rowId: string, values: Readonly<RowValues>): Localized | undefined;
  /** The mark of a row to show in the sheet; undefined for a row not marked (not every lock is). */
  markFor?(rowId: string, values: Readonly<RowValues>): RowMark | undefined;
  /** Call `listener` whenever the rules change (a round approved or returned); returns the stop. */
  onChange?(listener: () => void): () => void;
}

/**
 * Row locks from several rules, asked in order; the first reason wins. Rules read live state
 * when asked, so a lock that starts or ends (a round approved or returned) applies at once.
 *
 * @example
 * const locks = rowLocks(otherUnitsRows(me.units, names), approvedRoundRows(rounds));
 * await bindTable(run, doc, 'action-plan', { docId, lang, rowLocks: locks });
 */
export function rowLocks(...rules: readonly RowLockRule[]): RowLocks {
  return {
    reasonFor(rowId, values) {
      for (const rule of rules) {
        const reason = rule(rowId, values);
        if (reason) return reason;
      }
      return undefined;
    },
  };
}

/**
 * Several row locks as one: the first reason and the first mark win; a change of any is a change.
 *
 * @example
 * const locks = combineRowLocks(rights.rowLocks, roundRowLocks(live, info, units, 'sv'));
 */
export function combineRowLocks(...parts: readonly (RowLocks | undefined)[]): RowLocks | undefined {
  const all = parts.filter((p): p is RowLocks => p !== undefined);
  if (all.length <= 1) return all[0];
  return {
    reasonFor: (rowId, values) => firstOf(all, (l) => l.reasonFor(rowId, values)),
    changeFor: (rowId, before, after) => firstOf(all, (l) => l.changeFor?.(rowId, before, after)),
    // The words of the lock whose reason holds the row, not of the first that has words.
    heldUntil: (rowId, values) => all.find((l) => l.reasonFor(rowId, values) !== undefined)?.heldUntil?.(rowId, values),
    heldReason: (rowId, values) => all.find((l) => l.reasonFor(rowId, values) !== undefined)?.heldReason?.(rowId, values),
    markFor: (rowId, values) => firstOf(all, (l) => l.markFor?.(rowId, values)),
    onChange(listener) {
      const stops = all.map((l) => l.onChange?.(listener));
      return () => stops.forEach((stop) => stop?.());
    },
  };
}

/**
 * Why this person may not make the edit that turns the doc row `before` into `after` (both as the
 * doc would hold them), by `locks`; undefined when they may. An edit is judged as the server judges
 * it (`server/sync/row-locks.ts` `lockedRow`, `ownership.ts`): the row as it is (an approved
 * round's row), the change itself ({@link RowLocks.changeFor}: their row moved to another unit) and
 * the row as it would be (a period typed into an approved round's). Every place that takes an edit
 * of a known row from the sheet asks this, so a lock with only {@link RowLocks.reasonFor} still
 * refuses moving a row into what it locks.
 *
 * @example
 * editRefusal(roundLocks, 'r1', { period: '2025Q3' }, { period: '2025Q2' }) // → the round's words when 2025 kv 2 is approved
 */
export function editRefusal(locks: RowLocks | undefined, rowId: string, before: Readonly<RowValues>, after: Readonly<RowValues>): Localized | undefined {
  if (!locks) return undefined;
  return locks.reasonFor(rowId, before) ?? locks.changeFor?.(rowId, before, after) ?? locks.reasonFor(rowId, after);
}

function firstOf<T>(all: readonly RowLocks[], f: (l: RowLocks) => T | undefined): T | undefined {
  for (const l of all) {
    const got = f(l);
    if (got !== undefined) return got;
  }
  return undefined;
}

/** The code of the note of an edit (or a deletion) of a protected row put back: {@link putBackProblem}. */
export const PUT_BACK_CODE = 'row-locked';

/** The code of the note of an undo not made because of a row lock (`local/locked-undo.ts`). */
export const UNDO_REFUSED_CODE = 'undo-refused';

/**
 * The problem that says an edit of a protected cell was put back: names the reason; Problems adds
 * the row and the column.
 */
export function putBackProblem(docId: string, rowId: string, column: string, reason: Localized, what: 'edit' | 'delete' = 'edit'): Problem {
  return {
    doc: docId,
    rowId,
    column,
    severity: 'warning',
    code: PUT_BACK_CODE,
    message:
      what === 'delete'
        ? { sv: `Raden togs inte bort och visas igen: ${reason.sv}`, en: `The row was not deleted and is shown again: ${reason.en}` }
        : { sv: `Ändringen togs tillbaka: ${reason.sv}`, en: `The change was put back: ${reason.en}` },
  };
}

/**
 * The fill of every cell of a row this person may not change: a light grey, lighter than the
 * problem fills (`FILL` in excel-io.ts), which take precedence on their cells so a problem in a
 * protected row still shows. One colour for every rule, so one legend explains it.
 */
export const LOCKED_ROW_FILL = '#E7E6E6';

/** The pane's legend of {@link LOCKED_ROW_FILL}: what grey rows mean and where the reason is shown. */
export const LOCKED_ROW_LEGEND: Localized = {
  sv: 'Grå rader kan du inte ändra (andra enheters rader eller låsta rader); försöker du, tas ändringen tillbaka och Problem säger varför.',
  en: 'Grey rows are ones you cannot change (other units\' rows or locked rows); if you try, the change is put back and Problems says why.',
};

/**
 * The cells to mark as protected: for each row of `rows` that `locks` refuses, every cell key of
 * `columns`, keyed `rowId\u0000column` like the binding's problem cells, mapped to
 * {@link LOCKED_ROW_FILL}. Rows are the doc's (id and values); rules read live state, so calling
 * it again after a lock starts or ends gives the new marking.
 *
 * @example
 * lockedRowFills(locks, rowsOf(doc), layout.columns.map((c) => c.key)) // Map { 'r1\u0000title' => '#E7E6E6', … }
 */
export function lockedRowFills(locks: RowLocks, rows: Iterable<{ id: string; values: Readonly<RowValues> }>, columns: readonly string[]): Map<string, string> {
  const fills = new Map<string, string>();
  for (const row of rows) {
    if (!locks.reasonFor(row.id, row.values)) continue;
    for (const column of columns) fills.set(cellKey(row.id, column), LOCKED_ROW_FILL);
  }
  return fills;
}

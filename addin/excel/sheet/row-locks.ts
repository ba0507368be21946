/**
 * Rows the person may not change, each with a reason in words: other units' rows in a county
 * action plan, rows an approved reporting round covers, … One mechanism for every such rule: the
 * binding asks {@link RowLocks.reasonFor} before it takes a row from the sheet into the doc, and
 * puts a refused edit back in the cell (from the doc) with the reason in Problems, so nothing the
 * server would refuse is ever sent.
 */
import type { Localized, RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';

/** One rule: the reason `values` (the row as the doc holds it) may not be changed, or undefined. */
export type RowLockRule = (rowId: string, values: Readonly<RowValues>) => Localized | undefined;

/** The protected rows of one binding, possibly changing over time (a round approved). */
export interface RowLocks {
  /** Why the row may not be changed by this person; undefined when it may. */
  reasonFor(rowId: string, values: Readonly<RowValues>): Localized | undefined;
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
 * The problem that says an edit of a protected cell was put back: names the reason; Problems adds
 * the row and the column.
 */
export function putBackProblem(docId: string, rowId: string, column: string, reason: Localized): Problem {
  return {
    doc: docId,
    rowId,
    column,
    severity: 'warning',
    code: 'row-locked',
    message: {
      sv: `Ändringen togs tillbaka: ${reason.sv}`,
      en: `The change was put back: ${reason.en}`,
    },
  };
}

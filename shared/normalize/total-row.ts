/**
 * Telling a total row from an entry. Swedish plans kept in Excel often end with a row such as
 * `Summa | | | 60 | 45` (or `Totalt`, `Total`, `S:a`, `Sum`): the sums of the columns above, not an
 * activity, a partner or a value. The pane's adoption leaves such a row out with its reason
 * (`addin/excel/adopt/plan.ts`), and so does an import (`server/http/import-rows.ts`).
 */
import { parseSwedishNumber, pointAmbiguity } from './parse-number.js';

/** A cell whose first word names a total: `Summa`, `Totalt`, `Total`, `Sum`, `S:a`, any case. */
export const TOTAL_WORD = /^(summa|totalt?|total|sum|s:a)\b/i;

const textOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * True when `row` (a file's row of cells, as read: text, numbers, dates, booleans, null) is a total
 * row: its first filled cell starts with a total word ({@link TOTAL_WORD}) and every other filled
 * cell is a number, a date or a number written as text (`1 234,5`, `12 %`), also one whose point
 * reads two ways (`1.234`: which number it is does not matter to a row left out). An entry named
 * so, `Total hälsa` with its type and venue beside it, holds other text and is not a total row.
 *
 * @example isTotalRow(['Summa', null, '', 60, '45']) // true
 * @example isTotalRow(['Totalt antal deltagare', 120]) // true
 * @example isTotalRow(['Summa', '1.250', '2.500']) // true
 * @example isTotalRow(['Total hälsa', 'Hälsodag', 20]) // false
 */
export function isTotalRow(row: readonly unknown[]): boolean {
  let first = true;
  for (const cell of row) {
    const text = textOf(cell);
    if (text === '' && (cell === null || cell === undefined || typeof cell === 'string')) continue;
    if (first) {
      if (!TOTAL_WORD.test(text)) return false;
      first = false;
      continue;
    }
    if (typeof cell === 'string' && parseSwedishNumber(text) === null && pointAmbiguity(text) === null) return false;
    if (typeof cell === 'boolean') return false;
  }
  return !first;
}

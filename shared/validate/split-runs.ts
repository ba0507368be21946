/**
 * The run rule of the split check (`split-personnummer.ts`): the ten or twelve digits of a
 * personnummer split over two or three neighbouring cells of a row along its fields, the date part
 * and the serial apart (`1981` | `1218` | `9876`, `19` | `811218` | `9876`, `8112` | `18` | `9876`,
 * `811218` | `98` | `76`), the serial's `-` or `+` in its own cell (`811218` | `-` | `9876`), at a
 * cell's edge (`811218-` | `98` | `76`) or inside one (`811218-98` | `76`). Judged as the one-cell
 * guard judges the number written whole (`findPersonnummer`: a date of the calendar or a
 * samordningsnummer's day + 60, a valid Luhn check digit), so what the guard lets pass in one cell
 * passes split too.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import type { CellReading } from './split-reading.js';

/**
 * A text that may be a part of a run, as the guard reads it (trimmed): digits, in groups split by
 * single spaces (`81 12 18`), with at most one `-` or `+` between two of them (`811218-98`,
 * `98-76`), one before them and one after (`-9876`, `811218-`), or a mark alone (`-`). So an ISO
 * date (`2025-02-11`: two marks between digits), a date written with dots, a time (`14:30`) or an
 * amount (`1,5`) is none.
 */
const PART = /^(?:[-+] ?)?(?:\d+(?: \d+)*)?(?: ?[-+] ?\d+(?: \d+)*)?(?: ?[-+])?$/;

/**
 * A cell's reading as a part of a run, or null: a text as the guard reads it when it is digits
 * and marks alone ({@link PART}); a whole number as its digits (`-9876` with its `-`). A number is
 * read as written, no zero put back: split over three cells, where a zero was lost cannot be told.
 */
export function partText(cell: CellReading): string | null {
  if (cell.text === null) return String(cell.value);
  return cell.text.length > 0 && PART.test(cell.text) ? cell.text : null;
}

/**
 * The personnummer or samordningsnummer the parts `parts` (texts of {@link partText}, in the
 * kind's column order) make read one after the other, or null. Read as a person splits the number
 * over cells, along its fields: its digits together are ten or twelve; the date part and the
 * serial (the last four digits) are apart, a cell ending or a `-` or `+` between them; every
 * other cell ends between two of the number's pairs (`19` | `811218`, `1981` | `1218`, `8112` |
 * `18`, `98` | `76`), as does a space inside a cell (`81 12 18`, `98 76`); every `-` or `+` stands
 * before the serial, or a `-` between its pairs (`98-76`). So amounts in groups of three (`1 218`),
 * postcodes (`123 45`) and digits cut anywhere (`811` | `2189876`) are none. The number is then
 * judged written whole, date part, the serial's mark (a `-` when none is written) and serial, as
 * a pair of halves is (`split-halves.ts`).
 *
 * @example
 * joinedRun(['1981', '1218', '9876']); // { kind: 'personnummer', … } (19811218-9876)
 * joinedRun(['2025', '0211', '1234']); // null: 20250211-1234 fails the check digit
 */
export function joinedRun(parts: readonly string[]): PersonnummerMatch | null {
  let digits = '';
  /** Where each mark stands (digits before it), and the mark. */
  const marks: [number, string][] = [];
  /** Where a space or a cell's end stands (digits before it). */
  const breaks: number[] = [];
  for (const part of parts) {
    if (digits.length > 0) breaks.push(digits.length);
    for (let i = 0; i < part.length; i++) {
      const c = part.charAt(i);
      if (c === ' ') breaks.push(digits.length);
      else if (c === '-' || c === '+') marks.push([digits.length, c]);
      else digits += c;
    }
  }
  const n = digits.length;
  if (n !== 10 && n !== 12) return null;
  const serialAt = n - 4;
  let mark = '';
  for (const [at, m] of marks) {
    if (at === serialAt) mark = m;
    else if (!(at === n - 2 && m === '-')) return null;
  }
  for (const at of breaks) if (at >= n || at % 2 !== 0) return null;
  if (mark === '' && !breaks.includes(serialAt)) return null;
  return findPersonnummer(`${digits.slice(0, serialAt)}${mark || '-'}${digits.slice(serialAt)}`);
}

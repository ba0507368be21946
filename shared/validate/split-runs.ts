/**
 * The run rule of the split check (`split-personnummer.ts`): the ten or twelve digits of a
 * personnummer split over two to four neighbouring cells of a row along its fields, the date part
 * and the serial apart (`1981` | `1218` | `9876`, `19` | `811218` | `9876`, `8112` | `18` | `9876`,
 * `811218` | `98` | `76`, `81` | `12` | `18` | `9876`), the serial's `-` or `+` in its own cell
 * (`811218` | `-` | `9876`), at a cell's edge (`811218-` | `98` | `76`) or inside one (`811218-98` |
 * `76`), or a date of birth written day first beside the serial split (`18/12/1981` | `98` | `76`);
 * an empty cell between two parts is read across (`811218` | | `9876`: {@link nextRun}). Judged
 * as the one-cell guard judges the number written whole (`findPersonnummer`: a date of the
 * calendar or a samordningsnummer's day + 60, a valid Luhn check digit), so what the guard lets
 * pass in one cell passes split too.
 */
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import type { CellReading } from './split-reading.js';
import { isWorded, type WordedCell } from './split-worded.js';

/**
 * A text that may be a part of a run, as the guard reads it (trimmed): digits, in groups split by
 * single spaces (`81 12 18`), with at most one `-` or `+` between two of them (`811218-98`,
 * `98-76`), one before them and one after (`-9876`, `811218-`), or a mark alone (`-`). So an ISO
 * date (`2025-02-11`: two marks between digits), a date written with dots, a time (`14:30`) or an
 * amount (`1,5`) is none.
 */
const PART = /^(?:[-+] ?)?(?:\d+(?: \d+)*)?(?: ?[-+] ?\d+(?: \d+)*)?(?: ?[-+])?$/;

/**
 * A date of birth written day (or month) first with `.`, `/` or `-` (`18.12.1981`, `18/12/81`,
 * `18-12-81`), and the serial's mark after it or not, as the pair rule reads one
 * (`split-halves.ts`): the first part of a run whose other parts are the serial. Not an ISO date
 * (`1981-12-18`), which a date column holds: see `split-halves.ts`.
 */
const DAY_FIRST = /^(\d\d?([./-])\d\d?\2(?:\d\d|\d{4}))\s*([-+]?)$/;

/**
 * A cell's reading as a part of a run, or null: a text as the guard reads it when it is digits
 * and marks alone ({@link PART}) or a date written day first ({@link DAY_FIRST}); a whole number as
 * its digits (`-9876` with its `-`). A number is read as written, no zero put back: split over
 * three cells or more, where a zero was lost cannot be told.
 */
export function partText(cell: CellReading): string | null {
  if (cell.text === null) return String(cell.value);
  return cell.text.length > 0 && (PART.test(cell.text) || DAY_FIRST.test(cell.text)) ? cell.text : null;
}

/** The most parts a run holds: a date part in pairs, `81` | `12` | `18`, and the serial. */
export const LONGEST_RUN = 4;

/**
 * The most empty cells read across between two parts of a run: one, a column left blank between
 * the date part and the serial (`811218` | | `9876`, a sheet's "Födelsedatum", an unused column,
 * "Sista fyra"). Two or more blank columns between two values is no longer one field beside
 * another, and each one read across adds runs in every sparse row (see README's figures).
 */
export const MOST_EMPTY_BETWEEN = 1;

/**
 * A row's cell as a run reads it: a part's reading, a cell of words with a part at its edge (a
 * run's first or last part only: `split-worded.ts`), {@link EMPTY_CELL}, or null for a cell no
 * part (which ends every run).
 */
export type RunCell = CellReading | WordedCell | typeof EMPTY_CELL | null;

/** An empty cell (`isEmptyCell`): read across between two parts, never a part. */
export const EMPTY_CELL = 'empty';

/**
 * The farthest a part of a run that holds a cell stands from it: three more parts, each after
 * up to {@link MOST_EMPTY_BETWEEN} empty cells.
 */
export const REACH = (LONGEST_RUN - 1) * (MOST_EMPTY_BETWEEN + 1);

/**
 * The cells of every run that holds the cell at `i` of `keys` (read by `read`), and where they
 * start: up to {@link REACH} on either side, and no further than a cell no part (which no run
 * crosses), a cell of words (a run's edge, which none crosses either) or more empty cells in a
 * row than a run reads across. Most neighbours of a part are
 * words, an enum or a date, so most reads stop at the first cell on either side.
 */
export function around(keys: readonly string[], i: number, read: (key: string) => RunCell): { keys: readonly string[]; cells: RunCell[]; from: number } {
  const cells: RunCell[] = [read(keys[i] as string)];
  let from = i;
  for (let k = i - 1, empties = 0; k >= 0 && i - k <= REACH; k--) {
    const cell = read(keys[k] as string);
    if (cell === null || (cell === EMPTY_CELL && ++empties > MOST_EMPTY_BETWEEN)) break;
    if (cell !== EMPTY_CELL) empties = 0;
    cells.unshift(cell);
    from = k;
    // Words end every run on their side: such a cell is a run's first part at most.
    if (isWorded(cell)) break;
  }
  for (let k = i + 1, empties = 0; k < keys.length && k - i <= REACH; k++) {
    const cell = read(keys[k] as string);
    if (cell === null || (cell === EMPTY_CELL && ++empties > MOST_EMPTY_BETWEEN)) break;
    if (cell !== EMPTY_CELL) empties = 0;
    cells.push(cell);
    if (isWorded(cell)) break;
  }
  return { keys: keys.slice(from, from + cells.length), cells, from };
}

/**
 * The places (indices in `cells`) of the run of `length` parts that starts at `start`, or null:
 * each next part the next cell that is no {@link EMPTY_CELL}, with at most {@link
 * MOST_EMPTY_BETWEEN} empty cells before it. A run never skips a cell holding anything.
 */
export function nextRun(cells: readonly RunCell[], start: number, length: number): number[] | null {
  const first = cells[start];
  if (first === null || first === undefined || first === EMPTY_CELL) return null;
  const places = [start];
  let at = start;
  while (places.length < length) {
    let next = at + 1;
    while (next < cells.length && cells[next] === EMPTY_CELL && next - at <= MOST_EMPTY_BETWEEN) next++;
    const cell = cells[next];
    if (cell === null || cell === undefined || cell === EMPTY_CELL) return null;
    places.push(next);
    at = next;
  }
  return places;
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
  const day = DAY_FIRST.exec(parts[0] ?? '');
  if (day !== null) return dayFirstRun(day[1] as string, day[3] as string, parts.slice(1));
  const { digits, marks, breaks } = laidOut(parts);
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

/** The digits of parts read one after the other, where each mark stands and where a space or a cell's end does (digits before it). */
interface LaidOut {
  digits: string;
  marks: [number, string][];
  breaks: number[];
}

function laidOut(parts: readonly string[]): LaidOut {
  let digits = '';
  const marks: [number, string][] = [];
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
  return { digits, marks, breaks };
}

/**
 * The number a date written day first (`date`, with the serial's mark `dateMark` after it or '')
 * and the serial in the parts after it make, or null: the serial's four digits, cut only between
 * its pairs (`98` | `76`), its `-` or `+` before it (in a cell of its own, `18.12.1981` | `-` |
 * `9876`) or a `-` between its pairs. Judged as the guard judges the date and serial written
 * whole (its day-first shape: `18.12.1981-9876`), as the pair rule does.
 */
function dayFirstRun(date: string, dateMark: string, rest: readonly string[]): PersonnummerMatch | null {
  const { digits, marks, breaks } = laidOut(rest);
  if (digits.length !== 4 || breaks.some((at) => at !== 2)) return null;
  let mark = dateMark;
  for (const [at, m] of marks) {
    if (at === 0 && mark === '') mark = m;
    else if (!(at === 2 && m === '-')) return null;
  }
  return findPersonnummer(`${date}${mark || '-'}${digits}`);
}

/**
 * A personnummer split over two cells of one row: a text cell holding only a date part
 * (`811218`, `19811218`) and the next cell, in the kind's column order, holding only four digits
 * (`9876`, `-9876`), which together the guard refuses (a date of the calendar, or a
 * samordningsnummer's day + 60, and a valid Luhn check digit). Every per-cell guard judges one
 * cell and passes both. Every kind of cell counts: a text, a number cell holding the digits
 * (`811218` | `9876` as numbers; one that lost its leading zero, `11218` for `011218` or `212`
 * for `0212`, `-1212` typed as the negative number it becomes, see `joined`), a date of birth
 * written day first (`18.12.1981` | `9876`). A text is read as the one-cell guard reads it (any
 * dash, digits of any script, invisible characters: `811218` | `–9876`; see `digitsText`). An
 * ISO date (`2025-02-11`, what a date column holds) does not: an ordinary row (a date next to a
 * count or a year) is never read so, while one in ten of any four digits after a date part would
 * pass the Luhn check.
 *
 * Neighbours are by the kind's column order (`cellColumns`), the one order the document has: the
 * order of an Excel table's columns is each person's own (moving a column is local, like sorting),
 * so the server cannot know it, and the pane, which checks an update as the server will, refuses
 * what the server refuses. An import asks the same order, not its file's: it judges each record
 * as it will leave the row (its cells over the stored row it updates) with {@link splitInWrites}
 * and refuses that record alone (`splitRefusal`, `server/http/import-check.ts`), since the door
 * would refuse the whole import's update.
 */
import type { DocKind, Localized, RowValues } from '../schema/types.js';
import { cellColumn, cellColumns } from '../schema/index.js';
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import { normalizeForDigits } from './normalize-digits.js';
import type { CellWrite } from './update-walk.js';
import type { SettleCell } from './settled-cells.js';

/**
 * A date part alone in a cell, as {@link normalizeForDigits} reads it: YYMMDD or YYYYMMDD, also
 * in groups split by single spaces (`81 12 18`, `1981 12 18`), or a date of birth written day or
 * month first with marks (`18.12.1981`, `18/12/81`, `12-18-1981`; the guard's day-first shape
 * judges it with the serial), spaces around it allowed, and the serial's `-` or `+` after it
 * (`811218-` | `9876`: the number typed with its dash and cut after it). Not an ISO date
 * (`1981-12-18`): a date column holds those, and one in ten of any four digits beside one would
 * pass the Luhn check.
 */
const DATE_PART = /^\s*(\d{6}|\d{8}|\d\d \d\d \d\d|\d{4} \d\d \d\d|\d\d?([./-])\d\d?\2(?:\d\d|\d{4}))\s*([-+]?)\s*$/;
/** A serial alone in a cell, its `-` or `+` (100 years or older) written or not, its pairs apart or not (`98 76`, `98-76`). */
const SERIAL = /^\s*([-+]?)\s*(\d\d)[ -]?(\d\d)\s*$/;
/**
 * The most characters a text read as a half may hold besides its padding ({@link PADDING}): a
 * half is far shorter, and a long text (a comment, a description) is never one, so it costs no
 * pass. The padding is not counted, since the guard reads through it: a half padded past any
 * length (`811218` and 60 spaces, a fixed-width export's column pasted in; invisible characters
 * between its digits) is still a half.
 */
const HALF_MAX_UNITS = 64;

/** What the guard's reading drops or reads as a space (`normalize-digits.ts`): spaces, invisible and control characters, combining marks. */
const PADDING = /[\s\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}]/u;

/** True when `value` holds at most {@link HALF_MAX_UNITS} characters that are no {@link PADDING}; stops counting past that. */
function shortEnough(value: string): boolean {
  if (value.length <= HALF_MAX_UNITS) return true;
  let kept = 0;
  for (const ch of value) if (!PADDING.test(ch) && ++kept > HALF_MAX_UNITS) return false;
  return true;
}

/**
 * A text as the guard reads its digits (`normalize-digits.ts`: digits of any script, every dash
 * `-`, every space one space, invisible characters gone), so that a half the guard would read in
 * one cell (`–9876`, `９８７６`, `811218\u200b`) is read as one here too; a leading `'` (a
 * spreadsheet's mark for a number kept as text, left in a CSV file) is dropped. Null for a text
 * too long or with fewer than four digits, which is no half.
 */
function digitsText(value: string): string | null {
  if (!shortEnough(value)) return null;
  const read = normalizeForDigits(value, 4)?.text;
  return read === undefined ? null : read.replace(/^\s*'/, '');
}

/**
 * A cell's value as the text a date part is read in: a text as the guard reads it ({@link
 * digitsText}); a whole number of six or
 * eight digits (a date part typed in a number cell, `811218`) as its digits, and, when `pad`, one
 * of five as six (`011218` typed in a number cell, born 2000–2009, is the number 11218: the cell
 * lost its leading zero); null for anything else (other numbers, booleans, nothing). A date part
 * of 2000 itself (`001218`, the number 1218) is not read: it lost two zeros, and every count of
 * three or four digits would be one.
 */
function dateText(value: unknown, pad: boolean): string | null {
  if (typeof value === 'string') return digitsText(value);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 10_000) return null;
  const digits = String(value);
  if (digits.length === 5) return pad ? `0${digits}` : null;
  return digits.length === 6 || digits.length === 8 ? digits : null;
}

/**
 * A cell's value as the text a serial is read in: a text as the guard reads it ({@link
 * digitsText}); a whole number of one to four
 * digits as four (`0212` typed in a number cell is the number 212: the cell lost its leading
 * zero), a negative one with its `-` (`-1212`, what a spreadsheet makes of the serial typed with
 * its dash); null for anything else.
 */
function serialText(value: unknown): string | null {
  if (typeof value === 'string') return digitsText(value);
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 9999) return null;
  return `${value < 0 ? '-' : ''}${String(Math.abs(value)).padStart(4, '0')}`;
}

/** The two cells of a row that together hold a personnummer, by their keys, and what they hold. */
export interface SplitPersonnummer {
  /** The key of the cell holding the date part. */
  first: string;
  /** The key of the next cell, holding the serial. */
  second: string;
  /** What the guard found in the two joined: its kind, for the words of a refusal (never show `match`). */
  found: PersonnummerMatch;
}

/**
 * The number `date` and `serial` (two cells' values, date part first) make together, or null.
 * A serial that lost its leading zeros is read padded whatever stands beside it (`19121212` |
 * `212`, `811218` | `212`): beside a number of six or eight digits, which a count hardly is
 * beside one below 1,000. A date part that lost its leading zero (five digits) is read padded
 * too, except in `counts`, a pair of number columns whose cells both hold numbers (`indicator-values`'
 * value | numerator | denominator, an activity's participants planned | reached): there a number
 * of five digits beside another is a row of counts and rates, and padded about one plausible row
 * in 4,000 read as a personnummer (a rate of 10717 per 100,000 beside a numerator of 136), so
 * one pasted update of 1,000 such rows in five would be refused whole.
 */
function joined(date: unknown, serial: unknown, counts: boolean): PersonnummerMatch | null {
  const first = dateText(date, !(counts && typeof date === 'number' && typeof serial === 'number'));
  const second = first === null ? null : serialText(serial);
  if (first === null || second === null) return null;
  const d = DATE_PART.exec(first);
  const s = d === null ? null : SERIAL.exec(second);
  if (d === null || s === null) return null;
  // The serial's own mark, else the one after the date part, else a dash.
  const mark = (s[1] as string) || (d[3] as string) || '-';
  return findPersonnummer(`${(d[1] as string).replace(/ /g, '')}${mark}${s[2] as string}${s[3] as string}`);
}

/** The keys of a kind's number columns (`integer`, `number`): see `joined`. */
export function countColumns(kind: DocKind): ReadonlySet<string> {
  return orderOf(kind).counts;
}

/**
 * The first two neighbouring cells of `values` (neighbours in `keys`, the kind's column order)
 * whose texts are a date part and a serial forming a personnummer or samordningsnummer, or null.
 * `counts`: the keys of number columns ({@link countColumns}; none by default), where a number of
 * five digits beside another is not read as a date part that lost its zero (see `joined`).
 *
 * @example
 * splitPersonnummer({ a: '811218', b: '9876' }, ['a', 'b']); // { first: 'a', second: 'b', found: … }
 * splitPersonnummer({ a: '2025-02-11', b: '1234' }, ['a', 'b']); // null
 */
export function splitPersonnummer(values: RowValues, keys: readonly string[], counts: ReadonlySet<string> = NO_KEYS): SplitPersonnummer | null {
  for (let i = 0; i + 1 < keys.length; i++) {
    const first = keys[i] as string;
    const second = keys[i + 1] as string;
    const found = joined(values[first], values[second], counts.has(first) && counts.has(second));
    if (found !== null) return { first, second, found };
  }
  return null;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/** True when `value` may be one half of a split number: a date part or a serial alone. */
function half(value: unknown): boolean {
  const date = dateText(value, true);
  if (date !== null && DATE_PART.test(date)) return true;
  const serial = serialText(value);
  return serial !== null && SERIAL.test(serial);
}

/** A kind's column keys in order, each key's place in it, and the keys of its number columns. */
interface Order {
  keys: readonly string[];
  at: ReadonlyMap<string, number>;
  counts: ReadonlySet<string>;
}

const orders = new Map<DocKind, Order>();

function orderOf(kind: DocKind): Order {
  let order = orders.get(kind);
  if (order === undefined) {
    const columns = cellColumns(kind);
    const keys = columns.map((c) => c.key);
    const counts = new Set(columns.filter((c) => c.column.type === 'integer' || c.column.type === 'number').map((c) => c.key));
    order = { keys, at: new Map(keys.map((k, i) => [k, i])), counts };
    orders.set(kind, order);
  }
  return order;
}

/**
 * The split personnummer the cell writes of one update (`cells`, as `checkUpdate` lists them: a
 * value, or undefined for a cell removed) make in the rows they land in, each row read as it
 * will be. Only pairs with a written cell count: a row the document already holds so (stored
 * before this check) does not refuse an edit of its other cells, and removing either half is
 * always taken. Rows `gone` says the update deletes are skipped.
 *
 * With `settle` (`settledCells`), every cell of the pairs read is read as Yjs will leave it: a
 * concurrent write may lose to the value stored, and of several items one update holds for a
 * cell Yjs keeps one, not always the last listed. Without it, the update's last value over what
 * `held` says the document holds (undefined: nothing, or a row the update makes new); one value
 * per cell, as an import's record writes. A cell's pairs are read when any value the update
 * writes in it is a half: what a cell settles to is one of those, or the value stored, and a
 * cell left as stored makes a new pair only with a neighbour written a half, whose pairs are
 * read. Cost: a regular expression per written value; a row is read only around such a cell.
 */
export function splitInWrites(
  kind: DocKind,
  cells: readonly CellWrite[],
  held: (rowId: string, column: string) => unknown,
  gone: (rowId: string) => boolean,
  settle?: SettleCell,
): SplitPersonnummer | null {
  // Each row's columns written a half, to read around.
  let reads: Map<string, Set<string>> | null = null;
  for (const c of cells) {
    if (!half(c.value)) continue;
    reads ??= new Map();
    const columns = reads.get(c.rowId);
    if (columns === undefined) reads.set(c.rowId, new Set([c.column]));
    else columns.add(c.column);
  }
  if (reads === null) return null;
  const { keys, at, counts } = orderOf(kind);
  const value = settle ?? lastWritten(cells, held);
  for (const [rowId, columns] of reads) {
    if (gone(rowId)) continue;
    for (const column of columns) {
      const i = at.get(column);
      if (i === undefined) continue;
      for (const j of [i - 1, i]) {
        const first = keys[j];
        const second = keys[j + 1];
        if (first === undefined || second === undefined) continue;
        const found = joined(value(rowId, first), value(rowId, second), counts.has(first) && counts.has(second));
        if (found !== null) return { first, second, found };
      }
    }
  }
  return null;
}

/**
 * A row's cells as the update's last value (a value written wins over the removal of the value
 * it replaces: both are listed for one cell) over what `held` says the document holds.
 */
function lastWritten(cells: readonly CellWrite[], held: (rowId: string, column: string) => unknown): SettleCell {
  const rows = new Map<string, Map<string, unknown>>();
  for (const c of cells) {
    let row = rows.get(c.rowId);
    if (row === undefined) rows.set(c.rowId, (row = new Map()));
    if (c.value !== undefined || !row.has(c.column)) row.set(c.column, c.value);
  }
  return (rowId, column) => {
    const row = rows.get(rowId);
    return row !== undefined && row.has(column) ? row.get(column) : held(rowId, column);
  };
}

/**
 * The headers (sv/en, the kind's schema labels, as the person sees them above the columns) of
 * the two cells of `split`, for the words of a refusal: the door's (`checkUpdate`) and an
 * import's (`splitRefusal`) name the same columns. A key the kind lacks is shown as itself.
 */
export function splitHeaders(kind: DocKind, split: SplitPersonnummer): { first: Localized; second: Localized } {
  const header = (key: string): Localized => cellColumn(kind, key)?.header ?? { sv: key, en: key };
  return { first: header(split.first), second: header(split.second) };
}

/**
 * A personnummer split over two to four neighbouring cells of one row, which every per-cell
 * guard passes, judging one cell: a date part and a serial (`811218` | `9876`, `19811218` |
 * `-9876`, `18.12.1981` | `9876`; halves typed as numbers that lost a leading zero, `11218` for
 * `011218` or `212` for `0212`, `-1212` typed as the negative number it becomes:
 * `split-halves.ts`), or the ten or twelve digits split over two to four cells along the
 * number's pairs, the date part and the serial apart, the serial's `-` or `+` in a cell of its own
 * or at a cell's edge (`1981` | `1218` | `9876`, `19` | `811218` | `9876`, `811218` | `98` | `76`,
 * `811218` | `-` | `9876`, `811218-98` | `76`, `81` | `12` | `18` | `9876`, `18/12/1981` | `98` |
 * `76`: `split-runs.ts`), an empty cell read across between two parts (`811218` | | `9876`).
 * Together they must be what the guard refuses written whole: a date of the
 * calendar, or a samordningsnummer's day + 60, and a valid Luhn check digit. A text is read as the
 * one-cell guard reads it (any dash, digits of any script, look-alike letters between digits,
 * invisible characters: `811218` | `–9876`, `85O1O1` | `9876`), without the quotes, brackets and
 * phrase marks at its edges (`"811218"`, `(811218` | `9876)`, `9876.`: `split-reading.ts`). An ISO date
 * (`2025-02-11`, what a date column holds) is no part: an ordinary row (a date next to a count or
 * a year) is never read so, while one in ten of any four digits after a date part would pass the
 * Luhn check. Cells further apart (a cell holding anything, or two empty cells, between them; or
 * down a column over rows) are not read.
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
import type { PersonnummerMatch } from './personnummer.js';
import type { CellWrite } from './update-walk-types.js';
import type { SettleCell } from './settled-cells.js';
import { isEmptyCell, readCell, type CellReading } from './split-reading.js';
import { isHalf, joinedHalves } from './split-halves.js';
import { EMPTY_CELL, LONGEST_RUN, around, joinedRun, nextRun, partText, type RunCell } from './split-runs.js';
import { isWorded, markWritten, type WordedCell } from './split-worded.js';
import { edgeCell } from './split-edges.js';
import { reserveCell, splitReserve, type SplitReserve } from './split-reserve.js';

/** The cells of a row that together hold a personnummer, by their keys, and what they hold. */
export interface SplitPersonnummer {
  /** The key of the first cell (the date part's, or its first digits'). */
  first: string;
  /** The key of the next cell. */
  second: string;
  /** The key of the part after {@link second}, when the number runs over three cells or four. */
  third?: string;
  /** The key of the part after {@link third}, when the number runs over four cells. */
  fourth?: string;
  /** What the guard found in the cells joined: its kind, for the words of a refusal (never show `match`). */
  found: PersonnummerMatch;
}

/**
 * The number the cells `cells` (readings of a run's parts, in the kind's column order) make
 * together, or null. Two cells: a date part and a serial as their halves are written
 * (`split-halves.ts`), else split along the number's pairs (`split-runs.ts`); three or four: so
 * split. `counts`: every cell of the run is in a number column
 * ({@link countColumns}). A run of numbers in number columns alone is read as halves only: counts
 * and rates beside each other (an indicator's value, numerator and denominator) are ten digits
 * together in many rows, and so read 37–48 of 100,000 seeded rows made a personnummer (about one
 * in 2,400: a paste of 1,000 such rows would be refused whole one time in three).
 */
function joined(read: readonly CellReading[], counts: boolean): PersonnummerMatch | null {
  if (read.length === 2) {
    const halves = joinedHalves(read[0] as CellReading, read[1] as CellReading, counts);
    if (halves !== null) return halves;
  }
  if (counts && read.every((c) => typeof c.value === 'number')) return null;
  const parts: string[] = [];
  for (const c of read) {
    const part = partText(c);
    if (part === null) return null;
    parts.push(part);
  }
  return joinedRun(parts);
}

/** The keys of a kind's number columns (`integer`, `number`): see `joined`. */
export function countColumns(kind: DocKind): ReadonlySet<string> {
  return orderOf(kind).counts;
}

/**
 * The keys of a kind's coded columns, whose every value is a code of fixed form and no part of a
 * split number (`period`: `yyyy`, `yyyyMM`, …, `PERIOD_PATTERN`): a monthly period of 2001–2012
 * (`201203`) has the form of a date part, and read as one beside a value across an empty `Kön`
 * it made one row of ten a personnummer. Such a cell ends a run as any cell holding something.
 */
export function codedColumns(kind: DocKind): ReadonlySet<string> {
  return orderOf(kind).coded;
}

/**
 * The first run of two to four neighbouring cells of `values` (neighbours in `keys`, the kind's
 * column order, an empty cell between two read across) that together hold a personnummer or
 * samordningsnummer, or null; of the runs, the shorter are read first, so a run of three is named
 * only when no two of it are enough, one of four when no three are. `counts`:
 * the keys of number columns ({@link countColumns}; none by default), where a number of five
 * digits beside another is not read as a date part that lost its zero, and numbers alone are read
 * as halves only (see `joined`). `coded`: the keys of coded columns ({@link codedColumns}; none
 * by default), whose values are never parts.
 *
 * @example
 * splitPersonnummer({ a: '811218', b: '9876' }, ['a', 'b']); // { first: 'a', second: 'b', found: … }
 * splitPersonnummer({ a: '1981', b: '1218', c: '9876' }, ['a', 'b', 'c']); // { first: 'a', second: 'b', third: 'c', found: … }
 * splitPersonnummer({ a: '811218', c: '9876' }, ['a', 'b', 'c']); // { first: 'a', second: 'c', found: … }
 * splitPersonnummer({ a: '2025-02-11', b: '1234' }, ['a', 'b']); // null
 */
export function splitPersonnummer(values: RowValues, keys: readonly string[], counts: ReadonlySet<string> = NO_KEYS, coded: ReadonlySet<string> = NO_KEYS): SplitPersonnummer | null {
  // Each cell read once, whatever the runs it is in; most are settled by `mayBePart` alone.
  const cells = keys.map((k) => runCell(values[k], coded.has(k)));
  for (let length = 2; length <= LONGEST_RUN; length++) {
    for (let i = 0; i + length <= keys.length; i++) {
      const found = runAt(keys, cells, i, length, counts, -1);
      if (found !== null) return found;
    }
  }
  return asSplit(splitReserve(keys, (k) => values[k], counts, coded));
}

/** A reservnummer split over cells (`split-reserve.ts`) as the cells of a split number. */
function asSplit(reserve: SplitReserve | null): SplitPersonnummer | null {
  if (reserve === null) return null;
  const [first, second, third] = reserve.keys as [string, string, string?];
  return { first, second, ...(third === undefined ? {} : { third }), found: reserve.found };
}

/**
 * `value` as a run reads it; in a coded column ({@link codedColumns}) it is never a part. A cell of
 * words is read by its edges a run may use (`edgeCell`, `split-edges.ts`).
 */
function runCell(value: unknown, coded: boolean): RunCell {
  if (isEmptyCell(value)) return EMPTY_CELL;
  if (coded) return null;
  return Object.is(value, partValue) ? partCell : cellOf(value);
}

/** `value` (not empty) as a run reads it outside a coded column. */
function cellOf(value: unknown): CellReading | WordedCell | null {
  return readCell(value) ?? edgeCell(value);
}

/** No value read: what {@link partValue} holds outside a `splitInWrites` call. */
const UNREAD = Symbol('unread');

/**
 * The value {@link readAround} last found may be a part, and its reading ({@link cellOf}): the
 * cell a row is then read around first, which {@link runCell} takes from here rather than reading
 * it again (a cell of words' edges, a text's normal form). Set and cleared within one
 * `splitInWrites` call, which runs through without yielding.
 */
let partValue: unknown = UNREAD;
let partCell: RunCell = null;

/**
 * The readings of a run's parts at `places` of `cells`: a cell of words as the part at its edge
 * (the first's tail, the last's head: `split-worded.ts`), or null when a cell of words stands
 * inside the run or has no part on the run's side.
 */
function partsAt(cells: readonly RunCell[], places: readonly number[]): CellReading[] | null {
  const read: CellReading[] = [];
  for (const [k, p] of places.entries()) {
    const cell = cells[p] as Exclude<RunCell, null | typeof EMPTY_CELL>;
    if (!isWorded(cell)) {
      read.push(cell);
      continue;
    }
    const edge = k === 0 ? cell.tail : k === places.length - 1 ? cell.head : null;
    if (edge === null) return null;
    read.push(edge);
  }
  return read;
}

/**
 * True when a run of parts `read` at `places` of `cells` may be read as a number by its words: it
 * holds no cell of words, or one of them names the number, or the serial's mark stands between a
 * compact date part and the serial (a pair only). Asked only of a run that joins: the words of a
 * cell are read when first asked (`edgeCell`).
 */
function wordsAllow(cells: readonly RunCell[], places: readonly number[], read: readonly CellReading[]): boolean {
  let worded = false;
  for (const p of places) {
    const cell = cells[p];
    if (!isWorded(cell)) continue;
    if (cell.named) return true;
    worded = true;
  }
  return !worded || (read.length === 2 && markWritten((read[0] as CellReading).text ?? '', (read[1] as CellReading).text ?? ''));
}

/**
 * The run of `length` parts from `start` (`cells` read in `keys`' order), when it holds a number;
 * with `spanning` at least 0, only a run whose first and last parts stand on either side of that
 * place (or on it).
 */
function runAt(keys: readonly string[], cells: readonly RunCell[], start: number, length: number, counts: ReadonlySet<string>, spanning: number): SplitPersonnummer | null {
  const places = nextRun(cells, start, length);
  if (places === null) return null;
  if (spanning >= 0 && (start > spanning || (places[places.length - 1] as number) < spanning)) return null;
  const named = places.map((p) => keys[p] as string);
  const read = partsAt(cells, places);
  if (read === null) return null;
  const found = joined(read, named.every((k) => counts.has(k)));
  if (found === null || !wordsAllow(cells, places, read)) return null;
  const [first, second, third, fourth] = named as [string, string, string?, string?];
  return { first, second, ...(third === undefined ? {} : { third }), ...(fourth === undefined ? {} : { fourth }), found };
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * True when `value` (not empty) may be one part of a split number: a half of a pair, a part of a
 * run, or a cell of words with a part at its edge a run may use, its reading kept for
 * {@link runCell} ({@link partValue}); or a reservnummer's part (`split-reserve.ts`).
 */
function part(value: unknown): boolean {
  const read = readCell(value);
  const cell = read ?? edgeCell(value);
  // A value read as a number or date part is no reservnummer's part unless a run may use it (`reserveCell` reads the others).
  if (cell === null || !(isWorded(cell) || isHalf(cell) || partText(cell) !== null)) return read === null && reserveCell(value) !== null;
  partValue = value;
  partCell = cell;
  return true;
}

/** A kind's column keys in order, each key's place in it, and the keys of its number and coded columns. */
interface Order {
  keys: readonly string[];
  at: ReadonlyMap<string, number>;
  counts: ReadonlySet<string>;
  coded: ReadonlySet<string>;
}

const orders = new Map<DocKind, Order>();

function orderOf(kind: DocKind): Order {
  let order = orders.get(kind);
  if (order === undefined) {
    const columns = cellColumns(kind);
    const keys = columns.map((c) => c.key);
    const counts = new Set(columns.filter((c) => c.column.type === 'integer' || c.column.type === 'number').map((c) => c.key));
    const coded = new Set(columns.filter((c) => c.column.type === 'period').map((c) => c.key));
    order = { keys, at: new Map(keys.map((k, i) => [k, i])), counts, coded };
    orders.set(kind, order);
  }
  return order;
}

/**
 * The split personnummer the cell writes of one update (`cells`, as `checkUpdate` lists them: a
 * value, or undefined for a cell removed) make in the rows they land in, each row read as it
 * will be. Only runs with a written cell between their first and last parts count: a row the
 * document already holds so (stored before this check) does not refuse an edit of its other
 * cells. A cell emptied between two parts (`811218` | `Anna` | `9876`, `Anna` removed) makes a run
 * as a part written does. Rows `gone` says the update deletes are skipped.
 *
 * With `settle` (`settledCells`), every cell of the runs read is read as Yjs will leave it: a
 * concurrent write may lose to the value stored, and of several items one update holds for a
 * cell Yjs keeps one, not always the last listed. Without it, the update's last value over what
 * `held` says the document holds (undefined: nothing, or a row the update makes new); one value
 * per cell, as an import's record writes. A cell's runs are read when any value the update
 * writes in it may be a part: what a cell settles to is one of those, or the value stored, and a
 * cell left as stored makes a new run only with a neighbour written a part or emptied, whose runs
 * are read. A cell is read as emptied when the update writes it empty (`null`, `''`) or only
 * removes its value. Cost: for most written values one pass that stops at their first letter
 * (`mayBePart`, `split-reading.ts`); a row is read only around a value that may be a part (a
 * cell of words only when its edge may start or end a run: `edgeCell`, `split-edges.ts`) or an
 * emptied cell, as far as a run that holds it reaches (`around`).
 */
export function splitInWrites(
  kind: DocKind,
  cells: readonly CellWrite[],
  held: (rowId: string, column: string) => unknown,
  gone: (rowId: string) => boolean,
  settle?: SettleCell,
): SplitPersonnummer | null {
  try {
    return splitAround(kind, cells, held, gone, settle);
  } finally {
    partValue = UNREAD;
    partCell = null;
  }
}

/** {@link splitInWrites}, with {@link partValue} set by its {@link readAround}. */
function splitAround(
  kind: DocKind,
  cells: readonly CellWrite[],
  held: (rowId: string, column: string) => unknown,
  gone: (rowId: string) => boolean,
  settle?: SettleCell,
): SplitPersonnummer | null {
  const reads = readAround(cells);
  if (reads === null) return null;
  const { keys, at, counts, coded } = orderOf(kind);
  const value = settle ?? lastWritten(cells, held);
  for (const [rowId, columns] of reads) {
    if (gone(rowId)) continue;
    for (const column of columns) {
      const i = at.get(column);
      if (i === undefined) continue;
      const near = around(keys, i, (key) => runCell(value(rowId, key), coded.has(key)));
      const place = i - near.from;
      for (let length = 2; length <= LONGEST_RUN; length++) {
        for (let start = 0; start <= place; start++) {
          const found = runAt(near.keys, near.cells, start, length, counts, place);
          if (found !== null) return found;
        }
      }
      const reserve = asSplit(splitReserve(keys, (key) => value(rowId, key), counts, coded, i));
      if (reserve !== null) return reserve;
    }
  }
  return null;
}

/** Above this many cell writes in an update, the cells written are found through a set rather than a scan. */
const FEW_WRITES = 16;

/**
 * Each row's columns to read around: written a value that may be a part, or emptied (written
 * empty, or only removed: a value written lists the removal of the one it replaces too, and such
 * a cell is read by its value), or null when none is.
 */
function readAround(cells: readonly CellWrite[]): Map<string, Set<string>> | null {
  let reads: Map<string, Set<string>> | null = null;
  let removals = 0;
  for (const c of cells) {
    if (c.value === undefined) removals++;
    else if (isEmptyCell(c.value) || part(c.value)) reads = addTo(reads, c.rowId, c.column);
  }
  if (removals === 0) return reads;
  const written = cells.length > FEW_WRITES ? new Set(cells.filter((c) => c.value !== undefined).map((c) => `${c.rowId}\u0000${c.column}`)) : null;
  for (const c of cells) {
    if (c.value !== undefined) continue;
    const rewritten = written === null ? writtenIn(cells, c) : written.has(`${c.rowId}\u0000${c.column}`);
    if (!rewritten) reads = addTo(reads, c.rowId, c.column);
  }
  return reads;
}

/** True when `cells` write a value in the cell `removed` removes one from. */
function writtenIn(cells: readonly CellWrite[], removed: CellWrite): boolean {
  for (const w of cells) if (w.value !== undefined && w.rowId === removed.rowId && w.column === removed.column) return true;
  return false;
}

function addTo(map: Map<string, Set<string>> | null, rowId: string, column: string): Map<string, Set<string>> {
  const out = map ?? new Map<string, Set<string>>();
  const columns = out.get(rowId);
  if (columns === undefined) out.set(rowId, new Set([column]));
  else columns.add(column);
  return out;
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
 * the cells of `split` (`third`, `fourth` for a run of three or four), for the words of a refusal:
 * the door's (`checkUpdate`) and an import's (`splitRefusal`) name the same columns. A key the
 * kind lacks is shown as itself.
 */
export function splitHeaders(kind: DocKind, split: SplitPersonnummer): { first: Localized; second: Localized; third?: Localized; fourth?: Localized } {
  const header = (key: string): Localized => cellColumn(kind, key)?.header ?? { sv: key, en: key };
  return {
    first: header(split.first),
    second: header(split.second),
    ...(split.third === undefined ? {} : { third: header(split.third) }),
    ...(split.fourth === undefined ? {} : { fourth: header(split.fourth) }),
  };
}

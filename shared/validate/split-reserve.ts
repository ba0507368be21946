/**
 * A reservnummer (`reservnummer.ts`) split over two or three neighbouring cells of one row, which
 * every per-cell guard passes: a national one's date part and its letters (`22850101` | `AB12`,
 * `22850101-` | `ABC1`, `22850101` | `-` | `ab12`, `2285 0101` | `ABC1`), Region Stockholm's
 * digits (`99` | `1981000010`, `991981` | `000010`, `99` | `1981` | `000010`), an empty cell read
 * across between two parts as the personnummer's split check reads one (`split-personnummer.ts`,
 * same neighbours, same rule for number columns: numbers alone there are counts). The cells are
 * read joined by a space, by the text guard's own reading (`findReservnummer`), which must find
 * a number that starts in the first cell and reaches into the last: so every spelling the guard
 * reads in one cell is read split (fullwidth, lower case, invisible characters, a dash).
 */
import type { PersonnummerMatch } from './personnummer.js';
import { findReservnummer, reserveReading } from './reservnummer.js';
import { isEmptyCell } from './split-reading.js';
import { MOST_EMPTY_BETWEEN } from './split-runs.js';

/** The most characters a part holds besides spaces and invisible ones: a cell is far shorter. */
const MOST_UNITS = 32;
/** A digit the guard reads in a reservnummer: ASCII or fullwidth. */
const ANY_DIGIT = /[0-9\uff10-\uff19]/;
/** Any dash the guard reads between a date part and its letters. */
const DASH = '[-\\u2010-\\u2015\\u2212]';
/** Ends with a national date part (eight digits, single spaces between allowed), a dash after it or not. */
const NATIONAL_HEAD = new RegExp(`(?:\\d ?){7}\\d ?${DASH}?$`);
/** Region Stockholm's first digits: `99`, digits after it or not. */
const STOCKHOLM_HEAD = /^9 ?9(?: ?\d)*$/;
/** Starts with a national number's letters and a digit (a dash before them or not). */
const NATIONAL_TAIL = new RegExp(`^${DASH}? ?[A-HJ-NPR-UX-Za-hj-npr-ux-z]{2,3} ?\\d`);
/** Digits alone (single spaces between): Region Stockholm's, after its first. */
const DIGITS = /^\d(?: ?\d)*$/;
const MARK = new RegExp(`^${DASH}$`);
const DASH_EDGE = new RegExp(`${DASH}$`);
const DASH_START = new RegExp(`^${DASH}`);

/** One cell as this check reads it: its text as the guard reads it (trimmed), and which part it may be. */
export interface ReserveCell {
  text: string;
  head: boolean;
  tail: boolean;
  /** A dash alone, or digits alone: a part between the first and the last. */
  between: boolean;
  number: boolean;
}

/**
 * `value` as a part of a split reservnummer, or null when it can be none: a whole number, or a
 * short text ({@link MOST_UNITS}) that ends in a date part or is Region Stockholm's first digits
 * (a first part), starts with the letters (a last part), or is digits or a dash alone. One or two
 * regular expressions over a short text; a longer text, or one of words, is settled at once.
 */
export function reserveCell(value: unknown): ReserveCell | null {
  const number = typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (!number && typeof value !== 'string') return null;
  // Most texts are words without a digit: settled by one scan, before any reading.
  if (typeof value === 'string' && (value.length > MOST_UNITS * 4 || (!ANY_DIGIT.test(value) && !MARK.test(value.trim())))) return null;
  const text = number ? String(value) : reserveReading(value as string).trim();
  if (text.length === 0 || text.length > MOST_UNITS) return null;
  const digits = DIGITS.test(text);
  const head = NATIONAL_HEAD.test(text) || STOCKHOLM_HEAD.test(text);
  const tail = digits || NATIONAL_TAIL.test(text);
  const between = digits || MARK.test(text);
  return head || tail || between ? { text, head, tail, between, number } : null;
}

/** An empty cell: read across between two parts. */
const EMPTY = 'empty';
type Cell = ReserveCell | typeof EMPTY | null;

/** The reservnummer split over neighbouring cells, by their keys, and what the guard found. */
export interface SplitReserve {
  keys: string[];
  found: PersonnummerMatch;
}

/**
 * The first run of two or three neighbouring cells of a row (`value` of each key, in `keys`'
 * order; an empty cell between two parts read across) that together hold a reservnummer, or null.
 * `counts`: number columns, where numbers alone are not read; `coded`: columns whose values are
 * never parts (as `splitPersonnummer` takes them). With `place` at least 0, only runs whose first
 * and last cells stand on either side of that index (or on it).
 *
 * @example
 * splitReserve(['a', 'b'], (k) => ({ a: '22850101', b: 'AB12' })[k]); // { keys: ['a', 'b'], found: … }
 */
export function splitReserve(keys: readonly string[], value: (key: string) => unknown, counts: ReadonlySet<string>, coded: ReadonlySet<string>, place = -1): SplitReserve | null {
  const from = place < 0 ? 0 : Math.max(0, place - 2 * (MOST_EMPTY_BETWEEN + 1));
  const to = place < 0 ? keys.length : Math.min(keys.length, place + 2 * (MOST_EMPTY_BETWEEN + 1) + 1);
  const cells: Cell[] = [];
  for (let k = from; k < to; k++) {
    const key = keys[k] as string;
    const v = value(key);
    cells.push(coded.has(key) ? null : isEmptyCell(v) ? EMPTY : reserveCell(v));
  }
  for (let i = 0; i < cells.length; i++) {
    const first = cells[i];
    if (first === undefined || first === null || first === EMPTY || !first.head) continue;
    const second = next(cells, i);
    if (second < 0) continue;
    const third = next(cells, second);
    for (const places of [[i, second], ...(third >= 0 && (cells[second] as ReserveCell).between ? [[i, second, third]] : [])]) {
      const last = places[places.length - 1] as number;
      if (place >= 0 && (from + i > place || from + last < place)) continue;
      const found = joined(places.map((p) => cells[p] as ReserveCell));
      const named = places.map((p) => keys[from + p] as string);
      if (found !== null && !named.every((key, k) => counts.has(key) && (cells[places[k] as number] as ReserveCell).number)) return { keys: named, found };
    }
  }
  return null;
}

/** The index of the next part after `at` in `cells` (at most {@link MOST_EMPTY_BETWEEN} empty cells between), or -1. */
function next(cells: readonly Cell[], at: number): number {
  let k = at + 1;
  while (k < cells.length && cells[k] === EMPTY && k - at <= MOST_EMPTY_BETWEEN) k++;
  const cell = cells[k];
  return cell === undefined || cell === null || cell === EMPTY ? -1 : k;
}

/** The reservnummer the parts make read joined by a space, when it starts in the first and reaches into the last; else null. */
function joined(parts: readonly ReserveCell[]): PersonnummerMatch | null {
  const last = parts[parts.length - 1] as ReserveCell;
  if (!last.tail) return null;
  // A dash at an edge joins its neighbour as written (`22850101-` | `ab12`); else a space, which
  // every shape reads between its groups (`22850101 ab12`, `99 1981000010`).
  let text = (parts[0] as ReserveCell).text;
  for (const p of parts.slice(1)) text += DASH_EDGE.test(text) || DASH_START.test(p.text) ? p.text : ` ${p.text}`;
  const found = findReservnummer(text);
  if (found === null) return null;
  const firstEnd = (parts[0] as ReserveCell).text.length;
  const lastStart = text.length - last.text.length;
  if (found.index >= firstEnd || found.index + found.match.length <= lastStart) return null;
  return { ...found, kind: 'reservnummer', phoneLike: false };
}

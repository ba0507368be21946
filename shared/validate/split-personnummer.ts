/**
 * A personnummer split over two cells of one row: a text cell holding only a date part
 * (`811218`, `19811218`) and the next cell, in the kind's column order, holding only four digits
 * (`9876`, `-9876`), which together the guard refuses (a date of the calendar, or a
 * samordningsnummer's day + 60, and a valid Luhn check digit). Every per-cell guard judges one
 * cell and passes both. Only bare digits count: a date column holds ISO dates (`2025-02-11`),
 * and a number column numbers, so an ordinary row (a date next to a count or a year) is never
 * read so, while one in ten of any four digits after a date part would pass the Luhn check.
 */
import type { RowValues } from '../schema/types.js';
import { findPersonnummer } from './personnummer.js';

/** A date part alone in a cell: YYMMDD or YYYYMMDD, spaces around it allowed. */
const DATE_PART = /^\s*(\d{6}|\d{8})\s*$/;
/** A serial alone in a cell, its `-` or `+` (100 years or older) written or not. */
const SERIAL = /^\s*([-+]?)(\d{4})\s*$/;

/** The two cells of a row that together hold a personnummer, by their keys. */
export interface SplitPersonnummer {
  /** The key of the cell holding the date part. */
  first: string;
  /** The key of the next cell, holding the serial. */
  second: string;
}

/**
 * The first two neighbouring cells of `values` (neighbours in `keys`, the kind's column order)
 * whose texts are a date part and a serial forming a personnummer or samordningsnummer, or null.
 *
 * @example
 * splitPersonnummer({ a: '811218', b: '9876' }, ['a', 'b']); // { first: 'a', second: 'b' }
 * splitPersonnummer({ a: '2025-02-11', b: '1234' }, ['a', 'b']); // null
 */
export function splitPersonnummer(values: RowValues, keys: readonly string[]): SplitPersonnummer | null {
  for (let i = 0; i + 1 < keys.length; i++) {
    const first = keys[i] as string;
    const second = keys[i + 1] as string;
    const date = values[first];
    const serial = values[second];
    if (typeof date !== 'string' || typeof serial !== 'string') continue;
    const d = DATE_PART.exec(date);
    const s = d === null ? null : SERIAL.exec(serial);
    if (d === null || s === null) continue;
    const joined = `${d[1] as string}${s[1] === '' ? '-' : (s[1] as string)}${s[2] as string}`;
    if (findPersonnummer(joined) !== null) return { first, second };
  }
  return null;
}

/**
 * How the split check (`split-personnummer.ts`) reads one cell: first a cheap look at the value
 * that tells most cells apart as no part of a split number ({@link mayBePart}), then, for the few
 * left, the text as the one-cell guard reads its digits ({@link readCell}). The split check runs
 * on every cell an update writes, on the sync server's hot path and in the pane before sending,
 * so a cell of words (a title, a name, a comment), which is most written texts, is settled by a
 * scan that stops at its first letter, before any normalisation or regular expression.
 */
import { normalizeForDigits } from './normalize-digits.js';
import { lookAlikeDigit, showsNothing } from './normalize-digits-classes.js';
import { monthNamedDate } from './split-month-named.js';

/**
 * The most digits one part of a split number holds: twelve are a whole number, which the
 * one-cell guard judges, so a part beside another holds at most eleven.
 */
export const PART_MAX_DIGITS = 11;

/** What an ASCII character says of a text holding it: no part at all, a digit, a mark, or neither. */
const NO_PART = 0;
const DIGIT = 1;
const MARK = 2;
const NEUTRAL = 3;
/** A mark a part may hold at its edges only ({@link EDGE_MARKS}). */
const EDGE = 4;

/**
 * The ASCII marks a person writes around a part, which {@link readCell} strips at its edges: quotes
 * and brackets (`"811218"`, `(811218` | `9876)`) and what ends a phrase (`9876.`, `811218,`,
 * `9876;`, `9876:`). Between its digits they make a text no part (`1,5`, `14:30`, `(12)34`).
 */
const EDGE_MARKS = '"()[]{},;:';

/**
 * Each ASCII character's class, from what the guard reads it as (`normalize-digits-classes.ts`'
 * `ASCII`): digits; the marks a serial is written with, `-` `+` and what reads as `-` (`~`, `_`);
 * spaces and control characters (read as a space or nothing), the day-first date's `.` and `/` (and
 * `\`, `|`, read as `/`), the `'` a spreadsheet puts before a number kept as text, and the letters
 * that look like digits (`O o I l S B`, read as digits between digits: `85O1O1`). Every other ASCII
 * character (any other letter, `,` `:` `;` `(` `#` `%` …) the guard keeps as it is, and a part
 * holds none: a text holding one is no part, whatever else it holds.
 */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c >= 48 && c <= 57) return DIGIT;
  const ch = String.fromCharCode(c);
  if ('-+~_'.includes(ch)) return MARK;
  if (c <= 32 || c === 127 || "./\\|'".includes(ch) || lookAlikeDigit(c) !== undefined) return NEUTRAL;
  return EDGE_MARKS.includes(ch) ? EDGE : NO_PART;
});

/** Below this (10^{@link PART_MAX_DIGITS}), a whole number has at most {@link PART_MAX_DIGITS} digits. */
const PART_MAX_NUMBER = 1e11;

/**
 * False when `value` cannot be a part of a personnummer split over neighbouring cells, whatever
 * its neighbours hold; true when it may be (then {@link readCell} reads it). Not a part: anything
 * but a text or a whole number; a number of more than {@link PART_MAX_DIGITS} digits; a text holding
 * an ASCII character the guard keeps as it is and no part holds (any letter but the look-alikes `O
 * o I l S B`, most punctuation), more than {@link PART_MAX_DIGITS} ASCII digits, or neither a digit,
 * a mark nor a character outside ASCII (which may be a digit of another script or a dash: those
 * are read by {@link readCell}); a quote, bracket or phrase mark ({@link EDGE_MARKS}) with a digit
 * or a serial's mark on both sides of it (`1,5`, `14:30`); an ISO date (`2026-03-01`). One pass
 * over the text's UTF-16 units, which stops at the first such character: `Hälsodag` is settled at
 * its `H`, a comment at its first word. Cost: a table lookup per unit read.
 *
 * @example
 * mayBePart('Anna Ek'); // false
 * mayBePart('85O1O1'); // true: read as 850101
 * mayBePart('(9876).'); // true: read as 9876
 * mayBePart(9876); // true
 */
export function mayBePart(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < PART_MAX_NUMBER;
  if (typeof value !== 'string') return false;
  let digits = 0;
  let other = false;
  // An ASCII digit or mark seen; past an edge mark after one, another makes the text no part.
  // (Characters outside ASCII neither start nor end a part here: they are read by `readCell`.)
  let started = false;
  let closed = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) {
      other = true;
      continue;
    }
    const kind = ASCII_CLASS[c];
    if (kind === NO_PART) return false;
    if (kind === EDGE) {
      closed ||= started;
      continue;
    }
    if (kind === DIGIT || kind === MARK) {
      if (closed) return false;
      started = true;
    }
    if (kind === DIGIT && ++digits > PART_MAX_DIGITS) return false;
    if (kind === MARK) other = true;
  }
  return (digits > 0 || other) && !isoDate(value);
}

/**
 * True when `value` is a date written `YYYY-MM-DD`, what every date column holds: no half (the
 * pair rule reads a date part written day or month first, `18-12-1981`, not this) and no part (two
 * marks between digits), so a date edit is settled here, before any normalisation.
 */
function isoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The most characters a text read as a part may hold besides its padding ({@link PADDING}): a
 * part is far shorter, and a long text is never one, so it costs no pass. The padding is not
 * counted, since the guard reads through it: a part padded past any length (`811218` and 60
 * spaces, a fixed-width export's column pasted in; invisible characters between its digits) is
 * still a part.
 */
const PART_MAX_UNITS = 64;

/** What the guard's reading drops or reads as a space (`normalize-digits.ts`): spaces, invisible and control characters, combining marks. */
const PADDING = /[\s\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}]/u;

/** True when `value` holds at most {@link PART_MAX_UNITS} characters that are no {@link PADDING}; stops counting past that. */
function shortEnough(value: string): boolean {
  if (value.length <= PART_MAX_UNITS) return true;
  let kept = 0;
  for (const ch of value) if (!PADDING.test(ch) && ++kept > PART_MAX_UNITS) return false;
  return true;
}

/**
 * What {@link readCell} strips from a reading's start and end: spaces, the quotes and opening
 * brackets before a part and the quotes, closing brackets and phrase marks after it ({@link
 * EDGE_MARKS}), and `;`, which the guard reads every other punctuation mark or symbol outside ASCII
 * as (`«9876»`, `“9876”`, `„811218“`, `「9876」`). A `'` before a part is what a spreadsheet puts
 * before a number kept as text; one after it is a quote. A `-` or `+` stays: it is the serial's.
 */
const LEADING_EDGE = /^[\s"'([{;]+/;
const TRAILING_EDGE = /[\s"')\]};.,:]+$/;

/**
 * True when `value` is an empty cell: nothing, or a text that shows nothing (spaces and invisible
 * characters alone, `showsNothing`: a cell holding only a zero-width space looks as blank as one
 * holding nothing). A run of parts reads across one (`split-runs.ts`): a column left blank
 * between a date part and the serial.
 */
export function isEmptyCell(value: unknown): boolean {
  if (typeof value !== 'string') return value === undefined || value === null;
  if (value.length === 0) return true;
  // A text starting with a printable ASCII character (most) is settled without trimming a copy.
  const c = value.charCodeAt(0);
  return !(c > 32 && c < 127) && showsNothing(value);
}

/** One cell as the split check reads it. */
export interface CellReading {
  /** The cell's value: a text, or a whole number of at most {@link PART_MAX_DIGITS} digits. */
  value: string | number;
  /**
   * A text as the guard reads its digits (`normalize-digits.ts`: digits of any script, every dash
   * `-`, every space one space, invisible characters gone), without the quotes, brackets and
   * phrase marks at its edges ({@link LEADING_EDGE}, {@link TRAILING_EDGE}), trimmed: so a part the
   * guard would read in one cell (`–9876`, `９８７６`, `811218\u200b`), or as a person writes it
   * (`"9876"`, `9876.`, `(811218`), is read as one here too. Null for a number.
   */
  text: string | null;
}

/**
 * `value` read for the split check, or null when it cannot be a part of a split number ({@link
 * mayBePart}, or a text of more than {@link PART_MAX_UNITS} characters besides padding). A text is
 * normalised once here, whatever the runs it is read in. A date written with the month's name
 * (`8 dec 1981`), which holds letters no other part holds, is read as the date day first
 * (`08.12.1981`: `monthNamedDate`).
 *
 * @example
 * readCell('\u2013９８７６')?.text; // '-9876'
 * readCell('«9876».')?.text; // '9876'
 * readCell('Hälsodag'); // null
 */
export function readCell(value: unknown): CellReading | null {
  if (!mayBePart(value)) {
    const date = monthNamedDate(value);
    return date === null ? null : { value: value as string, text: date };
  }
  if (typeof value === 'number') return { value, text: null };
  const text = value as string;
  if (!shortEnough(text)) return null;
  const read = normalizeForDigits(text, 0)?.text ?? text;
  return { value: text, text: read.replace(LEADING_EDGE, '').replace(TRAILING_EDGE, '') };
}

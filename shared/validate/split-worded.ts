/**
 * A cell of words at the edge of a split number (`split-personnummer.ts`): the date part at the
 * end of a text with words before it (`född 811218`, `pnr 19811218`, `Anna Ek 811218`) beside a
 * cell that starts with the serial, or the serial at the start of a text with words after it
 * (`-9876 ring`, `nr 9876`) beside the date part. Each cell passes the one-cell guard, and the
 * split check read only cells of digits and marks alone (`mayBePart`), so `född 811218` |
 * `-9876 ring` was stored. Such a cell is read as the part at its edge ({@link WordedCell}), and
 * only at a run's edge: the words end every run on their side.
 *
 * Where the line is, by decision: a part with words beside it is read only when the words name the
 * number or a birth (`pnr`, `personnummer`, `född`, `f.`, `DOB`, … anywhere in either cell, or
 * right before the date part: `number-labels.ts`), or when the serial's own `-` or `+` is
 * written between a date part of six or eight digits and the four digits (`Anna Ek 811218` |
 * `-9876`, `811218-` | `9876 ring`). A date part and four digits with other words around and no
 * mark (`Vecka 811218` | `9876`, `Grupp 811218` | `nr 9876`, `Faktura 20260317` | `1200 kr`)
 * are a week, a group and a number, an invoice's date and an amount: read so, one in ten of
 * them would pass the Luhn check and be refused.
 */
import { digitCount, normalizeForDigits } from './normalize-digits.js';
import { labelsANumber, labelsIn, nameBefore, namedInText } from './number-labels.js';
import type { CellReading } from './split-reading.js';
import { monthNamedTail } from './split-month-named.js';

/** A text cell holding words, read as the part at its end ({@link tail}) or its start ({@link head}). */
export interface WordedCell {
  readonly worded: true;
  /** The digits and marks ending the text after a space or a mark (`född 811218` → `811218`), or null. */
  readonly tail: CellReading | null;
  /** The digits and marks starting the text, after words that label a number (`nr 9876` → `9876`; `-9876 ring` → `-9876`), or null. */
  readonly head: CellReading | null;
  /** True when the words name an identity number or a birth: anywhere in the text, or right before its tail. */
  readonly named: boolean;
}

/** The most characters of a text read for a part at its edges: a longer text (a comment) is read by the one-cell guard alone. */
const MOST_UNITS = 400;

/** What a part at a text's edge is made of, as the guard normalises it: digits, spaces, `-`, `+`, and a day-first date's `.` and `/`. */
const PART_CHARS = /[0-9 ./+-]/;
/** The quotes, brackets and phrase marks a person writes around a part, stripped at a text's edges (as `readCell` strips them). */
const TRAILING_EDGE = /[\s"')\]};.,:]+$/;
const LEADING_EDGE = /^[\s"'([{;]+/;
/** Words at a text's start, each followed by marks a label is written with (`nr `, `p-nr: `, `Pnr. `). */
const LEADING_WORDS = /^((?:\p{L}+[-.:# ]*){1,3})/u;
const LETTER = /\p{L}/u;

/** Spaces and the marks stripped at a text's end ({@link TRAILING_EDGE}), by character code. */
const TRAILING_SKIP = new Set([...' \t\n\r"\')]};.,:'].map((c) => c.charCodeAt(0)));
/** The most characters of words a head is looked for after (`p-nr: `, `Personnummer: `). */
const MOST_HEAD_WORDS = 40;

/**
 * True when `text` may start or end with a part: its last character but spaces, phrase marks and a
 * serial's `-` or `+` is a digit of any script, or a digit, `-` or `+` comes before any character but letters,
 * spaces and a label's marks among its first {@link MOST_HEAD_WORDS}. A table lookup per
 * character read: most texts of words (`Hälsodag`, a name, a comment) are settled here, unnormalised.
 */
function edgeDigit(text: string): boolean {
  let e = text.length - 1;
  while (e >= 0 && TRAILING_SKIP.has(text.charCodeAt(e))) e--;
  // The serial's `-` or `+` after a date part (`Anna, född 811218-`, `född 8 dec 1981 -`).
  if (e >= 0 && (text.charCodeAt(e) === 45 || text.charCodeAt(e) === 43)) {
    e--;
    while (e >= 0 && text.charCodeAt(e) === 32) e--;
  }
  if (e >= 0 && digitCount(text.charCodeAt(e)) > 0) return true;
  for (let i = 0; i < text.length && i < MOST_HEAD_WORDS; i++) {
    const c = text.charCodeAt(i);
    if (digitCount(c) > 0 || c === 45 || c === 43) return true;
    const wordy = c >= 128 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || ' \t"\'([{;.:#'.includes(text.charAt(i));
    if (!wordy) return false;
  }
  return false;
}

/** A reading of `text` as a part, or null when it holds no digit. */
function partOf(text: string): CellReading | null {
  const trimmed = text.trim().replace(/^[./]+/, '').trim();
  return /\d/.test(trimmed) ? { value: trimmed, text: trimmed } : null;
}

/**
 * The part ending `norm` and where its digits start, or null: after a space or a mark, never glued
 * to a letter (`SKU811218`); a date written with the month's name, read as its date day first
 * (`född 8 dec 1981` → `08.12.1981`, where `den` or a weekday before it starts: `monthNamedTail`).
 */
function tailOf(norm: string): { part: CellReading; at: number } | null {
  const end = norm.replace(TRAILING_EDGE, '').length;
  const dated = monthNamedTail(norm.slice(0, end));
  if (dated !== null) return { part: { value: dated.text, text: dated.text }, at: dated.at };
  let k = end;
  while (k > 0 && PART_CHARS.test(norm.charAt(k - 1))) k--;
  // Glued to a letter (`SKU811218`): a code's digits, no part.
  if (k === end || (k > 0 && /\d/.test(norm.charAt(k)) && LETTER.test(norm.charAt(k - 1)))) return null;
  const part = partOf(norm.slice(k, end));
  if (part === null) return null;
  return { part, at: norm.indexOf(part.text as string, k) };
}

/** The part starting `norm` (after words that label a number), or null: a letter glued after it (`1200kr`) makes it none. */
function headOf(norm: string): CellReading | null {
  let start = norm.length - norm.replace(LEADING_EDGE, '').length;
  const words = LEADING_WORDS.exec(norm.slice(start));
  if (words !== null) {
    if (!labelsANumber((words[1] as string).match(/\p{L}+/gu) ?? [])) return null;
    start += (words[1] as string).length;
  }
  let k = start;
  while (k < norm.length && PART_CHARS.test(norm.charAt(k))) k++;
  if (k === start || (k < norm.length && /\d/.test(norm.charAt(k - 1)) && LETTER.test(norm.charAt(k)))) return null;
  return partOf(norm.slice(start, k));
}

/**
 * What {@link wordedCell} reads of a text before it asks whether its words name the number: the
 * text as the guard reads it (`norm`), the part at its end and where that starts in `norm`
 * (`tail`, `tailAt`), the part at its start (`head`); null for a text {@link wordedCell} reads as
 * no cell of words. What the words say is {@link namedIn}.
 */
export interface WordedEdges {
  norm: string;
  tail: CellReading | null;
  tailAt: number;
  head: CellReading | null;
}

/**
 * `value` as {@link wordedCell} reads it (`norm`: the text as the guard reads it, trimmed), or
 * null for a value it reads as no cell of words before looking for parts: not a text, longer than
 * {@link MOST_UNITS}, or no digit at its edges ({@link edgeDigit}).
 */
export function wordedText(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MOST_UNITS || !edgeDigit(value)) return null;
  return (normalizeForDigits(value, 0)?.text ?? value).trim();
}

/** The edges of `value` as {@link wordedCell} reads them (see {@link WordedEdges}), or null. */
export function wordedEdges(value: unknown): WordedEdges | null {
  const norm = wordedText(value);
  if (norm === null) return null;
  const tail = tailOf(norm);
  const head = headOf(norm);
  if (tail === null && head === null) return null;
  return { norm, tail: tail?.part ?? null, tailAt: tail?.at ?? -1, head };
}

/** The part ending `norm` (a {@link wordedText}), as {@link WordedCell.tail}, or null. */
export function wordedTail(norm: string): CellReading | null {
  return tailOf(norm)?.part ?? null;
}

/** The part starting `norm` (a {@link wordedText}), as {@link WordedCell.head}, or null. */
export function wordedHead(norm: string): CellReading | null {
  return headOf(norm);
}

/**
 * True when the words of `edges` name an identity number or a birth: anywhere in the text, or
 * right before its tail ({@link WordedCell.named}). Reads every word: a pass with a regular
 * expression and an object per word, what a cell of words costs most.
 */
export function namedIn(edges: WordedEdges): boolean {
  return namedInText(edges.norm) || (edges.tail !== null && nameBefore(edges.norm, edges.tailAt) !== null);
}

/** {@link namedIn} of the text `norm` (a {@link wordedText}), its tail read here. */
export function namedInNorm(norm: string): boolean {
  if (namedInText(norm)) return true;
  const tail = tailOf(norm);
  return tail !== null && nameBefore(norm, tail.at) !== null;
}

/** Is `c` (a UTF-16 unit) one of {@link PART_CHARS}? */
function partChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 32 || c === 46 || c === 47 || c === 43 || c === 45;
}

/** What {@link tailStart} gives for digits ending `norm` glued to a letter: a part only as a date written with the month's name. */
export const GLUED_TAIL = -2;

/**
 * Where the text of the part ending `norm` ({@link wordedTail}) starts in `norm`, found without
 * building it, or -1 when `norm` ends in no part: the unit after the marks and spaces the part is
 * trimmed of ({@link partOf}). Reads `norm` as {@link tailOf} does, a unit at a time, but for a
 * date written with the month's name: digits glued to a letter before them give
 * {@link GLUED_TAIL}, for a code's digits (`SKU811218`) are no part while such a date's are
 * (`pnr 8dec1981`), which {@link wordedTail} tells.
 */
export function tailStart(norm: string): number {
  // `search` finds where the marks at the end start without building a string (`replace`) or a match.
  const found = norm.search(TRAILING_EDGE);
  const end = found < 0 ? norm.length : found;
  let k = end;
  while (k > 0 && partChar(norm.charCodeAt(k - 1))) k--;
  if (k === end) return -1;
  if (k > 0 && isDigit(norm.charCodeAt(k)) && LETTER.test(norm.charAt(k - 1))) return GLUED_TAIL;
  // As `partOf` trims it: spaces, then `.` and `/`, then spaces (the only spaces a part holds are U+0020).
  let s = k;
  while (s < end && norm.charCodeAt(s) === 32) s++;
  while (s < end && (norm.charCodeAt(s) === 46 || norm.charCodeAt(s) === 47)) s++;
  while (s < end && norm.charCodeAt(s) === 32) s++;
  for (let i = s; i < end; i++) if (isDigit(norm.charCodeAt(i))) return s;
  return -1;
}

/** {@link LEADING_EDGE} and {@link LEADING_WORDS} read from where `lastIndex` is set (sticky), so that no slice nor match is made. */
const LEADING_EDGE_AT = /[\s"'([{;]+/y;
const LEADING_WORDS_AT = /(?:\p{L}+[-.:# ]*){1,3}/uy;

/**
 * False when {@link wordedHead} of `norm` is null for its leading words, which label no number
 * (`a-1234`, `Hälsodag 12`), told without building them; true when it may read a head. Reads the
 * words as {@link headOf} does, in place ({@link labelsIn}).
 */
export function headLabelled(norm: string): boolean {
  LEADING_EDGE_AT.lastIndex = 0;
  const start = LEADING_EDGE_AT.test(norm) ? LEADING_EDGE_AT.lastIndex : 0;
  LEADING_WORDS_AT.lastIndex = start;
  return !LEADING_WORDS_AT.test(norm) || labelsIn(norm, start, LEADING_WORDS_AT.lastIndex);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `value` read as a cell of words at a split number's edge, or null: not a text, longer than
 * {@link MOST_UNITS}, or neither starting nor ending with a part ({@link edgeDigit} first). Read only of
 * a text the split check reads as no part itself (`readCell` null: it holds a letter or a mark
 * no part holds). The whole reading, words included; the split check reads a cell through
 * `edgeCell` (`split-edges.ts`), which gives the same verdicts for less.
 *
 * @example
 * wordedCell('född 811218'); // { worded: true, tail: { text: '811218', … }, head: null, named: true }
 * wordedCell('-9876 ring'); // { worded: true, tail: null, head: { text: '-9876', … }, named: false }
 * wordedCell('Hälsodag'); // null
 */
export function wordedCell(value: unknown): WordedCell | null {
  const edges = wordedEdges(value);
  if (edges === null) return null;
  return { worded: true, tail: edges.tail, head: edges.head, named: namedIn(edges) };
}

/** True when `cell` is a {@link WordedCell}. */
export function isWorded(cell: unknown): cell is WordedCell {
  return typeof cell === 'object' && cell !== null && (cell as { worded?: unknown }).worded === true;
}

/** A date part of six or eight digits, the serial's mark after it or not: the first of a pair {@link markWritten} reads. */
const COMPACT_DATE = /^\d{6}(?:\d\d)?\s*[-+]?$/;

/**
 * True when the two parts `date` and `serial` (texts) are a compact date part and a serial with
 * the serial's `-` or `+` written between them (`811218` | `-9876`, `811218-` | `9876`): the
 * personnummer's own form, which a date and an amount are not written in.
 */
export function markWritten(date: string, serial: string): boolean {
  return COMPACT_DATE.test(date) && (/[-+]$/.test(date) || /^[-+]\s*\d{4}$/.test(serial) || /^[-+]\s*\d\d[ -]?\d\d$/.test(serial));
}

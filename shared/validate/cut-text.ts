/**
 * Shortening a text that passed the personnummer guard without making a number it did not hold.
 * A cut makes a new text: a title ending in eleven digits (`Plan 85010112367`, no number: a valid
 * number inside a longer digit run is none) cut one character shorter ends in `8501011236`, the
 * personnummer 850101-1236. Names derived from stored texts (worksheet tabs from document titles,
 * an export's sheet name, a chart's labels) are cut with these, so the shortened name is judged
 * again, not only the stored text it came from.
 */
import { findPersonnummer } from './personnummer.js';

/** Separators left at the end of a text ended before a number. */
const TRAILING = /[\s\-–—,;.:/(]+$/u;

/**
 * `text` ended before the first personnummer or samordningsnummer {@link findPersonnummer}
 * finds in it (separators before the number dropped too), or `text` itself when it holds none.
 * May return an empty string; the caller names a fallback.
 *
 * @example
 * withoutNumber('Plan 8501011236'); // 'Plan'
 */
export function withoutNumber(text: string): string {
  const found = findPersonnummer(text);
  return found === null ? text : withoutNumber(text.slice(0, found.index).replace(TRAILING, ''));
}

/**
 * `text` cut to at most `max` UTF-16 units (`max` ≥ 0), then ended before any identity number
 * the cut made ({@link withoutNumber}).
 *
 * @example
 * cutText('Plan 85010112367', 15); // 'Plan' (not 'Plan 8501011236')
 * cutText('Hälsodag i Tensta', 8); // 'Hälsodag'
 */
export function cutText(text: string, max: number): string {
  return withoutNumber(text.length > max ? text.slice(0, max) : text);
}

/** A letter, digit or joining mark: the inside of a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * `text` cut to at most `max` UTF-16 units (`max` ≥ 0) between words, as a name shown in a
 * narrow place (an Excel sheet tab, 31 units) should be: the last space, dash, slash or other
 * separator within `max` ends it, and separators before the cut are dropped. A cut that would keep
 * less than half of `max` (one long compound word) cuts inside the word instead, never between the
 * two halves of a character outside the Basic Multilingual Plane. Then ended before any identity
 * number the cut made ({@link withoutNumber}). May return an empty string; the caller names a fallback.
 *
 * @example
 * cutAtWord('Aktivitetsplan Vårdcentralen Husby-Akalla', 31); // 'Aktivitetsplan Vårdcentralen'
 * cutAtWord('Hälsofrämjandeaktivitetsplanering 2026', 20); // 'Hälsofrämjandeaktivi'
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return withoutNumber(text);
  let cut = max;
  // In a word when the units on both sides of the cut are of one: go back to its start.
  if (WORD_CHAR.test(text.charAt(max - 1)) && WORD_CHAR.test(text.charAt(max))) {
    let start = max - 1;
    while (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) start--;
    if (start >= max / 2) cut = start;
  }
  // Half of a surrogate pair is no character.
  if (cut === max && /[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return withoutNumber(text.slice(0, cut).replace(TRAILING, ''));
}

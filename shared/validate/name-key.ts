/**
 * When two names are the same to a reader: {@link nameKey} gives every name the form it is
 * compared in, so that `Vårdcentral A`, `vårdcentral a`, `Vårdcentral\u200B A` and `Va\u030Ardcentral A`
 * (the `å` as `a` and a combining ring) are one name. The server refuses a unit or a document
 * whose name has the key of another one (409, naming the existing one), so no two entries of the
 * Explorer or the unit list look alike while being different.
 */

/**
 * Characters that show nothing: the soft hyphen, combining grapheme joiner, Mongolian vowel
 * separator, the zero-width space, joiners and direction marks, the bidirectional embeddings,
 * overrides and isolates, the word joiner and invisible operators, and U+FEFF.
 */
const INVISIBLE = /\u034f|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Every run of white space (no-break, thin, ideographic … spaces included). */
const SPACES = /\s+/g;

/**
 * The form a name is compared in: Unicode NFC (composed letters: `a` + U+030A is `å`), every
 * invisible character removed, every run of spaces one space, trimmed, and case folded (upper
 * case then lower case in Swedish, so `ß` and `SS` fold alike). Not a form to show or store.
 *
 * @example
 * nameKey('Vårdcentral\u200B  A') === nameKey('vårdcentral a'); // true
 * nameKey('Vårdcentral Å') === nameKey('Vårdcentral A'); // false: å is another letter in Swedish
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim().toLocaleUpperCase('sv').toLocaleLowerCase('sv');
}

/**
 * The first of `others` whose name has the key of `name` (see {@link nameKey}), or undefined.
 * `nameOf` reads an entry's name.
 */
export function lookAlike<T>(name: string, others: Iterable<T>, nameOf: (entry: T) => string): T | undefined {
  const key = nameKey(name);
  for (const other of others) if (nameKey(nameOf(other)) === key) return other;
  return undefined;
}

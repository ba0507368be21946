/**
 * The words people write between a date and the four digits after it to say that the digits are
 * an identity number's serial: `1985-03-17 nr 1665`, `1985-03-17 pnr: 1665`, `1985-03-17 p-nr
 * 1665`, `1985-03-17 № 1665`. After a date written as a date with its century (`2026-05-12`), any
 * other word starts a note (`2026-05-12 kl 1430`, `2026-05-12 rum 1430`), so the guard reads the
 * digits after such a date as a serial only when every word between is one of these.
 *
 * The set is how Swedish forms, journals and spreadsheets label the number (Skatteverket SKV 704
 * names it *personnummer*, SKV 707 *samordningsnummer*; the short forms `pnr`, `p-nr`, `pers.nr`,
 * `personnr`, `nr`, `nummer`, `snr`, `samnr` are the usual abbreviations), `no` and `№` (which
 * reads as `No`) for *number*, and `idnr`. Words that could start a note are left out (`s` for
 * *sida*, `person` before a count), and `p` counts only before another label (`p-nr`, `p nr`).
 * `id` alone is left out too: Swedish text uses it for any record's identifier (`Ärende
 * 2026-05-12 id 4711`, refused one time in ten while it counted) and no form labels a
 * personnummer's serial so; `nr`, `#` and `No` say *number* as a personnummer's label does, and
 * stay (their cost: a date, one of them and four digits passing the date and Luhn checks, about
 * one in ten, is refused).
 * Compared in lower case, one word at a time: `p-nr` and `pers.nr` are read as `p`, `nr` and
 * `pers`, `nr`.
 */
const NUMBER_LABELS: ReadonlySet<string> = new Set([
  'nr',
  'no',
  'nummer',
  'numret',
  'p',
  'pnr',
  'pers',
  'persnr',
  'personnr',
  'personnummer',
  'personnumret',
  'snr',
  'samnr',
  'samordningsnr',
  'samordningsnummer',
  'samordningsnumret',
  'idnr',
]);

/**
 * True when `words` (letters only, as matched by `\p{L}+`) are one or more of the labels of an
 * identity number above, in any case: `['nr']`, `['p', 'nr']`, `['No']`. False for none, for
 * any other word (`['kl']`, `['rum']`) and for a `p` last (`['p']`: *poäng*, *punkt*).
 *
 * @example
 * labelsANumber(['pers', 'nr']); // true
 * labelsANumber(['kl']); // false
 */
export function labelsANumber(words: readonly string[]): boolean {
  const lower = words.map((word) => word.toLowerCase());
  return lower.length > 0 && lower.every((word) => NUMBER_LABELS.has(word)) && lower[lower.length - 1] !== 'p';
}

/**
 * Words that name an identity number on their own, before its date part (`Pnr: 1995-02-11
 * 06-05`, `Personnummer 1995-02-11 0605`), and those that say a birth date follows (`född`,
 * `födelsedatum`). The generic `nr`, `no`, `nummer` are no such word alone (`Faktura nr
 * 2026-05-12 14:30`, `Tel nr 0701-23 45 67` name something else); after `p` or `pers` they are
 * (`p-nr`, `pers.nr`, `p nr`). `f` counts with its dot (`f. 1939-11-05`, *född*).
 */
const NAMING_LABELS: ReadonlySet<string> = new Set([
  ...[...NUMBER_LABELS].filter((word) => !['nr', 'no', 'nummer', 'numret', 'p', 'pers'].includes(word)),
  'född',
  'födelsedatum',
]);
/** The number words that name an identity number after one of {@link BEFORE_NUMBER_WORD} (`p-nr`, `pers.nr`). */
const AFTER_P = new Set(['nr', 'nummer', 'numret']);
/**
 * The first halves of the label written apart: `p-nr`, `pers.nr`, `person nr`, `Person-nr`,
 * `person nummer`, `samordnings nr` (the forms' own words, SKV 704 and 707, split as people type
 * them; `person nr 1995-02-11 00:01` passed while only `p` and `pers` counted).
 */
const BEFORE_NUMBER_WORD = new Set(['p', 'pers', 'person', 'samordnings']);
/**
 * The end of a text before a date part: one or two words (a dash, dot or space between them),
 * then at most four spaces or ASCII marks (`: `, `. `, ` (`, ` - `) and nothing else.
 */
const WORDS_BEFORE = /(?<![\p{L}\p{N}])(\p{L}+)(?:[-. ]{1,2}(\p{L}+))?([ !-/:-@[-`{-~]{0,4})$/u;
/** How far back {@link namedBefore} reads: two words of 17 letters and their marks. */
const LOOK_BACK = 44;

/**
 * True when the words directly before `at` in the normalised text `norm` name an identity number
 * or a birth (`Pnr: `, `personnummer `, `p-nr `, `Personnr.`, `född `, `f. `): the digits after are
 * a personnummer's as written, so none of the allowances for ordinary text after a date (a time,
 * hours, a note, a range's end, a phone's grouping) applies; see `findPersonnummer`.
 *
 * @example
 * namedBefore('Pnr: 1995.02.11 06-05', 5); // true
 * namedBefore('Faktura nr 2026-05-12 14:30', 11); // false
 */
export function namedBefore(norm: string, at: number): boolean {
  const m = WORDS_BEFORE.exec(norm.slice(Math.max(0, at - LOOK_BACK), at));
  if (m === null) return false;
  const [, first = '', second, marks = ''] = m;
  const last = (second ?? first).toLowerCase();
  const before = second === undefined ? '' : first.toLowerCase();
  if (NAMING_LABELS.has(last)) return true;
  if (AFTER_P.has(last)) return BEFORE_NUMBER_WORD.has(before);
  if (last === 'f') return marks.startsWith('.');
  return last === 'den' && before === 'född';
}

/**
 * The words of {@link NAMING_LABELS} that name an identity number wherever they stand in a text
 * (`pnr`, `personnummer`, `samordningsnr`…), not the birth words: `född` says a date follows,
 * not a number (`Mamma född i Syrien. Träff 2026-05-12 14:30`); nor `p`/`person` + `nr`, which
 * also name other things (`Person nr 3, 2026-05-12 14:30`).
 */
const NAMING_WORDS: ReadonlySet<string> = new Set([...NAMING_LABELS].filter((word) => word !== 'född' && word !== 'födelsedatum'));

/**
 * True when the normalised text `norm` holds a word that names an identity number anywhere, not
 * only right before the digits: `pnr Anna Ek 1995-02-11 00:01`, `Personnummer för Anna:
 * 1995-02-11 00:01`, `1995-02-11 00:01 (pnr)`. A text that speaks of the number has none of the
 * allowances for ordinary text after a date; see `findPersonnummer`.
 *
 * @example
 * namedInText('1995-02-11 00:01 (pnr)'); // true
 * namedInText('Faktura nr 2026-05-12 14:30'); // false
 */
export function namedInText(norm: string): boolean {
  for (const [word] of norm.matchAll(/\p{L}+/gu)) if (NAMING_WORDS.has(word.toLowerCase())) return true;
  return false;
}

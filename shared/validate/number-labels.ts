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

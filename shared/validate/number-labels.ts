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

/** Letters, read from where `lastIndex` is set (sticky): a word of {@link labelsIn}. */
const LETTERS_AT = /\p{L}+/uy;

/**
 * {@link labelsANumber} of the words (`\p{L}+`) of `text` from unit `from` to `to`, read in place:
 * a word is sliced only to look it up (one letter is a string V8 keeps, `a-1234`'s `a`), where
 * matching them made an array and a string for each. The split check reads a text's leading
 * words so on every cell of words written (`split-worded.ts`).
 *
 * @example
 * labelsIn('p-nr 9876', 0, 5); // true
 * labelsIn('a-1234', 0, 2); // false
 */
export function labelsIn(text: string, from: number, to: number): boolean {
  let last: string | null = null;
  for (let i = from; i < to; ) {
    LETTERS_AT.lastIndex = i;
    if (!LETTERS_AT.test(text)) {
      i++;
      continue;
    }
    const end = Math.min(LETTERS_AT.lastIndex, to);
    last = text.slice(i, end).toLowerCase();
    if (!NUMBER_LABELS.has(last)) return false;
    i = end;
  }
  return last !== null && last !== 'p';
}

/** A digit, then the letters that end the text: what is glued before a date part (see {@link gluedLetters}). */
const GLUED_BEFORE = /(\p{N}?)(\p{L}*)$/u;

/**
 * True when the letters glued right before unit `at` of the normalised text `norm` (a date part
 * read with words before its serial) may stand before a number: none, one letter (`P850101x1236`,
 * `X19850101y1236`: a letter typed or left before the digits), or a label of the number
 * ({@link labelsANumber}: `pnr850101x1236`, `Nr850101 x 1236`). Two letters or more that label
 * nothing (`SKU850101x1236`, `fa850101b1236`) and letters with a digit before them
 * (`3a850101b1236`: a hex hash, a base62 id) are a code's, an identifier is read so. Looks back
 * at most 20 units: a longer run of letters is no label.
 *
 * @example
 * gluedLetters('P850101x1236', 1); // true
 * gluedLetters('SKU850101x1236', 3); // false
 */
export function gluedLetters(norm: string, at: number): boolean {
  const [, digit = '', letters = ''] = GLUED_BEFORE.exec(norm.slice(Math.max(0, at - 20), at)) ?? [];
  if (letters === '') return true;
  return digit === '' && ([...letters].length === 1 || labelsANumber([letters]));
}

/**
 * Words that name an identity number on their own, wherever they stand in a text (`pnr Anna Ek
 * 1995-02-11 00:01`, `1995-02-11 00:01 (pnr)`): the label list's words but the generic `nr`,
 * `no`, `nummer`, `numret`, and `p`/`pers` (which name it only before a number word, see
 * {@link QUALIFIERS}), and `ssn`, the English abbreviation of *social security number* people use
 * for a personnummer (mira.se on Skatteverket's English terms: a poor but common translation).
 */
const NAMING_WORDS: ReadonlySet<string> = new Set([
  ...[...NUMBER_LABELS].filter((word) => !['nr', 'no', 'nummer', 'numret', 'p', 'pers'].includes(word)),
  'ssn',
]);
/**
 * Words that say a date of birth follows when written right before it (compared {@link folded}): `född`, `födelsedatum`,
 * `f.` (with its dot), `född den`, and in English `born`, `DOB`, `birthdate`, `date of birth`.
 * Not anywhere in a text: `Mamma född i Syrien. Träff 2026-05-12 14:30` names no birth date.
 */
const BIRTH_WORDS: ReadonlySet<string> = new Set(['fodd', 'fodelsedatum', 'born', 'dob', 'birthdate']);
/** The number words that end a label of several words (`Person-nr`, `personal identity number`, `personal ID no.`). */
const NUMBER_WORDS: ReadonlySet<string> = new Set(['nr', 'nummer', 'numret', 'no', 'number', 'num']);
/**
 * What stands before a number word in a label of several words, its words joined by a space:
 * the Swedish forms' own words split as people type them (`p-nr`, `pers.nr`, `Person-nr`,
 * `person nummer`, `samordnings nr`; SKV 704 and 707), and Skatteverket's English terms
 * (*personal identity number*, *coordination number*, SKV 717B *co-ordination number*, and the
 * OECD TIN sheet's *personal identification number*), shortened as forms do (`personal ID no.`,
 * `personal no.`, `person number`, `identity number`), with the common mistranslations *social
 * security number*, *national identity number* and the older *civic registration number*. Not `id`
 * alone (`Order ID no.` names a record), nor `registration` or `security` alone (a car's, a
 * card's).
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'p', 'pers', 'person', 'samordnings',
  'personal', 'personal identity', 'personal identification', 'personal id', 'identity',
  'coordination', 'co ordination', 'social security', 'national identity', 'national identification', 'national id', 'civic registration',
]);
/** Between the words of one label: a dash, a dot, a space, or a dot and a space (`Pers.nr`, `pers. nr`, `co-ordination`). */
const GLUE = /^[-. ]{1,2}$/;
/** The most words a label has (`personal identification number`). */
const MOST_WORDS = 3;
/** After a label, a short number: the label may name that one (`Person nr 3`, a participant), not an identity number. */
const ORDINAL_AFTER = /^[ :.#]{0,3}\d{1,3}(?![\d.,:/-]?\d)/;
/** From where it is set (`lastIndex`): no letter and no digit to the end of the text, sticky. */
const NOTHING_SAID_AFTER = /[^\p{L}\d]*$/uy;

/**
 * True when a label of several words ending at `end` of `norm` names a short number only (see
 * {@link ORDINAL_AFTER}): what a label says is every number after it in the text, so the short
 * number frees the text only when nothing (no word, no digit) follows it (`Träff 2026-05-12
 * 14:30, person nr 4`: the date stands before the label, not in what it names). A date after
 * the short number, with a name between or none (`Person nr 3, 1995-02-11 00:01`, `Person nr 3:
 * Anna, 1995-02-11 00:01`), is named by the label: `Person-nr` is how a personnummer is written
 * short, and the short number does not say that what follows is no identity number.
 */
function namesShortNumber(norm: string, end: number): boolean {
  const ordinal = ORDINAL_AFTER.exec(norm.slice(end, end + 8));
  if (ordinal === null) return false;
  NOTHING_SAID_AFTER.lastIndex = end + ordinal[0].length;
  return NOTHING_SAID_AFTER.test(norm);
}

/** A word of a text: as written, in lower case without diacritics ({@link folded}), and where it ends. */
interface Word {
  written: string;
  lower: string;
  /** A single letter, or single letters joined by dots (`D.O.B`): the next letter after a dot joins it. */
  initials?: boolean;
  start: number;
  end: number;
}

/**
 * True when `words` (in order, the last the number word) end in a label of several words as
 * {@link QUALIFIERS} says, each joined to the next in `norm` by {@link GLUE}.
 */
function labelEnds(norm: string, words: readonly Word[]): boolean {
  const last = words[words.length - 1];
  if (last === undefined || !NUMBER_WORDS.has(last.lower)) return false;
  let joined = '';
  for (let k = words.length - 2; k >= 0 && k >= words.length - MOST_WORDS; k--) {
    const word = words[k] as Word;
    if (!GLUE.test(norm.slice(word.end, (words[k + 1] as Word).start))) return false;
    joined = joined === '' ? word.lower : `${word.lower} ${joined}`;
    if (QUALIFIERS.has(joined)) return true;
  }
  return false;
}

/**
 * A word as {@link eachWord} compares it: in lower case without its diacritics (`född`, `Född`,
 * `fodd` are `fodd`). The guard's normalised text drops combining marks (`normalize-digits.ts`),
 * so a `född` written with a decomposed ö (`fo\u0308dd`, as macOS and some pastes give it) reaches
 * the labels as `fodd`; compared folded, it names a birth however the ö was written (or left out).
 */
function folded(word: string): string {
  const lower = word.toLowerCase();
  return /[^\0-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

/** The words of `text` in order, each handed to `visit` with at most two before it; true as soon as `visit` says so. */
function eachWord(text: string, visit: (recent: readonly Word[]) => boolean): boolean {
  const recent: Word[] = [];
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const written = m[0];
    const previous = recent[recent.length - 1];
    // Initials joined by dots are one word, as written without them (`D.O.B.` is `dob`, `S.S.N.` `ssn`).
    if (written.length === 1 && previous?.initials === true && text.slice(previous.end, m.index) === '.') {
      recent[recent.length - 1] = { written: previous.written + written, lower: previous.lower + folded(written), start: previous.start, end: m.index + 1, initials: true };
      if (visit(recent)) return true;
      continue;
    }
    recent.push({ written, lower: folded(written), start: m.index, end: m.index + written.length, initials: written.length === 1 });
    if (recent.length > MOST_WORDS) recent.shift();
    if (visit(recent)) return true;
  }
  return false;
}

/** How far back {@link namedBefore} reads: three words of 17 letters, their marks and four after. */
const LOOK_BACK = 64;
/** At most four spaces or ASCII marks after a label before the date (`: `, `. `, ` (`, ` - `). */
const MARKS_AFTER = /[ !-/:-@[-`{-~]{0,4}$/;

/**
 * What the words right before `at` in the normalised text `norm` say (see {@link namedBefore}):
 * `'number'` when they name an identity number, `'birth'` when they say a date of birth follows
 * (see {@link birthBefore}), else null.
 *
 * @example
 * nameBefore('f. 1939-11-05 07-00', 3); // 'birth'
 */
export function nameBefore(norm: string, at: number): 'number' | 'birth' | null {
  const from = Math.max(0, at - LOOK_BACK);
  const slice = norm.slice(from, at);
  const marks = MARKS_AFTER.exec(slice)?.[0] ?? '';
  const end = slice.length - marks.length;
  let words: Word[] = [];
  eachWord(slice.slice(0, end), (recent) => {
    words = [...recent];
    return false;
  });
  // A word cut by the look-back is no word; the last must end where the marks start.
  if (from > 0 && words[0]?.start === 0) words.shift();
  const last = words[words.length - 1];
  if (last === undefined || last.end !== end) return null;
  const before = words.length > 1 && GLUE.test(slice.slice((words[words.length - 2] as Word).end, last.start)) ? (words[words.length - 2] as Word).lower : '';
  if (NAMING_WORDS.has(last.lower) || last.written === 'PIN' || labelEnds(slice, words)) return 'number';
  if (BIRTH_WORDS.has(last.lower) || (last.lower === 'f' && marks.startsWith('.'))) return 'birth';
  if ((last.lower === 'den' && before === 'fodd') || (last.lower === 'birth' && before === 'of' && words[words.length - 3]?.lower === 'date')) return 'birth';
  return null;
}

/**
 * True when the words directly before `at` in the normalised text `norm` name an identity number
 * or a birth (`Pnr: `, `personnummer `, `p-nr `, `Personnr.`, `Personal identity number: `,
 * `personal ID no. `, `SSN `, `PIN `, `född `, `f. `, `DOB `), with at most four marks after them:
 * the digits after are a personnummer's as written, so none of the allowances for ordinary text
 * after a date (a time, hours, a note, a range's end, a phone's grouping) applies; see
 * `findPersonnummer`. `PIN` (*personal identity number*) counts in capitals and right before the
 * date only: `pin` is a map's pin, and `PIN-kod`, `Ny PIN skickad 2026-05-12 14:30` speak of a
 * card's code.
 *
 * @example
 * namedBefore('Pnr: 1995.02.11 06-05', 5); // true
 * namedBefore('Faktura nr 2026-05-12 14:30', 11); // false
 */
export function namedBefore(norm: string, at: number): boolean {
  return nameBefore(norm, at) !== null;
}

/**
 * True when the words directly before `at` in `norm` say a date of birth follows (`född `, `f. `,
 * `född den `, `Födelsedatum: `, `born `, `DOB: `, `date of birth `); see {@link namedBefore}.
 *
 * @example
 * birthBefore('född 1995-02-11 00:01', 5); // true
 * birthBefore('pnr 1995-02-11 00:01', 4); // false
 */
export function birthBefore(norm: string, at: number): boolean {
  return nameBefore(norm, at) === 'birth';
}

/**
 * True when the normalised text `norm` holds words that name an identity number anywhere, not
 * only right before the digits: a word of {@link NAMING_WORDS} (`pnr Anna Ek 1995-02-11 00:01`,
 * `1995-02-11 00:01 (pnr)`, `SSN saknas, …`) or a label of several words in any spelling
 * (`Person-nr för Anna 1995-02-11 00:01`, `Pers.nr: Anna Ek 950211 00 01`, `Personal identity
 * number of Anna: …`, `Person nr 3, 1995-02-11 00:01`) unless a short number follows it and ends
 * the text (`Träff 2026-05-12 14:30, person nr 4`: a participant, the date not after the label;
 * {@link namesShortNumber}). Not the birth words (`Mamma född i Syrien`) nor `PIN`. A text that speaks of the
 * number has none of the allowances for ordinary text after a date; see `findPersonnummer`.
 * Linear in the length of `norm`: each word is looked at with at most two before it.
 *
 * @example
 * namedInText('1995-02-11 00:01 (pnr)'); // true
 * namedInText('Faktura nr 2026-05-12 14:30'); // false
 * namedInText('Person nr 3, 1995-02-11 00:01'); // true
 */
export function namedInText(norm: string): boolean {
  return eachWord(norm, (recent) => {
    const last = recent[recent.length - 1] as Word;
    if (NAMING_WORDS.has(last.lower)) return true;
    return labelEnds(norm, recent) && !namesShortNumber(norm, last.end);
  });
}

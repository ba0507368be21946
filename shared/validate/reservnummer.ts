/**
 * Reservnummer: the reserve identity numbers a region gives a patient who has no personnummer or
 * samordningsnummer (or whose number is not yet known). They single out a patient as a
 * personnummer does, so {@link findPersonnummer} refuses them too (kind `reservnummer`).
 *
 * Shapes read, as published in HL7 Sweden's base profiles (GitHub `HL7Sweden/basprofiler-r4`,
 * `input/fsh/invariants/PatientIdentifierConformancePatternSE.fsh`, commit
 * 2509c4ee47d6878278d831a8f2df2c7167203102), narrowed by Inera's specifications of the same numbers:
 * - the national reservnummer (NRID; `nationelltReservnummer-invariant`:
 *   `^([0-9]{8})-?([A-Z&&[^IOQVW]]{2}[0-9]{2}|[A-Z&&[^IOQVW]]{3}[0-9]{1})$`), Inera's
 *   `XXYYMMDDNNGC` (Nationellt ReservID, specifikation 1.0, quoted on Inera's PU Confluence page
 *   "Nationellt Reservidformat"): eight digits, an optional dash, then two letters NN and a digit G
 *   (sex known) or a letter G (sex unknown), and a check digit C; no I, O, Q, V, W. XX is the century
 *   plus 3, 6 … 78 when the date of birth is known (YYMMDD the date: month 01–12, day 01–31) and 00
 *   when it is not (YYMMDD then a serial: month 20–99, day 40–59); 01–17 are reserved and 18–21 never
 *   used, "so as not to be mixed up with personnummer". Only those XX, months and days are read: a
 *   plan's dated code (`20260317-AB12`, XX 20) is no NRID. The check digit (Luhn over the ASCII codes
 *   of the letters) is not checked: a mistyped one still names a patient.
 * - Region Stockholm's local reservnummer (`RegionStockholm-local-reservnummer-invariant`:
 *   `99\d{10}`), Inera's "Lokala Reservidn" page: `99yyyyNNNNNC`, yyyy a year — the page says
 *   1980–2299 but gives `991945000023` as its own example, so 1800–2299 are read (`991981000010`;
 *   `990000000000` is not).
 *
 * Read as well, since people and spreadsheets write them so: lower-case letters, fullwidth digits
 * and letters, characters that show nothing anywhere in it (zero-width space, soft hyphen: see
 * `visible`), and a space or any dash (`‐ ‑ ‒ – — −`) in place of the dash. Neither is read inside a
 * longer run of digits (`119850101…`) nor with a letter or digit right after it (a longer code);
 * a letter before is allowed (`pnr22850101AB12`).
 *
 * Read as well, where a person writes the number spaced (the personnummer guard reads its own so:
 * `personnummer-grouped.ts`): the national one with its date part in pairs (`2285 0101 AB12`,
 * `22 85 01 01-AB12`) or every character apart (`2 2 8 5 0 1 0 1 A B 1 2`), its letters upper
 * case (a lower-case word and two digits after a sum in thousands, `22 000 101 kr 12`, is a
 * sentence); Region Stockholm's in groups of two digits or more (`99 1981 000010`, as
 * `CANDIDATE_GROUPED` reads a personnummer). Not inside a longer run of digits so spaced.
 *
 * Two regional shapes that no plan value has are read too, as HL7 Sweden's base profiles give them
 * (same file and commit): Region Gävleborg's (`Gavleborg-local-reservnummer-invariant`:
 * `^\d{8}-\d{2}[M|K|X]\d$`, `19850101-12M3`: the letter M, K or X where a personnummer has its
 * third serial digit; any dash read as the dash) and Region Sörmland's second
 * (`Sormland2-local-reservnummer-invariant`: `18500101` or `18600101`, then M, N, K or P and three
 * digits, not `000`: no plan is dated 1850 or 1860).
 *
 * Left out, each with the shape of ordinary plan values (see `tests/shared/validate/reservnummer.test.ts`):
 * the regional shapes of eight digits, one letter and three digits (Västra Götaland LRID and GRID,
 * Västerbotten, Dalarna: `20260317A123`, a dated code), Örebro's and Blekinge's date and letters
 * (`20260317TA1B`), and those that are a date and digits alone (Halland, Inera CareLink: day 32–59);
 * by the same reading, Region Skåne's (`Skane-local-reservnummer-invariant`:
 * `^(\d{6}|\d{8})[D|E|F][A-Z][0|1][A-Z]$`, `20260317DA1B`; the support pages of one vendor,
 * support.antwork.se, say "ett datum följt av fyra tecken varav minst en är en bokstav"), Värmland's
 * (`LiV-local-reservnummer-invariant`, Inera's "Lokala Reservidn" page: `yyyymmddSBNC`, `19810829SU3A`)
 * and Västernorrland's (`Vasternorrland-local-reservnummer-invariant`: a date, three digits and `R`,
 * `20260317001R`): each a date and a code of letters and digits, as Örebro's is.
 */

/** Where a reservnummer (any shape the file's comment names) stands in a text. */
export type ReservnummerMatch = { match: string; index: number };

/** Letters the national reservnummer may hold: A–Z but I, O, Q, V, W (either case). */
const L = '[A-HJ-NPR-UX-Za-hj-npr-ux-z]';
/** Any dash, or a space (any of the common ones), where the published form has an optional `-`. */
const SEP = '[-\u2010-\u2015\u2212 \u00a0\u202f]?';
/** XXYYMMDD of an NRID: XX 22–99 and a date's month and day, or XX 00 and a serial's (month 20–99, day 40–59). */
const NRID_DATE = '(?:(?:2[2-9]|[3-9]\\d)\\d\\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])|00\\d\\d[2-9]\\d[45]\\d)';
const NATIONAL = new RegExp(`(?<!\\d)${NRID_DATE}${SEP}(?:${L}{2}\\d{2}|${L}{3}\\d)(?![0-9A-Za-z])`, 'g');
/** `99yyyyNNNNNC`, yyyy 1800–2299. */
const STOCKHOLM = /(?<!\d)99(?:1[89]|2[0-2])\d{8}(?!\d)/g;

/** Any dash, where a shape's dash stands. */
const DASH = '[-\\u2010-\\u2015\\u2212]';
/** The upper-case letters of {@link L}: a spaced national number's (see the file's comment). */
const U = '[A-HJ-NPR-UX-Z]';
/** What may stand between a spaced date part and its letters: nothing, a space, or a dash with a space on either side or none. */
const SPACED_SEP = `(?: ?${DASH} ?| )?`;
/**
 * A national reservnummer written spaced: the date part's pairs (XX YY MM DD, or 00 and a serial's)
 * split by single spaces, the letters and digits apart by one; or every character apart.
 */
const NATIONAL_SPACED = new RegExp(
  String.raw`(?<![0-9] ?)(?:` +
    String.raw`(?:(?:2[2-9]|[3-9]\d) ?\d\d ?(?:0[1-9]|1[0-2]) ?(?:0[1-9]|[12]\d|3[01])|00 ?\d\d ?[2-9]\d ?[45]\d)${SPACED_SEP}(?:${U}{2} ?\d\d|${U}{3} ?\d)` +
    String.raw`|(?:(?:2 [2-9]|[3-9] \d) \d \d (?:0 [1-9]|1 [0-2]) (?:0 [1-9]|[12] \d|3 [01])|0 0 \d \d [2-9] \d [45] \d)(?: | ?${DASH} ?)(?:${U} ${U} \d \d|${U} ${U} ${U} \d)` +
    String.raw`)(?![0-9A-Za-z]| [0-9])`,
  'g',
);
/** Twelve digits in two to six groups of two or more, one space between: Region Stockholm's when they are (`STOCKHOLM_DIGITS`). */
const GROUPED = /(?<![0-9] ?)\d\d+(?: \d\d+){1,5}(?! ?[0-9])/g;
const STOCKHOLM_DIGITS = /^99(?:1[89]|2[0-2])\d{8}$/;
/** Region Gävleborg's `\d{8}-\d{2}[MKX]\d` (either case, any dash). */
const GAVLEBORG = new RegExp(String.raw`(?<!\d)\d{8}${DASH}\d\d[MKXmkx]\d(?![0-9A-Za-z])`, 'g');
/** Region Sörmland's second shape: `18500101` or `18600101`, M, N, K or P (either case), three digits but `000`. */
const SORMLAND = /(?<!\d)18[56]00101[MNKPmnkp](?!000)\d{3}(?![0-9A-Za-z])/g;

/** Where the first match of `pattern` in `text` stands, or null. */
function firstOf(pattern: RegExp, text: string): { index: number; end: number } | null {
  pattern.lastIndex = 0;
  const m = pattern.exec(text);
  return m === null ? null : { index: m.index, end: m.index + m[0].length };
}

/** Where the first spaced Region Stockholm number ({@link GROUPED}) in `text` stands, or null. */
function stockholmGrouped(text: string): { index: number; end: number } | null {
  if (!text.includes(' ')) return null;
  for (const m of text.matchAll(GROUPED)) {
    if (STOCKHOLM_DIGITS.test(m[0].replace(/ /g, ''))) return { index: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * `text` with fullwidth digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) read as their
 * ASCII forms: same length, so indices hold in `text`. A text has no such character mostly, and is
 * returned as it is.
 */
function asciiWidth(text: string): string {
  if (!/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(text)) return text;
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * The first reservnummer (national, Region Stockholm's, Gävleborg's or Sörmland's, written as the
 * file's comment says) in `text`, or
 * null. `match` is the characters as written (never put it in a message or a log), `index` where it
 * starts (UTF-16 index). Linear in the length of `text`.
 *
 * @example
 * findReservnummer('Patient 22850101-AB12'); // { match: '22850101-AB12', index: 8 }
 * findReservnummer('Artikel 20260317A123'); // null
 */
export function findReservnummer(given: string): ReservnummerMatch | null {
  if (given.length < 12) return null;
  const shown = visible(asciiWidth(given));
  let first: { index: number; end: number } | null = null;
  for (const at of [firstOf(NATIONAL, shown.text), firstOf(STOCKHOLM, shown.text), firstOf(NATIONAL_SPACED, shown.text), stockholmGrouped(shown.text), firstOf(GAVLEBORG, shown.text), firstOf(SORMLAND, shown.text)]) {
    if (at !== null && (first === null || at.index < first.index)) first = at;
  }
  if (first === null) return null;
  const start = shown.at?.[first.index] ?? first.index;
  const end = shown.at === null ? first.end : (shown.at[first.end - 1] ?? first.end - 1) + 1;
  return { match: given.slice(start, end), index: start };
}

/**
 * `text` as the shapes are read on it: fullwidth digits and letters as ASCII, characters that show
 * nothing left out (`22850101\u200bAB12` is `22850101AB12`). For a check that reads parts of a
 * number apart (`split-reserve.ts`) as this file reads it whole.
 */
export function reserveReading(text: string): string {
  return visible(asciiWidth(text)).text;
}

/** Characters that show nothing: format characters (zero-width space and joiner, BOM, soft hyphen …) and combining marks. */
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * `text` without the characters that show nothing (`22850101\u200bAB12` shows `22850101AB12`), and
 * for each UTF-16 index of that text its index in `text` (`at`, null when none was taken out, the
 * usual case: then the indices are the same).
 */
function visible(text: string): { text: string; at: number[] | null } {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(text)) return { text, at: null };
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    INVISIBLE.lastIndex = 0;
    if (!INVISIBLE.test(ch)) {
      out += ch;
      for (let k = 0; k < ch.length; k++) at.push(i + k);
    }
    i += ch.length;
  }
  return { text: out, at };
}

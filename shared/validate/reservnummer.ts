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
 * Left out, each with the shape of ordinary plan values (see `tests/shared/validate/reservnummer.test.ts`):
 * the regional shapes of eight digits, one letter and three digits (Västra Götaland LRID and GRID,
 * Västerbotten, Dalarna: `20260317A123`, a dated code), Örebro's and Blekinge's date and letters
 * (`20260317TA1B`), and those that are a date and digits alone (Halland, Inera CareLink: day 32–59).
 */

/** Which reserve number a match is: only the national one and Region Stockholm's are read. */
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
 * The first reservnummer (national or Region Stockholm's, see the file's comment) in `text`, or
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
  for (const pattern of [NATIONAL, STOCKHOLM]) {
    pattern.lastIndex = 0;
    const m = pattern.exec(shown.text);
    if (m !== null && (first === null || m.index < first.index)) first = { index: m.index, end: m.index + m[0].length };
  }
  if (first === null) return null;
  const start = shown.at?.[first.index] ?? first.index;
  const end = shown.at === null ? first.end : (shown.at[first.end - 1] ?? first.end - 1) + 1;
  return { match: given.slice(start, end), index: start };
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

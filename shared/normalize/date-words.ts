/**
 * A date in words, as the notes on a date whose year was assumed or read two ways name it
 * (`plan-year.ts`, `plan-period.ts`).
 */

/**
 * The two formatters of {@link dateWords}, made at its first call and kept: `toLocaleDateString`
 * with options builds a formatter at every call (about 1-2 ms each), which an import of 50,000
 * dates without their year paid once per cell, for minutes.
 */
let wordFormats: { sv: Intl.DateTimeFormat; en: Intl.DateTimeFormat } | undefined;

/** `iso` (YYYY-MM-DD) in words, `12 mars 2027` / `12 March 2027`: the date a `year-assumed` note names. */
export function dateWords(iso: string): { sv: string; en: string } {
  const date = new Date(`${iso}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  wordFormats ??= { sv: new Intl.DateTimeFormat('sv-SE', opts), en: new Intl.DateTimeFormat('en-GB', opts) };
  return { sv: wordFormats.sv.format(date), en: wordFormats.en.format(date) };
}

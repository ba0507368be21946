/**
 * What a cell's number format says about its number, as the `.xlsx` reader needs it
 * (`xlsx-sheet-reader.ts`): a date or time (the number is a serial day, read as a `Date`), a
 * percentage (the number is a hundredth, read as the text shown: `12 %`), or neither.
 *
 * Built-in formats have no code in the file, only an id (ECMA-376 part 1, 18.8.30 `numFmt`):
 * 9 and 10 are percentages; 14–22 and 45–47 dates and times, and 27–36 and 50–58 the East Asian
 * locales' dates. A custom code is a date when, outside quoted text, `[…]` sections (colours,
 * conditions, locales; `[h]` elapsed hours is a time all the same), escaped and padding
 * characters, it holds a date or time letter (y m d h s, as exceljs 4.4 `utils.isDateFmt` reads
 * codes; `b`, the Buddhist year, too); a percentage when it holds `%` there.
 */

/** How a number under a format is read: as a `Date`, as the percent shown, or as it is. */
export type NumberKind = 'date' | 'percent' | 'number';

/** The built-in formats that are dates or times, by id. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The built-in percentage formats, by id. */
const BUILT_IN_PERCENTS = new Set([9, 10]);

/** A format code's characters that format: quoted text, escaped (`\x`), padding (`_x`, `*x`) and colour or locale sections gone. */
function formatting(code: string): string {
  return code.replace(/"[^"]*"/g, '').replace(/[\\_*]./g, '');
}

/** How a number shown with the custom format `code` is read. */
export function kindOfCode(code: string): NumberKind {
  const plain = formatting(code);
  // `[h]`, `[mm]`, `[ss]` are elapsed time; any other section is a colour, a condition or a locale.
  if (/\[(h+|m+|s+)\]/i.test(plain)) return 'date';
  const outside = plain.replace(/\[[^\]]*\]/g, '');
  if (/[ymdhsb]/i.test(outside.replace(/general/gi, ''))) return 'date';
  if (outside.includes('%')) return 'percent';
  return 'number';
}

/** How a number under the format `id` is read: its code in the workbook (`codes`), else a built-in format. */
export function kindOfFormat(id: number, codes: ReadonlyMap<number, string>): NumberKind {
  const code = codes.get(id);
  if (code !== undefined) return kindOfCode(code);
  if (BUILT_IN_DATES.has(id)) return 'date';
  if (BUILT_IN_PERCENTS.has(id)) return 'percent';
  return 'number';
}

/** The words a boolean cell shows: for TRUE and for FALSE. */
export interface BooleanWords {
  true: string;
  false: string;
}

/** The words a boolean cell shows when its format gives none: TRUE and FALSE, as the file's formulas write them. */
export const BOOLEAN_WORDS: BooleanWords = { true: 'TRUE', false: 'FALSE' };

/**
 * The words of a format made of quoted texts alone, one per section (`"SANT";"SANT";"FALSKT"`, as
 * LibreOffice writes the format of a boolean cell in the language it shows it in): TRUE takes the
 * first section, FALSE (0) the third (the zero section), else the first; null for any other code.
 * Excel writes a boolean cell under `General`, and shows it in its own language (SANT in Swedish
 * Excel), which the file does not record.
 */
export function booleanWordsOf(code: string): BooleanWords | null {
  const sections = code.split(';');
  if (sections.length > 4) return null;
  const words = sections.map((s) => /^"([^"]*)"$/.exec(s.trim())?.[1]);
  if (words.some((w) => w === undefined)) return null;
  const first = words[0] as string;
  return { true: first, false: (words[2] ?? first) as string };
}

/** Days from Excel's day 0 (1899-12-30, the 1900 date system) to 1970-01-01. */
const UNIX_DAY = 25_569;

/** Days from the 1900 system's day 0 to the 1904 system's (1904-01-01). */
const DAYS_1904 = 1_462;

/**
 * The `Date` (UTC) of an Excel serial day `serial` in the workbook's date system (`date1904`: the
 * 1904 system of old Mac workbooks, `workbookPr date1904`), to the millisecond, as exceljs reads it.
 */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_DAY + (date1904 ? DAYS_1904 : 0)) * 86_400_000));
}

/** A number under a percent format as the text shown, `12 %` for 0.12 (`parse-number.ts` reads it as 12). */
export function percentShown(n: number): string {
  return `${String(Number((n * 100).toPrecision(15)))} %`;
}

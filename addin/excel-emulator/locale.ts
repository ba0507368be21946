/**
 * The workbook's locale: the regional format Excel reads typed text and shows numbers with
 * (Windows' regional settings; Excel on the web's "Regional format"). `en-US`, the default:
 * `12.5`, `1,234.5` shown, `TRUE`/`FALSE`. `sv-SE`, as Swedish Excel: a decimal comma (`12,5`
 * typed is the number 12.5, and `12.5` is no number), a space or no-break space between
 * thousands (`1 234,5`), shown with a no-break space and a hyphen-minus, and `SANT`/`FALSKT` for
 * booleans, typed and shown (typing `TRUE` there gives the text `TRUE`), and a day and month typed
 * with a dot or a slash (`1.5`, `12/3`, `1.5.2025`) read as a date ({@link typedDayMonth}). Number format codes stay
 * Excel's own (`#,##0.0`, what `Range.numberFormat` holds in every locale); only what a cell shows
 * follows the locale.
 */

/** A locale the emulator models. */
export type ExcelLocale = 'en-US' | 'sv-SE';

/** The words a boolean cell shows, and that typed become a boolean: TRUE's, then FALSE's. */
export const BOOLEAN_WORDS: Readonly<Record<ExcelLocale, readonly [string, string]>> = {
  'en-US': ['TRUE', 'FALSE'],
  'sv-SE': ['SANT', 'FALSKT'],
};

/** The boolean a typed text is in `locale` (`SANT`, any case, in `sv-SE`), else undefined. */
export function typedBoolean(text: string, locale: ExcelLocale): boolean | undefined {
  const upper = text.toUpperCase();
  const [on, off] = BOOLEAN_WORDS[locale];
  return upper === on ? true : upper === off ? false : undefined;
}

/** `sv-SE` number text: sign, digits in groups of three or none, decimal comma, exponent, percent sign. */
const SWEDISH_NUMBER = /^([+-]?)(\d{1,3}(?:[ \u00a0]\d{3})+|\d*)(?:,(\d*))?([eE][+-]?\d+)?(\s?%)?$/;

/**
 * Typed text in `locale` spelled as an `en-US` number would be (`1 234,5 %` → `1234.5 %`), for the
 * number and percent patterns; null when in `locale` it cannot be a number (`12.5` in `sv-SE`).
 */
export function numberSpelling(text: string, locale: ExcelLocale): string | null {
  if (locale === 'en-US') return text;
  const m = SWEDISH_NUMBER.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  return `${m[1]}${(m[2] ?? '').replace(/[ \u00a0]/g, '')}${m[3] === undefined ? '' : `.${m[3]}`}${m[4] ?? ''}${m[5] ?? ''}`;
}

const swedishFormats = new Map<string, Intl.NumberFormat>();

/**
 * `n` with `decimals` decimals as a cell shows it in `locale`, with thousands separators when
 * `grouped`: `1,234.5` in `en-US`, `1 234,5` (no-break space) in `sv-SE`, whose minus is Excel's
 * hyphen-minus, not the sign `Intl` writes.
 */
export function shownNumber(n: number, decimals: number, grouped: boolean, locale: ExcelLocale): string {
  if (locale === 'en-US') {
    const fixed = n.toFixed(decimals);
    return grouped ? Number(fixed).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : fixed;
  }
  const key = `${decimals}${grouped ? 'g' : ''}`;
  let format = swedishFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped });
    swedishFormats.set(key, format);
  }
  return format.format(n).replace(/\u2212/g, '-');
}

/** A number under the General format in `locale`: `12.5`, or `12,5` in `sv-SE` (no thousands separator). */
export function generalNumber(n: number, locale: ExcelLocale): string {
  const text = String(n);
  return locale === 'en-US' ? text : text.replace('.', ',');
}

/** Month names as Excel's `mmm` shows them. */
const MONTHS: Readonly<Record<ExcelLocale, readonly string[]>> = {
  'en-US': ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  'sv-SE': ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

/** A day and month under Excel's `d-mmm` format, in `locale`: `1-maj`, `1-May`. */
export function dayMonthText(day: number, month: number, locale: ExcelLocale): string {
  return `${day}-${MONTHS[locale][month - 1] ?? ''}`;
}

/** A typed day and month, day first, with a dot or a slash, and a four-digit year or none. */
const DAY_MONTH = /^(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}))?$/;

/**
 * The date Swedish Excel makes of typed text that is a day and a month (`1.5`, `12/3`; the day
 * first, as Swedish dates are read) with or without a four-digit year (`1.5.2025`, `1/5/2025`):
 * ISO `yyyy-mm-dd`, in `year` when none is typed (Excel takes the current year), and whether a year
 * was typed. Undefined in `en-US` (whose month-first reading is not emulated), for a day the month
 * does not have (`31.4`), and for everything else Excel might also read as a date (`1-5`, two-digit
 * years, month names, times): the emulator reads only these, so that a dot typed for a decimal
 * (`1.5`, `12.5`) meets what it meets in Swedish Excel.
 */
export function typedDayMonth(text: string, locale: ExcelLocale, year: number): { iso: string; withYear: boolean } | undefined {
  if (locale !== 'sv-SE') return undefined;
  const m = DAY_MONTH.exec(text);
  if (!m) return undefined;
  const [day, month, y] = [Number(m[1]), Number(m[3]), m[4] === undefined ? year : Number(m[4])];
  const date = new Date(Date.UTC(y, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || y < 1900) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { iso: `${y}-${pad(month)}-${pad(day)}`, withYear: m[4] !== undefined };
}

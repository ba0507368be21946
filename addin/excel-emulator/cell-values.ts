/**
 * How Excel turns what is written into a cell into its stored value, and how it shows it.
 * Writing `Range.values` parses strings like typed input: `"42"` becomes the number 42,
 * `"TRUE"` a boolean, `"2024-03-01"` a date serial, `"12%"` the number 0.12 shown as `12%`, unless the cell is formatted as text (`@`)
 * or the string starts with an apostrophe. Numbers and booleans are read and shown in the
 * workbook's locale (`locale.ts`: `12,5` and `SANT` in `sv-SE`, where `1.5` is a date, 1 May).
 */
import { BOOLEAN_WORDS, dayMonthText, generalNumber, numberSpelling, shownNumber, typedBoolean, typedDayMonth, type ExcelLocale } from './locale.js';

/** A stored cell value; `''` is an empty cell. */
export type Scalar = string | number | boolean;

/** What a write stores: the value, an optional formula and a number format Excel picks. */
export interface Parsed {
  value: Scalar;
  formula?: string;
  numberFormat?: string;
}

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A percentage as typed (`12%`, `12 %`, `12.5%`): Excel stores a hundredth of it. */
const percentPattern = /^([+-]?(?:\d+\.?\d*|\.\d+))\s?%$/;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Day 0 of serials from 61 on (1899-12-30): the phantom leap day below them is counted in. */
const epoch = Date.UTC(1899, 11, 30);
/** The serial of 9999-12-31, the last day Excel shows. */
const LAST_SERIAL = 2_958_465;
/** The 1900 system's phantom leap day (Lotus 1-2-3's), which Excel takes when typed and shows: serial 60. */
const PHANTOM_LEAP_DAY = '1900-02-29';
/** What Excel shows for a serial it cannot show as a date (below 0, past 9999-12-31): the cell filled with `#`. */
const NOT_SHOWN = '########';

/**
 * Excel's date serial for a typed ISO date in the 1900 system: 1900-01-01 is 1, the phantom
 * 1900-02-29 is 60 and 1900-03-01 is 61; undefined for a day that does not exist or is not shown
 * (before 1900 or after 9999: Excel keeps such text as text). The emulator keeps its own rules,
 * importing nothing of Samplan: Samplan's reading of dates (`shared/normalize/excel-date.ts`) is
 * tested against it.
 */
export function dateSerial(iso: string): number | undefined {
  if (iso === PHANTOM_LEAP_DAY) return 60;
  const m = isoDatePattern.exec(iso);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1) return undefined;
  const serial = Math.round((ms - epoch) / DAY_MS);
  // Before the phantom day every serial is one lower than the days since 1899-12-30.
  const excel = serial < 61 ? serial - 1 : serial;
  return excel >= 1 && excel <= LAST_SERIAL ? excel : undefined;
}

/**
 * A date serial as Excel shows it under a `yyyy-mm-dd` format: day 0 is `1900-01-00`, 60 the
 * phantom `1900-02-29`, and a serial below 0 or past 9999-12-31 fills the cell with `#`. A time
 * of day (the fraction) is not shown.
 */
export function serialToIso(serial: number): string {
  const day = Math.floor(serial);
  if (day < 0 || day > LAST_SERIAL) return NOT_SHOWN;
  if (day === 0) return '1900-01-00';
  if (day === 60) return PHANTOM_LEAP_DAY;
  return new Date(epoch + (day < 60 ? day + 1 : day) * DAY_MS).toISOString().slice(0, 10);
}

/** Cheap pre-check: only text starting like a number, date or a boolean word (TRUE, FALSKT, SANT) can convert. */
export function mayConvert(text: string): boolean {
  const ch = text.charCodeAt(0);
  if (Number.isNaN(ch)) return true;
  // digits, + - . , and space; t/T/f/F/s/S for TRUE/FALSE/FALSKT/SANT
  return (ch >= 48 && ch <= 57) || ch === 43 || ch === 45 || ch === 46 || ch === 44 || ch === 32 || ch === 116 || ch === 84 || ch === 102 || ch === 70 || ch === 115 || ch === 83;
}

/** Excel's built-in format for a day and month typed without a year (format 16). */
export const DAY_MONTH_FORMAT = 'd-mmm';

/** A number format of Excel's Number category: digits only, with thousands separators and decimals (`0`, `0.00`, `#,##0`). */
const plainNumberFormat = /^[#,]*0(\.0+)?$/;

/** Parses one written value the way Excel does for the given cell format, in `locale`. */
export function parseInput(input: unknown, numberFormat: string, locale: ExcelLocale = 'en-US'): Parsed {
  if (input === null || input === undefined) return { value: '' };
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input } : { value: '#NUM!' };
  if (typeof input === 'boolean') return { value: input };
  const text = String(input);
  if (numberFormat === '@') return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  if (!mayConvert(text)) return { value: text };
  const trimmed = text.trim();
  const spelled = numberSpelling(trimmed, locale);
  if (spelled !== null && numberPattern.test(spelled)) return { value: Number(spelled) };
  // Excel stores 12% as 0.12 and, in a cell of the General format or of a plain number format
  // (`0`, `0.00`, `#,##0`), shows it with a percent format; a cell of any other format (a date, a
  // currency, a percent format already) keeps its own.
  const percent = spelled === null ? null : percentPattern.exec(spelled);
  if (percent) {
    const value = Number(percent[1]) / 100;
    if (numberFormat !== 'General' && !plainNumberFormat.test(numberFormat)) return { value };
    return { value, numberFormat: percent[1]?.includes('.') ? '0.00%' : '0%' };
  }
  const bool = typedBoolean(trimmed, locale);
  if (bool !== undefined) return { value: bool };
  const serial = dateSerial(trimmed);
  if (serial !== undefined) {
    return numberFormat === 'General' ? { value: serial, numberFormat: 'yyyy-mm-dd' } : { value: serial };
  }
  // Swedish Excel's day and month (`1.5` is 1 May of this year), shown as typed: `1-maj`, or the full date with a year.
  const dayMonth = typedDayMonth(trimmed, locale, new Date().getFullYear());
  const daySerial = dayMonth && dateSerial(dayMonth.iso);
  if (dayMonth && daySerial !== undefined) {
    return numberFormat === 'General' ? { value: daySerial, numberFormat: dayMonth.withYear ? 'yyyy-mm-dd' : DAY_MONTH_FORMAT } : { value: daySerial };
  }
  return { value: text };
}

/**
 * What the cell editor starts with, as Excel's formula bar shows a cell: its formula, else a
 * number as under General (all its decimals, no thousands separator) in `locale`, a date as its
 * date, a boolean in the locale's words.
 */
export function editText(value: Scalar, numberFormat: string, formula: string | undefined, locale: ExcelLocale = 'en-US'): string {
  if (formula !== undefined) return formula;
  const fmt = numberFormat.toLowerCase();
  if (typeof value === 'number' && fmt === DAY_MONTH_FORMAT) return serialToIso(value);
  if (typeof value === 'number' && !fmt.includes('%') && !(fmt.includes('yy') && fmt.includes('d'))) return generalNumber(value, locale);
  return formatText(value, numberFormat, locale);
}

/** `Excel.RangeValueType` of a stored value. */
export function valueType(value: Scalar): string {
  if (value === '') return 'Empty';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return 'Double';
  if (value.startsWith('#')) return 'Error';
  return 'String';
}

/** The shown text of a value under a (small subset of) Excel number formats, in `locale`. */
export function formatText(value: Scalar, numberFormat: string, locale: ExcelLocale = 'en-US'): string {
  if (typeof value === 'boolean') return BOOLEAN_WORDS[locale][value ? 0 : 1];
  if (typeof value === 'string') return value;
  const fmt = numberFormat.toLowerCase();
  if (fmt === 'general' || fmt === '@') return generalNumber(value, locale);
  if (fmt.includes('yy') && fmt.includes('d')) return serialToIso(value);
  if (fmt === DAY_MONTH_FORMAT) {
    const iso = serialToIso(value);
    return iso.startsWith('#') ? iso : dayMonthText(Number(iso.slice(8, 10)), Number(iso.slice(5, 7)), locale);
  }
  const percent = fmt.endsWith('%');
  const body = percent ? fmt.slice(0, -1) : fmt;
  const dot = body.indexOf('.');
  const decimals = dot < 0 ? 0 : body.length - dot - 1;
  const out = shownNumber(percent ? value * 100 : value, decimals, body.includes(','), locale);
  return percent ? `${out}%` : out;
}

/** Rough JSON size in bytes of a value written or read, for the payload limit. */
export function payloadSize(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'boolean') return 5;
  if (Array.isArray(value)) {
    let n = 2;
    for (const item of value) n += payloadSize(item) + 1;
    return n;
  }
  if (typeof value === 'object') {
    let n = 2;
    for (const [k, v] of Object.entries(value)) n += k.length + 4 + payloadSize(v);
    return n;
  }
  return 8;
}

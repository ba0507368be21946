/**
 * One cell of an OpenDocument spreadsheet's `content.xml` read as {@link XlsxCell}, the way
 * `xlsx-read.ts` reads an XLSX cell, so that the normaliser cannot tell the two apart: numbers
 * (`float`, `currency`) as numbers, a `percentage` as the text shown (`12 %`, as an XLSX number
 * under a percent format), a `date` as a `Date` at UTC midnight (exceljs's reading of a date cell),
 * a `time` as a `Date` on 1899-12-30 (Excel's day 0, as exceljs gives a time-only cell), a
 * `boolean` as the text it shows (`SANT`, `TRUE`; `TRUE`/`FALSE` when it shows none), a `string` as its text. A formula is its saved (cached) value; a formula
 * without one reads as empty and its cell is named. Value types and attributes: OpenDocument 1.3,
 * part 3, 19.385 (`office:value-type`), 19.376–19.384 (`office:*-value`).
 */
import { BOOLEAN_WORDS } from './xlsx-number-format.js';
import type { XlsxCell } from './xlsx-read.js';

/** The attributes of a `table:table-cell` a value is read from (local names, any prefix). */
export interface OdsCellAttributes {
  valueType?: string;
  value?: string;
  dateValue?: string;
  timeValue?: string;
  booleanValue?: string;
  stringValue?: string;
  /** `calcext:value-type`: LibreOffice says `error` for a formula's error result, shown as its text. */
  calcValueType?: string;
  formula?: boolean;
}

/** Excel's day 0 (1899-12-30), on which exceljs places a cell holding a time of day only. */
const DAY_ZERO = Date.UTC(1899, 11, 30);

/** `2026-03-12` or `2026-03-12T10:30:00(.5)` (xsd:date/dateTime, no zone as LibreOffice writes it) as a UTC `Date`. */
export function odsDate(text: string): Date | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = frac === '' ? 0 : Math.round(Number(`0${frac}`) * 1000);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  // Date.UTC reads years 0–99 as 1900–1999; set the year the file wrote.
  date.setUTCFullYear(Number(y));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `PT10H30M00S` (xsd:duration, as `office:time-value` is written; days too) as a `Date` on Excel's day 0. */
export function odsTime(text: string): Date | null {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) return null;
  const [, minus, d = '0', h = '0', mi = '0', s = '0'] = m;
  const ms = Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000);
  return new Date(DAY_ZERO + (minus ? -ms : ms));
}

/** A number read from an attribute, or null when it is none. */
function numberOf(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * The cell's value: `text` is what its paragraphs show, joined by line breaks. An empty text
 * reads as empty (null). `formulaWithoutValue` is true for a formula the file saved no value of.
 */
export function odsCellValue(a: OdsCellAttributes, text: string): { value: XlsxCell; formulaWithoutValue: boolean } {
  const shown = text === '' ? null : text;
  const done = (value: XlsxCell) => ({ value, formulaWithoutValue: false });
  if (a.calcValueType === 'error') return done(shown);
  switch (a.valueType) {
    case 'float':
    case 'currency':
      return done(numberOf(a.value) ?? shown);
    case 'percentage': {
      const n = numberOf(a.value);
      // As xlsx-read.ts reads a number under a percent format: the text shown, 12 %, read as 12.
      return done(n === null ? shown : `${Number((n * 100).toPrecision(15))} %`);
    }
    case 'date':
      return done((a.dateValue === undefined ? null : odsDate(a.dateValue)) ?? shown);
    case 'time':
      return done((a.timeValue === undefined ? null : odsTime(a.timeValue)) ?? shown);
    case 'boolean': {
      // As the text it shows (SANT in a Swedish LibreOffice, TRUE in an English one), as xlsx-read.ts
      // reads an XLSX boolean: a text typed into a text column that the spreadsheet turned into a boolean.
      if (shown !== null || a.booleanValue === undefined) return done(shown);
      const on = a.booleanValue.trim() === 'true' || a.booleanValue.trim() === '1';
      return done(on ? BOOLEAN_WORDS.true : BOOLEAN_WORDS.false);
    }
    case 'string':
      return done(a.stringValue !== undefined && a.stringValue !== '' ? a.stringValue : shown);
    default:
      if (a.formula && shown === null) return { value: null, formulaWithoutValue: true };
      return done(shown);
  }
}

/** The column letters of a 1-based column number, as a sheet names it (`1` → `A`, `28` → `AB`). */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

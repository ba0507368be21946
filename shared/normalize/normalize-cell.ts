/**
 * Turning what Excel hands us into a stored cell value. Every input is either normalised the
 * same way every time or reported with a code and a message; nothing is dropped silently.
 */
import { isKommunCode } from '../catalog/kommuner.js';
import { isPeriod } from '../catalog/period.js';
import { localized, type MessageParams } from '../i18n/t.js';
import { TYPE_NAMES, type MessageKey } from '../i18n/messages.js';
import { Limits } from '../protocol/limits.js';
import type { CellColumn, CellValue, Localized } from '../schema/types.js';
import { matchOption } from './enum-lookup.js';
import { excelSerialToIso, isIsoDate, isoFromUtc } from './excel-date.js';
import { parseSwedishNumber } from './parse-number.js';

/** The outcome of {@link normalizeCell}. */
export type NormalizeResult =
  | { ok: true; value: CellValue }
  | { ok: false; code: MessageKey; message: Localized };

const TRUE_WORDS = new Set(['x', 'ja', 'true', 'sant', 'yes', '1']);
const FALSE_WORDS = new Set(['', 'nej', 'false', 'falskt', 'no', '0']);
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DASHED_MONTH = /^(\d{4})-(\d{2})$/;

function ok(value: CellValue): NormalizeResult {
  return { ok: true, value };
}

function fail(col: CellColumn, code: MessageKey, raw: unknown, extra?: MessageParams): NormalizeResult {
  const value = typeof raw === 'string' ? raw.trim() : String(raw);
  return { ok: false, code, message: localized(code, { column: col.header, value, ...extra }) };
}

function toBoolean(col: CellColumn, raw: unknown): NormalizeResult {
  if (raw === null || raw === undefined || raw === false || raw === 0) return ok(false);
  if (raw === true || raw === 1) return ok(true);
  if (typeof raw === 'string') {
    const word = raw.trim().toLocaleLowerCase('sv');
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return fail(col, 'not-boolean', raw);
}

function toNumber(col: CellColumn, raw: number | string, integer: boolean): NormalizeResult {
  const n = typeof raw === 'number' ? raw : parseSwedishNumber(raw);
  if (n === null || !Number.isFinite(n)) return fail(col, 'not-number', raw);
  if (integer && !Number.isInteger(n)) return fail(col, 'not-integer', raw);
  // -0 would round-trip as 0 anyway; store the plain zero.
  return ok(n === 0 ? 0 : n);
}

function toDate(col: CellColumn, raw: unknown, text: string | null): NormalizeResult {
  if (typeof raw === 'number') return orFail(col, excelSerialToIso(raw), raw, 'not-date');
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? fail(col, 'not-date', raw) : ok(isoFromUtc(raw.getTime()));
  }
  if (text === null) return fail(col, 'not-date', raw);
  if (isIsoDate(text)) return ok(text);
  const withTime = DATE_TIME.exec(text);
  if (withTime?.[1] && isIsoDate(withTime[1])) return ok(withTime[1]);
  const compact = COMPACT_DATE.exec(text);
  if (compact) {
    const iso = `${compact[1]}-${compact[2]}-${compact[3]}`;
    if (isIsoDate(iso)) return ok(iso);
  }
  return fail(col, 'not-date', raw);
}

function toPeriod(col: CellColumn, raw: unknown, text: string): NormalizeResult {
  let p = text.toUpperCase();
  const dashed = DASHED_MONTH.exec(p);
  if (dashed) p = `${dashed[1]}${dashed[2]}`;
  return isPeriod(p) ? ok(p) : fail(col, 'not-period', raw);
}

function orFail(col: CellColumn, value: string | null, raw: unknown, code: MessageKey): NormalizeResult {
  return value === null ? fail(col, code, raw) : ok(value);
}

/** A raw value as trimmed text, or null when it is not text-like (booleans, objects). */
function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

/**
 * Normalises one value read from Excel for the cell column `col`.
 *
 * - empty (`null`, `undefined`, blank text) → `null`; for x-columns (multi-choice cells and
 *   `boolean`) blank means "not marked" → `false`;
 * - x-columns: `x`, `ja`, `TRUE`, `true`, `1` → true; blank, `nej`, `FALSE`, `false`, `0` → false;
 * - numbers: Excel numbers as they are; text with a decimal comma or point and space-grouped
 *   thousands (`1 234,5`);
 * - dates: Excel serials (1900 system), `YYYY-MM-DD`, `YYYYMMDD`, ISO date-times → `YYYY-MM-DD`;
 * - periods: upper-cased, `2024-06` → `202406`;
 * - enums: the stored value or a Swedish/English label, any case;
 * - text of every kind: trimmed.
 *
 * Ranges, lengths, required and cross-references are checked later by `validateRow`.
 */
export function normalizeCell(col: CellColumn, raw: unknown): NormalizeResult {
  const type = col.column.type;
  if (col.option || type === 'boolean' || type === 'multi') return toBoolean(col, raw);
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === 'number' && !Number.isFinite(raw)) return fail(col, 'not-number', raw);
  const text = asText(raw);
  if (text === '') return ok(null);
  if (text !== null && text.length > Limits.maxStringLength) {
    return fail(col, 'too-long', '…', { length: text.length, max: Limits.maxStringLength });
  }
  switch (type) {
    case 'integer':
    case 'number':
      if (typeof raw !== 'number' && typeof raw !== 'string') return fail(col, 'not-number', raw);
      return toNumber(col, typeof raw === 'number' ? raw : (text ?? ''), type === 'integer');
    case 'date':
      return toDate(col, raw, text);
    case 'period':
      return text === null ? fail(col, 'not-period', raw) : toPeriod(col, raw, text);
    case 'enum': {
      const value = text === null ? undefined : matchOption(col.column, text);
      return value === undefined ? fail(col, 'enum', raw) : ok(value);
    }
    case 'unit':
      // Excel turns a typed kommun code like 0127 into the number 127; put the zero back.
      if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 1000) {
        const code = String(raw).padStart(4, '0');
        if (isKommunCode(code)) return ok(code);
      }
      return text === null ? fail(col, 'type', raw, { expected: TYPE_NAMES.text }) : ok(text);
    default:
      return text === null ? fail(col, 'type', raw, { expected: TYPE_NAMES.text }) : ok(text);
  }
}

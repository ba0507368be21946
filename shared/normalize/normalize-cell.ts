/**
 * Turning what Excel hands us into a stored cell value. Every input is either normalised the
 * same way every time or reported with a code and a message; nothing is dropped silently.
 * The one normaliser for every way a value arrives: typed or pasted in the sheet (the binding),
 * CSV, XLSX, JSON and Kolada imports on the server. A date column's value is read in
 * `normalize-date.ts`; the outcome, its context and the makers of a refusal are `normalize-result.ts`'s.
 */
import { isKommunCode, kommunCodeOf } from '../catalog/kommuner.js';
import { TYPE_NAMES } from '../i18n/messages.js';
import { Limits } from '../protocol/limits.js';
import { trimAround } from './trim-around.js';
import type { CellColumn } from '../schema/types.js';
import { choiceHint, matchOption, PICK_FROM_LIST } from './enum-lookup.js';
import { dateText, periodSerialDate } from './excel-date.js';
import { hasPercent, parseSwedishNumber, pointAmbiguity } from './parse-number.js';
import { readPeriod } from './parse-period.js';
import { periodRefusal, type PeriodRefusal } from './period-refusal.js';
import { toDate } from './normalize-date.js';
import { fail, ok, refuse, shown, type NormalizeContext, type NormalizeResult } from './normalize-result.js';
import { numberAsCell, numberAsCellWords } from '../i18n/number-words.js';

export type { NormalizeContext, NormalizeHow, NormalizeInfo, NormalizeResult } from './normalize-result.js';

/**
 * A dash alone (hyphen, en dash, em dash, minus sign): how Swedish tables and reports write "no
 * value" in a cell of numbers or dates (`–` in a report's table, `-` typed for nothing yet).
 */
const DASH_ALONE = /^[-\u2010-\u2015\u2212]$/;
/**
 * Two dots alone: Statistics Sweden's sign for a value that is missing (not available or too
 * uncertain to give), in every statistical table and file SCB publishes (SCB's explanation of
 * symbols: `..` "uppgift inte tillgänglig eller för osäker för att anges"). Read as empty.
 */
const MISSING_ALONE = /^\.\.$/;
/** Column types where a dash alone is read as empty: it is never a number, a date or a period. */
const DASH_EMPTY_TYPES = new Set(['integer', 'number', 'date', 'period']);

/**
 * A spreadsheet's formula error as a cell shows it or a file holds it: Excel's codes (OOXML keeps
 * them in English whatever the language), Swedish Excel's shown names (`#DIVISION/0!`,
 * `#REFERENS!`, `#VÄRDEFEL!`, `#SAKNAS!`, `#NAMN?`, `#OGILTIGT!`, `#SKÄRNING!`) as a CSV holds
 * them, and LibreOffice's `Err:502`. Never a value: refused as `formula-error` in every column.
 */
const FORMULA_ERROR = /^(?:#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|DIVISION\/0!|VÄRDEFEL!|REFERENS!|NAMN\?|OGILTIGT!|SAKNAS!|SKÄRNING!|BERÄKNA!)|Err:\d{3})$/i;

const TRUE_WORDS = new Set(['x', 'ja', 'true', 'sant', 'yes', '1']);
const FALSE_WORDS = new Set(['', 'nej', 'false', 'falskt', 'no', '0']);

/**
 * `type`, naming the value: a boolean as `true`/`false`, a list or an object (JSON) by its kind
 * alone (`[…]`, `{…}`), never walked, since it may nest deep.
 */
function typeFail(col: CellColumn, raw: unknown): NormalizeResult {
  const value = typeof raw === 'boolean' ? String(raw) : Array.isArray(raw) ? '[…]' : raw !== null && typeof raw === 'object' ? '{…}' : `"${String(raw)}"`;
  return refuse('type', 'type-value', { column: col.header, value, expected: TYPE_NAMES.text });
}

/** `not-number`, worded with a whole example in a whole-number column. */
function notNumber(col: CellColumn, raw: unknown): NormalizeResult {
  return refuse('not-number', col.column.type === 'integer' ? 'not-whole-number' : 'not-number', { column: col.header, value: shown(raw) });
}

/** A period refused in the words of its refusal (`periodRefusal`), after the column: each code's values are its own. */
function periodFail(col: CellColumn, refusal: PeriodRefusal): NormalizeResult {
  const column = col.header;
  switch (refusal.code) {
    case 'period-date-ambiguous':
      return refuse(refusal.code, refusal.code, { column, ...refusal.params });
    case 'period-unknown-kind':
      return refuse(refusal.code, refusal.code, { column, ...refusal.params });
    default:
      return refuse(refusal.code, refusal.code, { column, ...refusal.params });
  }
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
  const twoWays = typeof raw === 'string' ? pointAmbiguity(raw) : null;
  if (twoWays) return refuse('number-ambiguous', 'number-ambiguous', { column: col.header, value: raw, whole: numberAsCellWords(twoWays.whole), decimal: numberAsCellWords(twoWays.decimal), comma: numberAsCell(twoWays.decimal, 'sv') });
  if (n === null || !Number.isFinite(n)) return notNumber(col, raw);
  if (integer && !Number.isInteger(n)) return fail(col, 'not-integer', raw);
  // -0 would round-trip as 0 anyway; store the plain zero.
  const value = n === 0 ? 0 : n;
  if (typeof raw === 'number') return ok(value);
  return ok(value, hasPercent(raw) ? 'percent-dropped' : String(value) === raw ? undefined : 'number-from-text');
}

/**
 * A period cell: text by `readPeriod`, the numbers 2025 and 202512, and a date cell — a `Date`,
 * or a serial (`periodSerialDate`) — as its ISO date, so that a cell formatted as a month
 * (`jul-26`) is that month. A refusal says why (`periodRefusal`): no period, a day, a slashed
 * date read two ways, a week or a season.
 */
function toPeriod(col: CellColumn, raw: unknown, text: string): NormalizeResult {
  if (typeof raw === 'number' && !Number.isInteger(raw)) return fail(col, 'not-period', raw);
  const serial = periodSerialDate(raw);
  const reading = readPeriod(serial ?? text);
  if (!reading.ok) {
    return periodFail(col, periodRefusal(reading, serial ?? text));
  }
  const p = reading.code;
  return ok(p, p === text || (typeof raw === 'number' && serial === null) ? undefined : 'period-from-text');
}

/** A kommun column: a four-digit code of a known län; `180` → `0180`; a kommun's name → its code. */
function toKommun(col: CellColumn, raw: unknown, text: string): NormalizeResult {
  if (typeof raw === 'number' && !Number.isInteger(raw)) return fail(col, 'not-kommun', raw);
  if (/^\d{1,4}$/.test(text)) {
    const code = text.padStart(4, '0');
    if (!isKommunCode(code)) return fail(col, 'not-kommun', raw);
    return ok(code, code === text ? undefined : 'code-padded');
  }
  const byName = kommunCodeOf(text);
  return byName ? ok(byName, 'kommun-from-name') : fail(col, 'not-kommun', raw);
}

function toUnit(col: CellColumn, raw: unknown, text: string | null): NormalizeResult {
  // Excel turns a typed kommun code like 0127 into the number 127 (and writes 127 to CSV); put
  // the zero back when that makes a kommun code.
  if (text !== null && /^\d{1,3}$/.test(text) && (typeof raw === 'string' || Number.isInteger(raw))) {
    const code = text.padStart(4, '0');
    if (isKommunCode(code)) return ok(code, 'code-padded');
  }
  return text === null ? typeFail(col, raw) : ok(text);
}

/** A raw value as trimmed text (a date cell as {@link dateText}), or null when it is not text-like (booleans, objects). */
function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return trimAround(raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return dateText(raw);
}

/**
 * Normalises one value — as read from an Excel cell (string, number, boolean, Date), a CSV field
 * or a JSON value — for the cell column `col`.
 *
 * - empty (`null`, `undefined`, blank text) → `null`, and in number, date and period columns a
 *   dash alone (`-`, `–`, `—`, `−`: Swedish tables' "no value") → `null` (`empty-from-dash`), and
 *   SCB's `..` (value missing) → `null` (`empty-from-missing`); for x-columns (multi-choice cells and
 *   `boolean`) blank means "not marked" → `false`;
 * - x-columns: `x`, `ja`, `TRUE`, `true`, `1` → true; blank, `nej`, `FALSE`, `false`, `0` → false;
 * - numbers: Excel numbers as they are; text with a decimal comma or point, space or no-break
 *   space thousands (`1 234,5`), point thousands where nothing else can be meant (`1.234,5`,
 *   `1.234.567`) and a trailing `%` (`12,5 %` → 12.5); one point before three digits (`1.234`:
 *   1234 or 1.234?) → `number-ambiguous`, naming both;
 * - dates: Excel serials (1900 system) and every form of `parseSwedishDate` (`2025-3-12`,
 *   `12/3`, `12.3.2025`, `12 mars 2025` …) → `YYYY-MM-DD`; a time of day is dropped with an
 *   info note (`date-time-dropped`);
 * - periods: every form of `readPeriod` (`Q4 2025`, `2025 kv 4`, `jul-26`, `helår 2025`,
 *   `1.7.2026`, `1 juli 26`, `jan–mar 2026` …), the number 2025 or 202512, a date cell (`Date`, or a serial:
 *   a five-digit number, or five digits of text from a CSV) on a month's first day → the stored
 *   form; a date on another day → `period-is-day`; `7/1/2026` → `period-date-ambiguous`;
 *   `vecka 12`, `sommaren 2026` → `period-unknown-kind`; `feb–apr 2026` → `period-month-range`;
 * - kommun columns (`catalog: 'kommun'`): `180` or the number 180 → `0180`, a kommun's name →
 *   its code; not a code of a known län → `not-kommun`;
 * - unit columns: text; a number below 1000 that pads to a kommun code is padded;
 * - enums: the stored value or a Swedish/English label, any case;
 * - text of every kind: trimmed;
 * - a formula error shown or saved in the cell (`#DIV/0!`, `#REFERENS!`, `Err:502`) → `formula-error`, in every column;
 * - a workbook's date cell (`Date`) outside a date column: the text Swedish Excel shows,
 *   `2025-03-04` (kept in a text column, refused in words in a number column).
 *
 * Ranges, lengths, required and cross-references are checked later by `validateRow`.
 * @example normalizeCell(col('partners', 'kommun'), 180) // { ok: true, value: '0180', how: 'code-padded' }
 */
export function normalizeCell(col: CellColumn, raw: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  const type = col.column.type;
  if (col.option || type === 'boolean' || type === 'multi') return toBoolean(col, raw);
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === 'number' && !Number.isFinite(raw)) return notNumber(col, raw);
  const text = asText(raw);
  if (text === '') return ok(null, raw === '' || typeof raw !== 'string' ? undefined : 'empty-from-spaces');
  if (text !== null && DASH_EMPTY_TYPES.has(type) && DASH_ALONE.test(text)) return ok(null, 'empty-from-dash');
  if (text !== null && DASH_EMPTY_TYPES.has(type) && MISSING_ALONE.test(text)) return ok(null, 'empty-from-missing');
  if (text !== null && FORMULA_ERROR.test(text)) return fail(col, 'formula-error', text);
  if (text !== null && text.length > Limits.maxStringLength) {
    return refuse('too-long', 'too-long', { column: col.header, length: text.length, max: Limits.maxStringLength });
  }
  switch (type) {
    case 'integer':
    case 'number':
      if (typeof raw !== 'number' && typeof raw !== 'string') return notNumber(col, raw);
      return toNumber(col, typeof raw === 'number' ? raw : (text ?? ''), type === 'integer');
    case 'date':
      return toDate(col, raw, text, ctx);
    case 'period':
      return text === null ? fail(col, 'not-period', raw) : toPeriod(col, raw, text);
    case 'enum': {
      const value = text === null ? undefined : matchOption(col.column, text);
      if (value === undefined) return refuse('enum', 'enum', { column: col.header, value: shown(raw), hint: text === null ? PICK_FROM_LIST : choiceHint(col.column, text) });
      return ok(value, value === text ? undefined : 'choice-from-label');
    }
    case 'unit':
      if (col.column.catalog === 'kommun') return text === null ? fail(col, 'not-kommun', raw) : toKommun(col, raw, text);
      return toUnit(col, raw, text);
    default:
      return text === null ? typeFail(col, raw) : asWritten(col, raw, text);
  }
}

/** Text columns a person writes in freely: their spaces are kept as Excel keeps them (an indented line of a comment). */
const WRITTEN_TYPES = new Set(['text', 'longtext']);

/** The spaces (U+0020, and the no-break space U+00A0 Excel keeps alike) ending the whitespace before a text, and starting the whitespace after it. */
const SPACES_BEFORE = /[ \u00a0]*$/;
const SPACES_AFTER = /^[ \u00a0]*/;

/**
 * A text cell's value: as written in a text a person writes (`WRITTEN_TYPES`: the spaces directly
 * before and after it kept, no-break spaces too, as Excel keeps them: `  – punkt`), else trimmed
 * (a name rows are found by, an e-mail address, a phone number, a reference left unresolved).
 * Other whitespace around a text is no indentation and is trimmed in every column: a tab, a line
 * break (a quoted CSV field's stray `"Promenad\n"`), an invisible character (a byte-order mark
 * `\ufeff`, a zero-width space `\u200b` pasted from the web).
 * Said as `breaks-trimmed` when that took anything away from a written text, `spaces-trimmed` elsewhere.
 */
function asWritten(col: CellColumn, raw: unknown, text: string): NormalizeResult {
  if (typeof raw !== 'string' || raw === text) return ok(text);
  if (!WRITTEN_TYPES.has(col.column.type) || col.column.lookedUp) return ok(text, 'spaces-trimmed');
  const start = raw.indexOf(text);
  const kept = `${(SPACES_BEFORE.exec(raw.slice(0, start)) as RegExpExecArray)[0]}${text}${(SPACES_AFTER.exec(raw.slice(start + text.length)) as RegExpExecArray)[0]}`;
  if (kept.length > Limits.maxStringLength) return refuse('too-long', 'too-long', { column: col.header, length: kept.length, max: Limits.maxStringLength });
  return ok(kept, kept === raw ? undefined : 'breaks-trimmed');
}


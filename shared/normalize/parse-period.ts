/**
 * Reading periods in every way people write them, into the stored form (`2025`, `2025S1`,
 * `2025Q4`, `202512`; see `shared/catalog/period`). Accepted, case and spacing ignored:
 *
 * | written | stored |
 * |---|---|
 * | `2025`, the number 2025 | `2025` |
 * | `2025Q4`, `2025 Q4`, `2025-Q4`, `Q4 2025`, `Q4-2025`, `2025 kv 4`, `2025 kv4`, `kv 4 2025`, `2025K4`, `4:e kvartalet 2025` | `2025Q4` |
 * | `2025S1`, `2025 H1`, `H1 2025`, `2025 halvår 1`, `halvår 1 2025`, `2025 hå1` | `2025S1` |
 * | `helår 2025`, `2025 helår`, `helåret 2025` | `2025` |
 * | `202512`, `2025-12`, `2025-1`, `2025/12`, `12/2025`, `dec 2025`, `december 2025`, `dec-2025`, `dec-25`, `dec. 25` | `202512` |
 * | `2025-12-01` (a date on the first of a month; a workbook's date cell arrives as this) | `202512` |
 *
 * A month word with a two-digit year (`jul-26`, what Swedish Excel shows for a date cell
 * formatted `mmm-yy`) takes Excel's century: 00–29 are 2000–2029, 30–99 are 1930–1999.
 *
 * A date (`YYYY-MM-DD`) is read only where its meaning is certain: a period column holds no
 * day, and Excel keeps a cell formatted as a month as that month's first day, so the first of a
 * month is that month. Any other day (`2025-12-15`) lies in a month, a quarter, a half-year and a
 * year alike and is refused ({@link isDayNotPeriod}), as is every other unreadable text.
 *
 * Everything else is null, including impossible ones (`2025Q5`, `202513`) and a period
 * without its year (`Q4`).
 */
import { formatPeriod, parsePeriod, type Period } from '../catalog/period.js';
import { isIsoDate } from './excel-date.js';

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['jan', 'januari', 'january'],
    ['feb', 'februari', 'february'],
    ['mar', 'mars', 'march'],
    ['apr', 'april'],
    ['maj', 'may'],
    ['jun', 'juni', 'june'],
    ['jul', 'juli', 'july'],
    ['aug', 'augusti', 'august'],
    ['sep', 'sept', 'september'],
    ['okt', 'oct', 'oktober', 'october'],
    ['nov', 'november'],
    ['dec', 'december'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);

/** Words for a quarter and a half-year, lower-case. */
const QUARTER = '(?:q|k|kv|kvartal|kvartalet)';
const HALF = '(?:s|h|hå|halvår|halvåret)';
const SEP = '[\\s\\-/.]*';
const ORD = '(\\d)(?::[ae])?';

const FORMS: readonly [RegExp, (m: RegExpExecArray) => Period][] = [
  [new RegExp(`^(\\d{4})${SEP}${QUARTER}${SEP}(\\d)$`), (m) => ({ kind: 'quarter', year: +m[1]!, index: +m[2]! })],
  [new RegExp(`^${QUARTER}${SEP}(\\d)${SEP}(\\d{4})$`), (m) => ({ kind: 'quarter', year: +m[2]!, index: +m[1]! })],
  [new RegExp(`^${ORD}\\s*${QUARTER}${SEP}(\\d{4})$`), (m) => ({ kind: 'quarter', year: +m[2]!, index: +m[1]! })],
  [new RegExp(`^(\\d{4})${SEP}${HALF}${SEP}(\\d)$`), (m) => ({ kind: 'half', year: +m[1]!, index: +m[2]! })],
  [new RegExp(`^${HALF}${SEP}(\\d)${SEP}(\\d{4})$`), (m) => ({ kind: 'half', year: +m[2]!, index: +m[1]! })],
  [new RegExp(`^${ORD}\\s*${HALF}${SEP}(\\d{4})$`), (m) => ({ kind: 'half', year: +m[2]!, index: +m[1]! })],
  [/^(\d{4})[-/.](\d{1,2})$/, (m) => ({ kind: 'month', year: +m[1]!, index: +m[2]! })],
  [/^(\d{1,2})[-/.](\d{4})$/, (m) => ({ kind: 'month', year: +m[2]!, index: +m[1]! })],
];

const MONTH_WORD = /^([a-zåäö]+)\.?[\s\-/.]+(\d{4}|\d{2})$/;
const WHOLE_YEAR = /^(?:(?:helår|helåret|år)\s+(\d{4})|(\d{4})\s+helår)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A two-digit year as Excel reads it: 00–29 → 2000–2029, 30–99 → 1930–1999. */
function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length === 4 ? n : n < 30 ? 2000 + n : 1900 + n;
}

/**
 * True when `text` is a real date (`YYYY-MM-DD`) on another day than the first of its month:
 * no period, since the day lies in several (see the table above); the refusal says so.
 */
export function isDayNotPeriod(text: string): boolean {
  const m = DAY.exec(text.trim());
  return m !== null && isIsoDate(m[0]) && m[3] !== '01';
}

function valid(p: Period): string | null {
  const text = formatPeriod(p);
  return parsePeriod(text) ? text : null;
}

/**
 * The stored form of a period written `text` (trimmed), or null.
 * @example parseAnyPeriod('Q4 2025') // '2025Q4'
 */
export function parseAnyPeriod(text: string): string | null {
  if (text.length > 30) return null;
  const lower = text.toLocaleLowerCase('sv').replace(/\s+/g, ' ');
  const stored = lower.toUpperCase();
  if (parsePeriod(stored)) return stored;
  for (const [pattern, read] of FORMS) {
    const m = pattern.exec(lower);
    if (m) return valid(read(m));
  }
  const day = DAY.exec(lower);
  if (day) return isIsoDate(day[0]) && day[3] === '01' ? valid({ kind: 'month', year: +day[1]!, index: +day[2]! }) : null;
  const whole = WHOLE_YEAR.exec(lower);
  if (whole) return valid({ kind: 'year', year: Number(whole[1] ?? whole[2]), index: 1 });
  const word = MONTH_WORD.exec(lower);
  const month = word ? MONTHS.get(word[1] as string) : undefined;
  return word && month ? valid({ kind: 'month', year: fullYear(word[2] as string), index: month }) : null;
}

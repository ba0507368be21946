/**
 * Reading periods in every way people write them, into the stored form (`2025`, `2025S1`,
 * `2025Q4`, `202512`; see `shared/catalog/period`). Accepted, case and spacing ignored:
 *
 * | written | stored |
 * |---|---|
 * | `2025`, the number 2025 | `2025` |
 * | `2025Q4`, `2025 Q4`, `2025-Q4`, `Q4 2025`, `Q4-2025`, `2025 kv 4`, `2025 kv4`, `kv 4 2025`, `2025K4`, `4:e kvartalet 2025` | `2025Q4` |
 * | `2025S1`, `2025 H1`, `H1 2025`, `2025 halvår 1`, `halvår 1 2025`, `2025 hå1` | `2025S1` |
 * | `202512`, `2025-12`, `2025-1`, `2025/12`, `12/2025`, `dec 2025`, `december 2025` | `202512` |
 *
 * Everything else is null, including impossible ones (`2025Q5`, `202513`) and a period
 * without its year (`Q4`).
 */
import { formatPeriod, parsePeriod, type Period } from '../catalog/period.js';

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

const MONTH_WORD = /^([a-zåäö]+)\.?\s+(\d{4})$/;

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
  const word = MONTH_WORD.exec(lower);
  const month = word ? MONTHS.get(word[1] as string) : undefined;
  return word && month ? valid({ kind: 'month', year: Number(word[2]), index: month }) : null;
}

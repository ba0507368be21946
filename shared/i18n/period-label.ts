/**
 * The one way Samplan writes a reporting period for people: in the sheet, the pane, charts and
 * the round report. Short, year first for quarters and half-years so a column of periods reads
 * in order, the month written out:
 *
 * | stored | sv | en |
 * |---|---|---|
 * | `2025` | 2025 | 2025 |
 * | `2025S1` | 2025 halvår 1 | 2025 H1 |
 * | `2025Q4` | 2025 kv 4 | 2025 Q4 |
 * | `202503` | mars 2025 | March 2025 |
 *
 * Every form reads back to its code through `parseAnyPeriod` (`shared/normalize/parse-period`),
 * so a period shown in a cell can be typed the same way and is stored as the code.
 */
import { parsePeriod, type Period } from '../catalog/period.js';
import type { Lang } from './t.js';
import { digits } from './number-words.js';

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A parsed period in words ("2025 kv 4", "mars 2025"); see the table above. */
export function periodLabel(p: Period, lang: Lang): string {
  switch (p.kind) {
    case 'year':
      return digits(p.year);
    case 'half':
      return lang === 'sv' ? `${digits(p.year)} halvår ${digits(p.index)}` : `${digits(p.year)} H${digits(p.index)}`;
    case 'quarter':
      return lang === 'sv' ? `${digits(p.year)} kv ${digits(p.index)}` : `${digits(p.year)} Q${digits(p.index)}`;
    case 'month':
      return `${MONTHS[lang][p.index - 1] ?? digits(p.index)} ${digits(p.year)}`;
  }
}

/**
 * A stored period code (`2025Q4`) in words ("2025 kv 4"), or the text itself when it is no
 * period code, so nothing a cell holds disappears.
 * @example periodWords('202503', 'sv') // 'mars 2025'
 */
export function periodWords(code: string, lang: Lang): string {
  const p = parsePeriod(code);
  return p ? periodLabel(p, lang) : code;
}

/**
 * The periods a Period column's dropdown offers: those in use (the document's rows, the
 * workspace's follow-up rounds) and the quarters of the current and the previous year, newest
 * first, in words ("2025 kv 4", see `period-label.ts`). The cell stores the code: the words read
 * back through `parseAnyPeriod`.
 */
import { parsePeriod, type Period } from '../catalog/period.js';
import { periodLabel } from './period-label.js';
import type { Lang } from './t.js';
import { digits } from './number-words.js';

/** Sort key, newest first: a year before its halves, quarters and months; then by first month. */
function order(p: Period): number {
  const months = p.kind === 'year' ? 13 : p.kind === 'half' ? (p.index - 1) * 6 + 1 : p.kind === 'quarter' ? (p.index - 1) * 3 + 1 : p.index;
  const within = p.kind === 'year' ? 0 : p.kind === 'half' ? 1 : p.kind === 'quarter' ? 2 : 3;
  return p.year * 10_000 + months * 10 - within;
}

/**
 * Period codes (texts that are no period code are left out), once each, with the four quarters
 * of `now`'s year and of the year before, newest first.
 *
 * @example periodChoiceCodes(['2024', '2025Q2'], new Date('2025-11-01')) // ['2025Q4', '2025Q3', '2025Q2', '2025Q1', '2024', '2024Q4', …]
 */
export function periodChoiceCodes(inUse: Iterable<unknown>, now: Date): string[] {
  const year = now.getFullYear();
  const codes = new Set<string>();
  for (const y of [year, year - 1]) for (let q = 1; q <= 4; q++) codes.add(`${digits(y)}Q${digits(q)}`);
  for (const code of inUse) if (typeof code === 'string' && parsePeriod(code)) codes.add(code);
  return [...codes].sort((a, b) => order(parsePeriod(b) as Period) - order(parsePeriod(a) as Period));
}

/** {@link periodChoiceCodes} in words, as the dropdown lists them ("2025 kv 4"; English "2025 Q4"). */
export function periodChoices(inUse: Iterable<unknown>, now: Date, lang: Lang): string[] {
  return periodChoiceCodes(inUse, now).map((code) => periodLabel(parsePeriod(code) as Period, lang));
}

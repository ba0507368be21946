/**
 * Which reported values make up a figure over a span of months, without counting anything twice.
 * Reporting periods are calendar-aligned (`shared/catalog/period.ts`): a month lies in one
 * quarter, a quarter in one half-year, a half-year in one year, so two periods are either nested
 * or apart. When a unit reports an indicator both for a quarter and for its months, the quarter's
 * figure is the one that counts and the months are its breakdown: of nested periods the outermost
 * present one is kept. The kept periods are then disjoint, and sums over them (counts, numerators,
 * denominators) never double count. Values that carry nothing (null value, no numerator and
 * denominator) do not cover their months: missing is not 0.
 */
import { parsePeriod, periodContains, type Period } from '../catalog/period.js';
import type { Observation } from '../indicators/compute.js';

/** Months in each kind of period. */
export const PERIOD_MONTHS = { year: 12, half: 6, quarter: 3, month: 1 } as const;

/** The last month of a period within its year, 1–12 (`2025Q2` → 6, `202503` → 3, `2025` → 12). */
export function endMonthInYear(p: Period): number {
  return p.index * PERIOD_MONTHS[p.kind];
}

/** Does the observation carry a figure (a value, or a numerator and a denominator)? */
export function carriesFigure(o: Pick<Observation, 'value' | 'numerator' | 'denominator'>): boolean {
  return o.value !== null || o.numerator !== null;
}

/** The result of {@link disjointCover}: the kept observations and how many months they cover. */
export interface Cover {
  kept: Observation[];
  months: number;
}

/**
 * Of observations of one indicator and one unit (any kön the caller has filtered), keep those
 * whose period is not inside another present observation's period. Observations with an
 * unreadable period are left out. Two values for the very same period are both kept (the
 * document's validation reports the duplicate; the roll-up does not pick one silently), but
 * their months count once.
 *
 * @returns the kept observations and the number of distinct months they cover (0–12 per year)
 */
export function disjointCover(observations: readonly Observation[]): Cover {
  const withPeriod: { o: Observation; p: Period }[] = [];
  for (const o of observations) {
    if (!carriesFigure(o)) continue;
    const p = parsePeriod(o.period);
    if (p) withPeriod.push({ o, p });
  }
  const kept = withPeriod.filter(({ p }) => !withPeriod.some(({ p: q }) => (q.kind !== p.kind || q.index !== p.index || q.year !== p.year) && periodContains(q, p)));
  const months = new Set<string>();
  for (const { p } of kept) {
    const first = (p.index - 1) * PERIOD_MONTHS[p.kind];
    for (let m = 1; m <= PERIOD_MONTHS[p.kind]; m++) months.add(`${p.year}-${first + m}`);
  }
  return { kept: kept.map(({ o }) => o), months: months.size };
}

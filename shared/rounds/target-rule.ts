/**
 * How a figure for a period is held against an indicator's target.
 *
 * - **Levels and percentages** (a share, an index, years) are compared as they are: the period's
 *   value against the target.
 * - **Counts** (hälsosamtal held, FaR prescribed) have a target per period length, by default per
 *   year (the catalog's `targetPeriod` column; an annual target such as 120 hälsosamtal). A count
 *   for a sub-period is compared **pro rata over the year to date**: the sum of the unit's values
 *   from January through the end of the period, against target × months reported ÷ months of the
 *   target's period. Months without a value are left out of both sides (missing is not 0), so a
 *   unit that reported all of January–June is held against half of an annual target, and the year
 *   with every month reported against the full target. The baseline scales the same way.
 *
 * Example (worked in `tests/shared/rounds/target-rule.test.ts`): target 120 per year, Tensta
 * reports 40, 45, 42 and 48 for the four quarters of 2025. 2025 kv 2: 85 against 60, reached;
 * the year: 175 against 120, reached. Compared quarter by quarter with 120, every quarter would
 * be "ej på väg".
 */
import { targetStatus, type TargetStatus } from '../indicators/compute.js';
import type { IndicatorDefinition } from '../indicators/definitions.js';
import { PERIOD_MONTHS } from './period-cover.js';

/** What the status of one figure was decided on. */
export interface TargetComparison {
  /** The figure held against the target: the period's value, or for a count the year-to-date sum. */
  compared: number | null;
  /** The target it was held against: the catalog's, or for a count the pro-rata share of it. */
  target: number | null;
  status: TargetStatus | null;
}

/**
 * Compare one figure with its target by the rule above.
 * @param def the indicator's definition (measure, direction, baseline, target, targetPeriod)
 * @param figure the period's own value (levels, ratios)
 * @param yearToDate counts only: the year-to-date sum and the months it covers (0–12)
 * @returns the compared figure, the target used and the status; all null when either is missing
 */
export function compareWithTarget(def: IndicatorDefinition, figure: number | null, yearToDate: { sum: number | null; months: number } | null): TargetComparison {
  if (def.measure !== 'count' || def.targetPeriod === null) {
    return { compared: figure, target: def.target, status: targetStatus({ value: figure, target: def.target, baseline: def.baseline, direction: def.direction }) };
  }
  if (!yearToDate || yearToDate.sum === null || yearToDate.months === 0 || def.target === null) {
    return { compared: yearToDate?.sum ?? null, target: null, status: null };
  }
  const share = yearToDate.months / PERIOD_MONTHS[def.targetPeriod];
  const target = def.target * share;
  const baseline = def.baseline === null ? null : def.baseline * share;
  return { compared: yearToDate.sum, target, status: targetStatus({ value: yearToDate.sum, target, baseline, direction: def.direction }) };
}

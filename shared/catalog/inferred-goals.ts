/**
 * Which goal cells of an activity-plan row stand where Table 1 of the KIM report (seed 000) puts
 * them by inference: the row's type is one whose x marks the seed's text extraction kept only as
 * a count (`goalsInferred` in `activity-types.ts`), and the row's goals are exactly that type's
 * marks — so their place came from the type (filled in as a suggestion, or by the demo) rather
 * than from someone's own judgement. Such cells are marked in the sheet ("härlett från
 * aktivitetstyp"); a row whose goals someone changed is no longer marked.
 */
import type { RowValues } from '../schema/types.js';
import { ACTIVITY_TYPES, GOALS } from './activity-types.js';

const marked = (v: unknown): boolean => v !== undefined && v !== null && v !== false && v !== '';

/**
 * The goal cell keys (`goals.motivation` …) of `values` whose place is inferred from Table 1, or
 * an empty list.
 *
 * @example
 * inferredGoalCells({ type: 'halsodag', 'goals.motivation': true, 'goals.prevention': true,
 *   'goals.health-information': true, 'goals.accessibility': true })
 * // → ['goals.motivation', 'goals.prevention', 'goals.health-information', 'goals.accessibility']
 */
export function inferredGoalCells(values: Readonly<RowValues>): string[] {
  const type = ACTIVITY_TYPES.find((t) => t.value === values.type);
  if (!type?.goalsInferred || type.defaultGoals.length === 0) return [];
  const defaults = new Set<string>(type.defaultGoals);
  for (const g of GOALS) if (marked(values[`goals.${g.value}`]) !== defaults.has(g.value)) return [];
  return type.defaultGoals.map((g) => `goals.${g}`);
}

/**
 * The goal suggestion of Table 1 (seed 000, the KIM report: activity types × goals): when an
 * activity type is chosen on a plan row whose goal cells are all empty, the goals the table
 * marks for that type are filled in. Where the table's x marks are our reading of the report's
 * prose (`goalsInferred` in `activity-types.ts`), the suggestion says so.
 */
import type { CellValue, DocKind, RowValues } from '../schema/types.js';
import { ACTIVITY_TYPES, GOALS } from './activity-types.js';

/** The cell key of goal `value` in an activity plan (`goals.motivation`). */
const goalKey = (value: string): string => `goals.${value}`;

/** The goal cell keys of an activity plan, in Table 1's order. */
export const GOAL_KEYS: readonly string[] = GOALS.map((g) => goalKey(g.value));

/** What {@link suggestGoals} proposes for one row. */
export interface GoalSuggestion {
  /** The activity type the goals come from. */
  type: string;
  /** Goal cell key → true, for each goal Table 1 marks for the type. */
  cells: Record<string, true>;
  /** True when the places of the type's x marks in Table 1 are inferred from the report's text. */
  inferred: boolean;
}

const marked = (v: CellValue | undefined): boolean => v !== undefined && v !== null && v !== false;

/**
 * The Table 1 goals to fill in on a row of `kind` whose `type` was just chosen: `before` is the
 * row as the doc held it (undefined for a new row), `after` the row with the person's change. A
 * suggestion is made only in an activity plan, when `type` is set and differs from before, and
 * every goal cell of `after` is empty (null, missing or false); never for a type without goals
 * in Table 1 ("Annan aktivitet") or an unknown one. Null otherwise.
 *
 * @example
 * suggestGoals('activity-plan', undefined, { title: 'Promenad', type: 'promenadgrupp' })
 * // → { type: 'promenadgrupp', cells: { 'goals.motivation': true, … }, inferred: false }
 */
export function suggestGoals(kind: DocKind, before: Readonly<RowValues> | undefined, after: Readonly<RowValues>): GoalSuggestion | null {
  if (kind !== 'activity-plan') return null;
  const type = after.type;
  if (typeof type !== 'string' || type === before?.type) return null;
  if (GOAL_KEYS.some((k) => marked(after[k]))) return null;
  const row = ACTIVITY_TYPES.find((t) => t.value === type);
  if (!row || row.defaultGoals.length === 0) return null;
  const cells: Record<string, true> = {};
  for (const goal of row.defaultGoals) cells[goalKey(goal)] = true;
  return { type, cells, inferred: row.goalsInferred };
}

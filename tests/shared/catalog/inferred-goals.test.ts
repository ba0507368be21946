import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, GOALS } from '../../../shared/catalog/activity-types.js';
import { inferredGoalCells } from '../../../shared/catalog/inferred-goals.js';
import type { RowValues } from '../../../shared/schema/types.js';

/** A row of `type` with exactly `goals` marked. */
function row(type: string, goals: readonly string[]): RowValues {
  const values: RowValues = { title: 'Aktivitet', type };
  for (const g of GOALS) values[`goals.${g.value}`] = goals.includes(g.value);
  return values;
}

describe('inferredGoalCells', () => {
  it('marks the goals of a type whose Table 1 marks are inferred, when the row has exactly them', () => {
    const halsodag = ACTIVITY_TYPES.find((t) => t.value === 'halsodag');
    expect(halsodag?.goalsInferred).toBe(true);
    expect(inferredGoalCells(row('halsodag', halsodag?.defaultGoals ?? []))).toEqual(['goals.motivation', 'goals.prevention', 'goals.health-information', 'goals.accessibility']);
  });

  it('does not mark a type whose marks the seed gives for certain, nor a row whose goals someone changed', () => {
    const walk = ACTIVITY_TYPES.find((t) => t.value === 'promenadgrupp');
    expect(walk?.goalsInferred).toBe(false);
    expect(inferredGoalCells(row('promenadgrupp', walk?.defaultGoals ?? []))).toEqual([]);
    expect(inferredGoalCells(row('halsodag', ['motivation', 'prevention', 'health-information']))).toEqual([]);
    expect(inferredGoalCells(row('halsodag', ['motivation', 'prevention', 'health-information', 'accessibility', 'physical-activity']))).toEqual([]);
    expect(inferredGoalCells({ title: 'x', type: 'halsodag' })).toEqual([]);
    expect(inferredGoalCells(row('annan', []))).toEqual([]);
    expect(inferredGoalCells(row('okand-typ', []))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultGoalsFor } from '../../../shared/catalog/activity-types.js';
import { suggestGoals } from '../../../shared/catalog/goal-suggestion.js';

describe('suggestGoals (Table 1)', () => {
  it('suggests the goals Table 1 marks for a type chosen on a row without goals', () => {
    const s = suggestGoals('activity-plan', { title: 'Hälsodag' }, { title: 'Hälsodag', type: 'halsodag' });
    expect(Object.keys(s?.cells ?? {})).toEqual(defaultGoalsFor('halsodag').map((g) => `goals.${g}`));
    expect(s?.inferred).toBe(true);
  });

  it('treats goal cells holding false or null as empty', () => {
    expect(suggestGoals('activity-plan', undefined, { type: 'rorelsegrupp', 'goals.motivation': false, 'goals.prevention': null })?.inferred).toBe(false);
  });

  it('suggests nothing when the type did not change, a goal is marked, the kind has no goals, or the type is unknown', () => {
    expect(suggestGoals('activity-plan', { type: 'halsodag' }, { type: 'halsodag' })).toBeNull();
    expect(suggestGoals('activity-plan', { type: 'halsodag' }, { type: 'promenadgrupp', 'goals.prevention': true })).toBeNull();
    expect(suggestGoals('action-plan', undefined, { type: 'promenadgrupp' })).toBeNull();
    expect(suggestGoals('activity-plan', undefined, { type: 'okand' })).toBeNull();
    expect(suggestGoals('activity-plan', undefined, { type: 'annan' })).toBeNull();
  });
});

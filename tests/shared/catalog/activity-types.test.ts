import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_TYPES,
  GOALS,
  TABLE_1_MARK_COUNTS,
  defaultGoalsFor,
  goalLabel,
} from '../../../shared/catalog/activity-types.js';
import { KIM_CLINICS } from '../../../shared/catalog/clinics.js';

describe('Table 1 (activity types × goals)', () => {
  it('has the five goal columns of the KIM report in order', () => {
    expect(GOALS.map((g) => g.label.sv)).toEqual([
      'Motivationshöjning',
      'Förebyggande/Uppmärksammande',
      'Ökad fysisk aktivitet',
      'Hälsoinformation',
      'Ökad tillgänglighet',
    ]);
  });

  it('has the six activity rows of the table plus "annan"', () => {
    expect(ACTIVITY_TYPES).toHaveLength(7);
    expect(ACTIVITY_TYPES.at(-1)?.value).toBe('annan');
  });

  it('marks as many goals per row as the seed has x marks', () => {
    expect(ACTIVITY_TYPES.slice(0, 6).map((t) => t.defaultGoals.length)).toEqual(TABLE_1_MARK_COUNTS);
    expect(TABLE_1_MARK_COUNTS).toEqual([4, 4, 4, 5, 5, 3]);
  });

  it('says which rows have inferred x positions (every row with fewer than five marks)', () => {
    for (const t of ACTIVITY_TYPES.slice(0, 6)) {
      expect(t.goalsInferred).toBe(t.defaultGoals.length < 5);
    }
  });

  it('suggests every goal for a walking group', () => {
    expect(defaultGoalsFor('promenadgrupp')).toEqual(GOALS.map((g) => g.value));
  });

  it('suggests nothing for an unknown type', () => {
    expect(defaultGoalsFor('dans')).toEqual([]);
  });

  it('names only KIM clinics in its clinic lists, and health days at all six', () => {
    const kim = new Set(KIM_CLINICS.map((c) => c.unit));
    for (const t of ACTIVITY_TYPES) for (const c of t.kimClinics) expect(kim.has(c)).toBe(true);
    expect(ACTIVITY_TYPES[0]?.kimClinics).toHaveLength(6);
  });

  it('has unique values and labels goals', () => {
    expect(new Set(ACTIVITY_TYPES.map((t) => t.value)).size).toBe(ACTIVITY_TYPES.length);
    expect(goalLabel('accessibility')?.sv).toBe('Ökad tillgänglighet');
    expect(goalLabel('nope')).toBeUndefined();
  });
});

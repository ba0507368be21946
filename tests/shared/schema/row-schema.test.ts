import { describe, expect, it } from 'vitest';
import { rowJsonSchema, rowSchema } from '../../../shared/schema/row-schema.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

const validActivity = {
  title: 'Promenadgrupp Fittja',
  type: 'promenadgrupp',
  'goals.motivation': true,
  'habits.tobak': false,
  venue: 'utomhus',
  startDate: '2024-03-01',
  endDate: '2024-05-31',
  participantsPlanned: 20,
  participantsReached: null,
  status: 'pagaende',
};

describe('rowSchema', () => {
  it('accepts a well-formed activity row, with missing and null cells', () => {
    expect(rowSchema('activity-plan').safeParse(validActivity).success).toBe(true);
    expect(rowSchema('activity-plan').safeParse({ title: 'x', type: 'annan' }).success).toBe(true);
  });

  it('refuses a row without a required cell', () => {
    expect(rowSchema('activity-plan').safeParse({ type: 'annan' }).success).toBe(false);
    expect(rowSchema('action-plan').safeParse({ measure: 'Rökfri arbetstid' }).success).toBe(false);
  });

  it('refuses unknown keys, unknown enum values and wrong types', () => {
    const s = rowSchema('activity-plan');
    expect(s.safeParse({ ...validActivity, budget: 10 }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, type: 'dans' }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, 'goals.motivation': 'x' }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, participantsPlanned: 2.5 }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, participantsPlanned: -1 }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, startDate: '2024-02-30' }).success).toBe(false);
    expect(s.safeParse({ ...validActivity, startDate: '1999-12-31' }).success).toBe(false);
  });

  it('keeps null apart from zero in indicator values', () => {
    const s = rowSchema('indicator-values');
    const row = { indicator: 'sfh-01', unit: '0180', period: '2024Q2', kon: 'T' };
    expect(s.safeParse({ ...row, value: null }).success).toBe(true);
    expect(s.safeParse({ ...row, value: 0 }).success).toBe(true);
    expect(s.safeParse({ ...row, period: '2024Q5' }).success).toBe(false);
    expect(s.safeParse({ ...row, kon: 'X' }).success).toBe(false);
  });

  it('checks email and phone formats in the partner list', () => {
    const s = rowSchema('partners');
    const row = { name: 'Röda Korset', type: 'frivilligorganisation' };
    expect(s.safeParse({ ...row, email: 'info@rodakorset.se', phone: '070-123 45 67' }).success).toBe(true);
    expect(s.safeParse({ ...row, phone: '+46 8 123 456 78' }).success).toBe(true);
    expect(s.safeParse({ ...row, email: 'info(at)rodakorset.se' }).success).toBe(false);
    expect(s.safeParse({ ...row, phone: 'ring växeln' }).success).toBe(false);
  });
});

describe('rowJsonSchema', () => {
  it('exports a closed object schema with the required cells of each kind', () => {
    for (const kind of DOC_KINDS) {
      const js = rowJsonSchema(kind);
      expect(js.type).toBe('object');
      expect(js.additionalProperties).toBe(false);
    }
    expect(rowJsonSchema('indicator-values').required).toEqual(['indicator', 'unit', 'period', 'kon']);
  });

  it('describes enums, x-columns and headers', () => {
    const props = rowJsonSchema('indicator-values').properties as Record<string, Record<string, unknown>>;
    expect(props.kon).toMatchObject({ type: 'string', enum: ['T', 'K', 'M'], title: 'Kön' });
    const activity = rowJsonSchema('activity-plan').properties as Record<string, { anyOf?: unknown[] }>;
    expect(activity['goals.motivation']?.anyOf).toContainEqual(expect.objectContaining({ type: 'boolean', title: 'Mål: Motivationshöjning' }));
  });
});

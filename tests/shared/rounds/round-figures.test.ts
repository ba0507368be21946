/**
 * Completeness and roll-up of one round against figures worked out by hand from the rows below.
 * Round 2025 kv 2 (due 2025-07-15) asks three clinics for three indicators and their activities.
 */
import { describe, expect, it } from 'vitest';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import { roundCompleteness, type RoundDocInput } from '../../../shared/rounds/completeness.js';
import type { RoundDef, UnitRound } from '../../../shared/rounds/model.js';
import { roundRollup } from '../../../shared/rounds/rollup.js';
import type { RowValues } from '../../../shared/schema/types.js';

const A = 'vc-halsosamtal';
const F1 = 'vc-far-forskrivna';
const F2 = 'vc-far-uppfoljda-6man';
const ROUND: RoundDef = { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: [A, F1, F2], activities: true, units: ['u1', 'u2', 'u3'] };

const v = (id: string, unit: string, indicator: string, period: string, kon: string, value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
  id,
  values: { unit, indicator, period, kon, value, numerator, denominator } as RowValues,
});
const act = (id: string, type: string, values: RowValues) => ({ id, values: { title: id, type, ...values } });

const DOCS: RoundDocInput[] = [
  {
    doc: 'varden',
    kind: 'indicator-values',
    ownerUnit: 'region',
    title: 'Värden',
    rows: [
      v('u1a', 'u1', A, '2025Q2', 'T', 40),
      v('u1f1', 'u1', F1, '2025Q2', 'T', 10),
      v('u1f2', 'u1', F2, '2025Q2', 'T', null, 6, 10),
      v('u1a-q1', 'u1', A, '2025Q1', 'T', 5),
      v('u2a', 'u2', A, '2025Q2', 'T', null),
      v('u2f1-k', 'u2', F1, '2025Q2', 'K', 3),
      v('u2f1-apr', 'u2', F1, '202504', 'T', 2),
      v('u2f2', 'u2', F2, '2025Q2', 'T', 20, 1, 5),
    ],
    errorsByRow: new Map([
      ['u2a', 2],
      ['u2f1-apr', 1],
      ['u1a-q1', 4],
    ]),
  },
  {
    doc: 'plan-u1',
    kind: 'activity-plan',
    ownerUnit: 'u1',
    title: 'Aktivitetsplan u1',
    rows: [
      act('r1', 'halsodag', { endDate: '2025-05-10', status: 'genomford', participantsPlanned: 100, participantsReached: 12 }),
      act('r2', 'halsodag', { endDate: '2025-06-30', status: 'planerad', participantsPlanned: 50 }),
      act('r3', 'halsodag', { endDate: '2025-07-01', status: 'genomford', participantsPlanned: 80, participantsReached: 70 }),
      act('r4', 'promenadgrupp', { startDate: '2025-04-01', status: 'installd', participantsPlanned: 20 }),
      act('r5', 'promenadgrupp', { status: 'planerad' }),
    ],
  },
  {
    doc: 'plan-u2',
    kind: 'activity-plan',
    ownerUnit: 'u2',
    title: 'Aktivitetsplan u2',
    rows: [act('r6', 'promenadgrupp', { endDate: '2025-04-15', status: 'genomford', participantsReached: null })],
  },
];

const stored = new Map<string, UnitRound>([['u3', { round: '2025-kv-2', unit: 'u3', status: 'inskickad', reason: null, history: [{ action: 'submit', from: 'ej-paborjad', to: 'inskickad', by: 'ed3', at: '2025-07-10T08:00:00.000Z', reason: null }] }]]);

const completeness = (today = '2025-07-20') => roundCompleteness({ round: ROUND, units: ROUND.units, docs: DOCS, stored, today });
const unit = (id: string, today?: string) => completeness(today).units.find((u) => u.unit === id);

describe('round completeness (worked by hand)', () => {
  it('u1: 3 of 3 values (numerator and denominator count as a value), 2 of 3 activities, pågår', () => {
    expect(unit('u1')).toMatchObject({ values: { expected: 3, present: 3, missingIndicators: [] }, activities: { expected: 3, present: 2 }, expected: 6, present: 5, status: 'pagar' });
  });

  it('u1: the activity ending 1 July is outside kv 2; the one with only a start date in April is inside', () => {
    expect(unit('u1')?.missing).toEqual([{ doc: 'plan-u1', kind: 'activity-plan', title: 'Aktivitetsplan u1', rowIds: ['r2'] }]);
  });

  it("u1: problems count only the round's rows (the Q1 row's 4 errors are not counted)", () => {
    expect(unit('u1')?.problems).toBe(0);
  });

  it("u2: kön K and a month's value do not fill the quarter; held without participants reached is missing", () => {
    expect(unit('u2')).toMatchObject({ values: { expected: 3, present: 1, missingIndicators: [A, F1] }, activities: { expected: 1, present: 0 }, expected: 4, present: 1, status: 'pagar' });
  });

  it('u2: missing rows name the document and row (click → the rows to fill); problems of covered rows are 3', () => {
    expect(unit('u2')?.missing.map((m) => [m.doc, m.rowIds])).toEqual([
      ['varden', ['u2a']],
      ['plan-u2', ['r6']],
    ]);
    expect(unit('u2')?.problems).toBe(3);
  });

  it('u3: nothing reported but submitted: the stored status wins, with who and when', () => {
    expect(unit('u3')).toMatchObject({ expected: 3, present: 0, status: 'inskickad', lastChange: { at: '2025-07-10T08:00:00.000Z', by: 'ed3' } });
  });

  it('overdue after the due date for units neither submitted nor approved; not on the due date itself', () => {
    expect([unit('u1')?.overdue, unit('u2')?.overdue, unit('u3')?.overdue]).toEqual([true, true, false]);
    expect(unit('u1', '2025-07-15')?.overdue).toBe(false);
  });

  it('no unit is overdue once the whole round is closed; each keeps its status', () => {
    const c = roundCompleteness({ round: ROUND, units: ROUND.units, docs: DOCS, stored, today: '2025-07-20', closed: true });
    expect(c.units.map((u) => u.overdue)).toEqual([false, false, false]);
    expect(c.units.map((u) => u.status)).toEqual(completeness().units.map((u) => u.status));
    expect(c.totals.overdue).toBe(0);
  });

  it('per indicator and in total', () => {
    const c = completeness();
    expect(c.byIndicator).toEqual([
      { indicator: A, expected: 3, present: 1 },
      { indicator: F1, expected: 3, present: 1 },
      { indicator: F2, expected: 3, present: 2 },
    ]);
    expect(c.totals).toEqual({ expected: 13, present: 6, problems: 3, warnings: 0, submitted: 1, approved: 0, overdue: 2 });
  });

  it('a unit with no rows and no status is ej påbörjad', () => {
    const c = roundCompleteness({ round: ROUND, units: ['u9'], docs: DOCS, stored: new Map(), today: '2025-05-01' });
    expect(c.units[0]).toMatchObject({ status: 'ej-paborjad', present: 0, expected: 3, overdue: false });
  });
});

const definitions = definitionsFromRows([
  { id: A, name: 'Hälsosamtal', unitOfMeasure: 'antal', factor: 1, direction: 'higher', baseline: 30, target: 50 },
  { id: F1, name: 'FaR', unitOfMeasure: 'antal', factor: 1, direction: 'higher' },
  { id: F2, name: 'FaR 6 mån', unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 },
]);
const rollup = () => roundRollup({ round: ROUND, units: ROUND.units, docs: DOCS, definitions });

describe('round roll-up (worked by hand)', () => {
  it('activities per clinic and type: planned, held, cancelled, participants (null when no row gives them)', () => {
    expect(rollup().activities).toEqual([
      { unit: 'u1', type: 'halsodag', planned: 2, held: 1, cancelled: 0, participantsPlanned: 150, participantsReached: 12 },
      { unit: 'u1', type: 'promenadgrupp', planned: 1, held: 0, cancelled: 1, participantsPlanned: 20, participantsReached: null },
      { unit: 'u2', type: 'promenadgrupp', planned: 1, held: 1, cancelled: 0, participantsPlanned: null, participantsReached: null },
    ]);
  });

  it('activity totals for the county', () => {
    expect(rollup().activityTotals).toEqual({ planned: 4, held: 2, cancelled: 1, participantsPlanned: 170, participantsReached: 12 });
  });

  it("FaR per clinic: u2's prescriptions come from its April value; u3 has nothing (null, not 0)", () => {
    const far = rollup().far;
    expect(far[0]).toEqual({ unit: 'u1', prescribed: 10, followedUp: 6, followUpBase: 10, followUpShare: 60 });
    expect(far[1]).toEqual({ unit: 'u2', prescribed: 2, followedUp: 1, followUpBase: 5, followUpShare: 20 });
    expect(far[2]).toEqual({ unit: 'u3', prescribed: null, followedUp: null, followUpBase: null, followUpShare: null });
  });

  it('FaR for the county: 7 of 15 followed up = 46.7 %, not the mean of 60 % and 20 %', () => {
    const county = rollup().far.at(-1);
    expect(county).toMatchObject({ unit: null, prescribed: 12, followedUp: 7, followUpBase: 15 });
    expect(county?.followUpShare).toBeCloseTo(46.667, 2);
  });

  it('indicator status per clinic against target: uppnått, ej på väg, missing is null', () => {
    const rows = rollup().indicators;
    const of = (indicator: string, u: string | null) => rows.find((r) => r.indicator === indicator && r.unit === u);
    // Hälsosamtal is a count with an annual target of 50: January–June (5 in kv 1 + 40 in kv 2 = 45)
    // is held against 50 × 6/12 = 25, so reached; kv 2's own 40 is the value shown.
    expect(of(A, 'u1')).toMatchObject({ value: 40, target: 50, compared: 45, targetCompared: 25, status: 'uppnatt' });
    expect(of(A, 'u2')).toMatchObject({ value: null, status: null });
    expect(of(F2, 'u1')).toMatchObject({ value: 60, status: 'uppnatt' });
    expect(of(F2, 'u2')).toMatchObject({ value: 20, status: 'ej-pa-vag' });
    expect(of(F2, null)?.value).toBeCloseTo(46.667, 2);
    expect(of(F2, null)?.status).toBe('pa-vag');
    // A count's target is per clinic: the county's sum is not held against it.
    expect(of(A, null)).toMatchObject({ value: 40, target: null, status: null, unitsReached: { reached: 1, withValue: 1 } });
    expect(of(F2, null)?.unitsReached).toEqual({ reached: 1, withValue: 2 });
  });
});

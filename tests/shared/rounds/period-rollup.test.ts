/**
 * The roll-up over any period and the target rule, against figures worked out by hand.
 *
 * Two clinics, 2025, kön T. Hälsosamtal (H) is a count with an annual target of 120:
 * - Tensta reports the four quarters: 40, 45, 42, 48 (the year: 175).
 * - Alby reports kv 1 both as a quarter (18) and as its months (5, 6, 7), then April 10 and
 *   May 9; June is missing.
 * Q is a count with a target of 10 per quarter; S a share (FaR followed up, target 60 %,
 * baseline 40 %); L a level (years, target 80).
 */
import { describe, expect, it } from 'vitest';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import type { RoundDocInput } from '../../../shared/rounds/completeness.js';
import { FAR_PRESCRIBED, periodRollup, type IndicatorStatusRow } from '../../../shared/rounds/rollup.js';
import type { RowValues } from '../../../shared/schema/types.js';

const H = 'vc-halsosamtal';
const Q = 'kvartalsantal';
const S = 'vc-far-uppfoljda-6man';
const L = 'medellivslangd';
const T = 'vc-tensta';
const A = 'vc-alby';

let n = 0;
const v = (unit: string, indicator: string, period: string, value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
  id: `r${++n}`,
  values: { unit, indicator, period, kon: 'T', value, numerator, denominator } as RowValues,
});

const DOCS: RoundDocInput[] = [
  {
    doc: 'varden',
    kind: 'indicator-values',
    ownerUnit: 'region',
    title: 'Värden',
    rows: [
      v(T, H, '2025Q1', 40),
      v(T, H, '2025Q2', 45),
      v(T, H, '2025Q3', 42),
      v(T, H, '2025Q4', 48),
      v(T, H, '2024Q4', 99),
      v(A, H, '2025Q1', 18),
      v(A, H, '202501', 5),
      v(A, H, '202502', 6),
      v(A, H, '202503', 7),
      v(A, H, '202504', 10),
      v(A, H, '202505', 9),
      v(A, H, '202506', null),
      v(T, Q, '2025Q1', 8),
      v(T, Q, '2025Q2', 15),
      v(T, S, '2025Q1', null, 6, 10),
      v(T, S, '2025Q2', null, 1, 5),
      v(T, L, '2025', 81),
      v(T, FAR_PRESCRIBED, '202504', 3),
      v(T, FAR_PRESCRIBED, '202505', 4),
      v(T, FAR_PRESCRIBED, '2025Q2', 7),
      { id: 'k', values: { unit: T, indicator: H, period: '2025Q2', kon: 'K', value: 30 } as RowValues },
    ],
  },
  {
    doc: 'plan-tensta',
    kind: 'activity-plan',
    ownerUnit: T,
    title: 'Aktivitetsplan Tensta',
    rows: [
      { id: 'a1', values: { type: 'halsodag', endDate: '2025-02-10', status: 'genomford', participantsPlanned: 100, participantsReached: 80 } },
      { id: 'a2', values: { type: 'halsodag', endDate: '2025-05-10', status: 'installd', participantsPlanned: 50 } },
      { id: 'a3', values: { type: 'promenadgrupp', endDate: '2025-11-30', status: 'genomford', participantsPlanned: 20, participantsReached: 18 } },
      { id: 'a4', values: { type: 'halsodag', endDate: '2026-01-15', status: 'planerad', participantsPlanned: 70 } },
    ],
  },
];

const definitions = definitionsFromRows([
  { id: H, name: 'Hälsosamtal', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 120 },
  { id: Q, name: 'Kvartalsantal', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 10, targetPeriod: 'quarter' },
  { id: S, name: 'FaR 6 mån', unitOfMeasure: 'Andel (%)', numerator: 'n', denominator: 'd', factor: 100, direction: 'higher', baseline: 40, target: 60 },
  { id: L, name: 'Medellivslängd', unitOfMeasure: 'år', factor: 1, direction: 'higher', target: 80 },
]);

const rollup = (period: string) => periodRollup({ scope: { period, indicators: [H, Q, S, L], activities: true }, units: [T, A], docs: DOCS, definitions });
const row = (period: string, indicator: string, unit: string | null): IndicatorStatusRow | undefined =>
  rollup(period).indicators.find((r) => r.indicator === indicator && r.unit === unit);

describe('a count against an annual target, pro rata over the year to date', () => {
  it('Tensta 2025 kv 1: 40 against 120 × 3/12 = 30, reached', () => {
    expect(row('2025Q1', H, T)).toMatchObject({ value: 40, compared: 40, target: 120, targetCompared: 30, status: 'uppnatt' });
  });

  it('Tensta 2025 kv 2: its own 45, held as 40 + 45 = 85 against 60, reached (against 120 it would be red)', () => {
    expect(row('2025Q2', H, T)).toMatchObject({ value: 45, compared: 85, targetCompared: 60, status: 'uppnatt' });
  });

  it('Tensta 2025: the four quarters add up to 175 against the full 120 (2024 kv 4 and kön K left out)', () => {
    expect(row('2025', H, T)).toMatchObject({ value: 175, compared: 175, targetCompared: 120, status: 'uppnatt' });
  });

  it('Tensta 2025 halvår 1: 85 against 60', () => {
    expect(row('2025S1', H, T)).toMatchObject({ value: 85, compared: 85, targetCompared: 60, status: 'uppnatt' });
  });

  it('Alby 2025 kv 2: 10 + 9 = 19; the year so far is kv 1 (18, its months not added again) + 19 = 37 over 5 months, against 50', () => {
    expect(row('2025Q2', H, A)).toMatchObject({ value: 19, compared: 37, targetCompared: 50, status: 'ej-pa-vag' });
  });

  it('Alby 2025: 37 over the 5 months reported (June is missing, not 0), against 50', () => {
    expect(row('2025', H, A)).toMatchObject({ value: 37, compared: 37, targetCompared: 50, status: 'ej-pa-vag' });
  });

  it('Alby mars 2025: its own 7; the year to date ends with kv 1 (18) against 30', () => {
    expect(row('202503', H, A)).toMatchObject({ value: 7, compared: 18, targetCompared: 30, status: 'ej-pa-vag' });
  });

  it('Alby februari 2025: 6; January and February 11 against 20 (kv 1 ends later, so it is not in)', () => {
    expect(row('202502', H, A)).toMatchObject({ value: 6, compared: 11, targetCompared: 20, status: 'ej-pa-vag' });
  });

  it('the county sums the clinics (175 + 37 = 212) and is not held against a clinic target; 1 of 2 clinics reached it', () => {
    expect(row('2025', H, null)).toMatchObject({ value: 212, target: null, targetCompared: null, status: null, unitsReached: { reached: 1, withValue: 2 } });
  });
});

describe('other target periods, shares and levels', () => {
  it('a target of 10 per quarter: kv 2 holds 8 + 15 = 23 against 20, reached; kv 1 holds 8 against 10, not', () => {
    expect(row('2025Q2', Q, T)).toMatchObject({ value: 15, compared: 23, targetCompared: 20, status: 'uppnatt' });
    expect(row('2025Q1', Q, T)).toMatchObject({ value: 8, targetCompared: 10, status: 'ej-pa-vag' });
  });

  it('a share over halvår 1 is 7 / 15 = 46.7 % (sums, not the mean 40 % of 60 % and 20 %), på väg from 40 % to 60 %', () => {
    const r = row('2025S1', S, T);
    expect(r).toMatchObject({ numerator: 7, denominator: 15, targetCompared: 60, status: 'pa-vag' });
    expect(r?.value).toBeCloseTo(46.667, 2);
  });

  it('a share is compared as it is, never pro rata: kv 2 alone is 20 % against 60 %', () => {
    expect(row('2025Q2', S, T)).toMatchObject({ value: 20, compared: 20, targetCompared: 60, status: 'ej-pa-vag' });
  });

  it('a level reported for the year is in the year, not in a quarter (missing is null)', () => {
    expect(row('2025', L, T)).toMatchObject({ value: 81, status: 'uppnatt' });
    expect(row('2025Q2', L, T)).toMatchObject({ value: null, compared: null, status: null });
    expect(row('2025', S, A)).toMatchObject({ value: null, status: null });
  });
});

describe('activities and FaR over a period', () => {
  it('the year rolls up the activities ending in it; 2026 is left out', () => {
    const r = rollup('2025');
    expect(r.activities).toEqual([
      { unit: T, type: 'halsodag', planned: 2, held: 1, cancelled: 1, participantsPlanned: 150, participantsReached: 80 },
      { unit: T, type: 'promenadgrupp', planned: 1, held: 1, cancelled: 0, participantsPlanned: 20, participantsReached: 18 },
    ]);
    expect(r.activityTotals).toEqual({ planned: 3, held: 2, cancelled: 1, participantsPlanned: 170, participantsReached: 98 });
  });

  it('kv 2 has one cancelled hälsodag', () => {
    expect(rollup('2025Q2').activities).toEqual([{ unit: T, type: 'halsodag', planned: 1, held: 0, cancelled: 1, participantsPlanned: 50, participantsReached: null }]);
  });

  it('FaR prescribed in kv 2 are 7, not 7 + 3 + 4: the quarter counts, its months are its breakdown', () => {
    expect(rollup('2025Q2').far[0]).toMatchObject({ unit: T, prescribed: 7 });
    expect(rollup('202504').far[0]).toMatchObject({ unit: T, prescribed: 3 });
    expect(rollup('2025Q2').far.at(-1)).toMatchObject({ unit: null, prescribed: 7 });
  });
});

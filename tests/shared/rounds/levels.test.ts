/**
 * Rounds per unit level, worked by hand. The workspace: `region` (level 1) over the clinics
 * `u1` and `u2` (level 2). Round 2025 kv 2 asks the clinics for hälsosamtal (A) and FaR (F) and
 * the region for its own indicator R.
 */
import { describe, expect, it } from 'vitest';
import { roundCompleteness, type RoundDocInput } from '../../../shared/rounds/completeness.js';
import { endedUnits, indicatorsForLevel, reportingUnitsOf, roundIndicators, unitLevels } from '../../../shared/rounds/levels.js';
import { roundDefSchema, type RoundDef } from '../../../shared/rounds/model.js';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import { roundRollup } from '../../../shared/rounds/rollup.js';
import type { RowValues } from '../../../shared/schema/types.js';

const A = 'vc-halsosamtal';
const F = 'vc-far-forskrivna';
const R = 'regionens-indikator';
const UNITS = [
  { code: 'region', parent: null },
  { code: 'u1', parent: 'region' },
  { code: 'u2', parent: 'region' },
];
const LEVELS = unitLevels(UNITS);
const ROUND: RoundDef = roundDefSchema.parse({ id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2', dueDate: '2025-07-15', indicators: [A, F], levels: [{ level: 1, indicators: [R] }] });
const OLD: RoundDef = roundDefSchema.parse({ id: 'old', title: 'Gammal', period: '2025Q2', dueDate: '2025-07-15', indicators: [A, F] });

const v = (id: string, unit: string, indicator: string, value: number | null) => ({ id, values: { unit, indicator, period: '2025Q2', kon: 'T', value } as RowValues });
const DOCS: RoundDocInput[] = [
  {
    doc: 'varden',
    kind: 'indicator-values',
    ownerUnit: 'region',
    title: 'Värden',
    rows: [v('a1', 'u1', A, 30), v('f1', 'u1', F, 5), v('a2', 'u2', A, 12), v('r', 'region', R, 71), v('rx', 'u1', R, 3), v('ra', 'region', A, 999)],
  },
];
const completeness = (round: RoundDef, units: string[]) => roundCompleteness({ round, units, docs: DOCS, stored: new Map(), today: '2025-07-01', levels: LEVELS });

describe('unit levels', () => {
  it('the top unit is level 1 and the clinics level 2', () => {
    expect([...LEVELS]).toEqual([
      ['region', 1],
      ['u1', 2],
      ['u2', 2],
    ]);
  });

  it("a level's own list replaces the round's; other levels report the round's list", () => {
    expect(indicatorsForLevel(ROUND, 1)).toEqual([R]);
    expect(indicatorsForLevel(ROUND, 2)).toEqual([A, F]);
    expect(roundIndicators(ROUND)).toEqual([A, F, R]);
  });

  it('a round naming level 1 adds the region to its reporting units; an old round keeps the clinics only', () => {
    expect(reportingUnitsOf(ROUND, UNITS, [])).toEqual(['region', 'u1', 'u2']);
    expect(reportingUnitsOf(OLD, UNITS, [])).toEqual(['u1', 'u2']);
  });

  describe('a round that names no units expects the active ones', () => {
    // u2 has ended: its only plan (of 2013–2015) is archived. u3 is new and owns nothing yet.
    const units = [...UNITS, { code: 'u3', parent: 'region' }];
    const docs = [
      { ownerUnit: 'region', archivedAt: null },
      { ownerUnit: 'u1', archivedAt: '2024-01-10T08:00:00.000Z' },
      { ownerUnit: 'u1', archivedAt: null },
      { ownerUnit: 'u2', archivedAt: '2016-01-10T08:00:00.000Z' },
    ];

    it('a unit whose documents are all archived has ended; one with a live document or none is active', () => {
      expect([...endedUnits(docs)]).toEqual(['u2']);
    });

    it('a unit whose own documents are archived but whose rows a live document holds has not ended', () => {
      const shared = [...docs, { ownerUnit: 'region', archivedAt: null, reportsFor: ['u1', 'u2'] }];
      expect([...endedUnits(shared)]).toEqual([]);
      // Rows in an archived document keep no unit going.
      expect([...endedUnits([...docs, { ownerUnit: 'region', archivedAt: '2020-01-01T00:00:00.000Z', reportsFor: ['u2'] }])]).toEqual(['u2']);
    });

    it('does not wait for an ended unit', () => {
      expect(reportingUnitsOf(OLD, units, docs)).toEqual(['u1', 'u3']);
      expect(reportingUnitsOf(ROUND, units, docs)).toEqual(['region', 'u1', 'u3']);
    });

    it('keeps an ended unit that is named explicitly, or that has a status stored in the round', () => {
      expect(reportingUnitsOf({ ...OLD, units: ['u1', 'u2'] }, units, docs)).toEqual(['u1', 'u2']);
      expect(reportingUnitsOf(OLD, units, docs, new Set(['u2']))).toEqual(['u1', 'u2', 'u3']);
    });
  });

  it('refuses a level named twice', () => {
    expect(roundDefSchema.safeParse({ ...ROUND, levels: [{ level: 2, indicators: [] }, { level: 2, indicators: [A] }] }).success).toBe(false);
  });
});

describe('completeness per level (worked by hand)', () => {
  const c = completeness(ROUND, ['region', 'u1', 'u2']);
  const unit = (u: string) => c.units.find((x) => x.unit === u);

  it('the region expects its own R (present; its A value is not asked of it)', () => {
    expect(unit('region')).toMatchObject({ level: 1, values: { expected: 1, present: 1, missingIndicators: [] } });
  });

  it('u1 expects A and F, both present (its R value is not asked of a clinic); u2 lacks F', () => {
    expect(unit('u1')).toMatchObject({ level: 2, values: { expected: 2, present: 2 } });
    expect(unit('u2')).toMatchObject({ level: 2, values: { expected: 2, present: 1, missingIndicators: [F] } });
  });

  it('per level: region 1 of 1; clinics 3 of 4 values; per indicator only the units asked', () => {
    expect(c.byLevel.map((l) => [l.level, l.units, l.present, l.expected])).toEqual([
      [1, 1, 1, 1],
      [2, 2, 3, 4],
    ]);
    expect(c.byIndicator).toEqual([
      { indicator: A, expected: 2, present: 2 },
      { indicator: F, expected: 2, present: 1 },
      { indicator: R, expected: 1, present: 1 },
    ]);
  });

  it('an old round (one list) asks every level the same', () => {
    const old = completeness(OLD, ['u1', 'u2']);
    expect(old.units.map((u) => [u.unit, u.values.expected, u.values.present])).toEqual([
      ['u1', 2, 2],
      ['u2', 2, 1],
    ]);
  });

  it('the roll-up shows R for the region only and A for the clinics only', () => {
    const definitions = definitionsFromRows([{ id: A, name: 'Hälsosamtal', unitOfMeasure: 'antal', direction: 'higher' }]);
    const r = roundRollup({ round: ROUND, units: ['region', 'u1', 'u2'], docs: DOCS, definitions, levels: LEVELS });
    expect(r.indicators.filter((x) => x.indicator === R).map((x) => [x.unit, x.value])).toEqual([
      ['region', 71],
      [null, 71],
    ]);
    expect(r.indicators.filter((x) => x.indicator === A).map((x) => [x.unit, x.value])).toEqual([
      ['u1', 30],
      ['u2', 12],
      [null, 42],
    ]);
  });
});

/**
 * The county roll-up of a round, or of any period (`2025`, `2025S1`, `2025Q2`, `202503`), from the
 * live documents, by the aggregation rules of indicators (`shared/indicators/compute.ts`): sums,
 * never means of ratios; missing is null, never 0. A period rolls up the values reported within
 * it (a year its quarters or months); where a unit reports both a quarter and its months, the
 * quarter counts and the months are its breakdown (`period-cover.ts`), so nothing counts twice.
 *
 * - Activities per clinic and activity type: rows the round covers (ending in its period),
 *   how many are held (`genomford`) and cancelled (`installd`), participants planned and
 *   reached (sums of the rows that give them; null when none does).
 * - FaR (seed 004): prescriptions (`vc-far-forskrivna`, a count) and follow-ups after about six
 *   months (`vc-far-uppfoljda-6man`, numerator over denominator) per clinic and for the county.
 * - Indicator status per clinic and for the county against the catalog's target: the values of
 *   the indicators within the period, kön T, aggregated, then compared by `target-rule.ts`:
 *   shares and levels as they are; counts pro rata over the year to date (an annual target of
 *   120 is 60 for January–June). A count's target is per clinic, so the county's sum is not held
 *   against it (target and status null); the county row says how many clinics reached the target.
 */
import { aggregate, type Observation, type TargetStatus } from '../indicators/compute.js';
import type { IndicatorDefinition } from '../indicators/definitions.js';
import { observationOf } from '../indicators/table.js';
import { parsePeriod, periodContains, type Period } from '../catalog/period.js';
import { coveringUnit, prepareRound, type RoundScope } from './coverage.js';
import type { RoundDef } from './model.js';
import type { RoundDocInput } from './completeness.js';
import { disjointCover, endMonthInYear } from './period-cover.js';
import { compareWithTarget } from './target-rule.js';
import { indicatorsForLevel, roundIndicators } from './levels.js';

/** Local ids of the FaR indicators (`shared/indicators/clinic-indicators.ts`). */
export const FAR_PRESCRIBED = 'vc-far-forskrivna';
/** See {@link FAR_PRESCRIBED}. */
export const FAR_FOLLOWED_UP = 'vc-far-uppfoljda-6man';

/** Activities of one clinic and type. */
export interface ActivityRollup {
  unit: string;
  type: string;
  planned: number;
  held: number;
  cancelled: number;
  participantsPlanned: number | null;
  participantsReached: number | null;
}

/** FaR figures of one clinic, or of the county (`unit` = null). */
export interface FarRollup {
  unit: string | null;
  prescribed: number | null;
  followedUp: number | null;
  /** Prescriptions the follow-up share is counted against. */
  followUpBase: number | null;
  /** followedUp / followUpBase × 100, from the sums. */
  followUpShare: number | null;
}

/** One indicator for one clinic, or the county (`unit` = null). */
export interface IndicatorStatusRow {
  indicator: string;
  unit: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The catalog's target, as set (for a count: per {@link IndicatorDefinition.targetPeriod}). */
  target: number | null;
  /** Counts: the sum from January through the period's end that the status compares; else the value. */
  compared: number | null;
  /** The target the status compares with: for a count its pro-rata share over the year to date. */
  targetCompared: number | null;
  status: TargetStatus | null;
  /** County rows only: how many clinics reached the target, of those with a value. */
  unitsReached?: { reached: number; withValue: number };
}

/** A period's roll-up. */
export interface PeriodRollup {
  /** The period code (`2025Q2`). */
  period: string;
  activities: ActivityRollup[];
  activityTotals: Omit<ActivityRollup, 'unit' | 'type'>;
  far: FarRollup[];
  indicators: IndicatorStatusRow[];
}

/** A round's roll-up: its period's roll-up of the round's indicators and units. */
export interface RoundRollup extends PeriodRollup {
  round: RoundDef;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Add `v` to a sum that stays null until something is added. */
function addTo(sum: number | null, v: number | null): number | null {
  return v === null ? sum : (sum ?? 0) + v;
}

function activityRollup(round: RoundScope, docs: readonly RoundDocInput[], units: ReadonlySet<string>): RoundRollup['activities'] {
  const prepared = prepareRound(round);
  const groups = new Map<string, ActivityRollup>();
  for (const doc of prepared && round.activities ? docs : []) {
    if (doc.kind !== 'activity-plan' || !units.has(doc.ownerUnit)) continue;
    for (const row of doc.rows) {
      if (coveringUnit(prepared!, doc, row.values) === null) continue;
      const type = typeof row.values.type === 'string' ? row.values.type : '';
      const key = `${doc.ownerUnit}\u0000${type}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { unit: doc.ownerUnit, type, planned: 0, held: 0, cancelled: 0, participantsPlanned: null, participantsReached: null }));
      g.planned++;
      if (row.values.status === 'genomford') g.held++;
      if (row.values.status === 'installd') g.cancelled++;
      g.participantsPlanned = addTo(g.participantsPlanned, num(row.values.participantsPlanned));
      g.participantsReached = addTo(g.participantsReached, num(row.values.participantsReached));
    }
  }
  return [...groups.values()].sort((a, b) => a.unit.localeCompare(b.unit) || a.type.localeCompare(b.type));
}

/** Indicator-value observations (kön T, of the given units) from January of `period`'s year through its end. */
function yearToDateObservations(period: Period, docs: readonly RoundDocInput[], units: ReadonlySet<string>): Observation[] {
  const end = endMonthInYear(period);
  const out: Observation[] = [];
  for (const doc of docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) {
      const o = observationOf(row.values as RowValuesLike);
      if (!o || o.kon !== 'T' || !units.has(o.unit)) continue;
      const p = parsePeriod(o.period);
      if (p && p.year === period.year && endMonthInYear(p) <= end) out.push(o);
    }
  }
  return out;
}

type RowValuesLike = Parameters<typeof observationOf>[0];

/** Observations grouped by indicator, then unit. */
function grouped(obs: readonly Observation[]): Map<string, Map<string, Observation[]>> {
  const out = new Map<string, Map<string, Observation[]>>();
  for (const o of obs) {
    let byU = out.get(o.indicator);
    if (!byU) out.set(o.indicator, (byU = new Map()));
    const list = byU.get(o.unit);
    if (list) list.push(o);
    else byU.set(o.unit, [o]);
  }
  return out;
}

/** One unit's values of one indicator: those within the period (disjoint) and the year to date. */
interface UnitSlice {
  inPeriod: Observation[];
  yearToDate: { kept: Observation[]; months: number };
}

function sliceOf(period: Period, list: readonly Observation[]): UnitSlice {
  const inPeriod = disjointCover(list.filter((o) => {
    const p = parsePeriod(o.period);
    return p !== null && periodContains(period, p);
  })).kept;
  return { inPeriod, yearToDate: disjointCover(list) };
}

function farOf(unit: string | null, slices: readonly (UnitSlice | undefined)[], followSlices: readonly (UnitSlice | undefined)[]): FarRollup {
  const prescribed = aggregate(slices.flatMap((s) => s?.inPeriod ?? []), 'count', 1).value;
  const follow = aggregate(followSlices.flatMap((s) => s?.inPeriod ?? []), 'ratio', 100);
  return { unit, prescribed, followedUp: follow.numerator, followUpBase: follow.denominator, followUpShare: follow.value };
}

/**
 * The roll-up of `scope` (a period, the indicators asked for, whether activities count) over
 * `units` (the clinics), from the live documents and the catalog's definitions (measure, factor,
 * direction, baseline, target, target period). An unreadable period gives empty tables.
 */
export function periodRollup(input: {
  scope: RoundScope;
  units: readonly string[];
  docs: readonly RoundDocInput[];
  definitions: ReadonlyMap<string, IndicatorDefinition>;
  /** Unit code → level (`levels.ts`): a round's per-level lists then decide which units show which indicator. */
  levels?: ReadonlyMap<string, number>;
}): PeriodRollup {
  const { scope, docs, definitions } = input;
  const reports = (unit: string, indicator: string): boolean =>
    !scope.levels || !input.levels || indicatorsForLevel(scope, input.levels.get(unit) ?? null).includes(indicator);
  const units = new Set(input.units);
  const activities = activityRollup(scope, docs, units);
  const activityTotals = activities.reduce(
    (t, a) => ({
      planned: t.planned + a.planned,
      held: t.held + a.held,
      cancelled: t.cancelled + a.cancelled,
      participantsPlanned: addTo(t.participantsPlanned, a.participantsPlanned),
      participantsReached: addTo(t.participantsReached, a.participantsReached),
    }),
    { planned: 0, held: 0, cancelled: 0, participantsPlanned: null as number | null, participantsReached: null as number | null },
  );
  const period = parsePeriod(scope.period);
  const byIndicator = grouped(period ? yearToDateObservations(period, docs, units) : []);
  const slices = new Map<string, Map<string, UnitSlice>>();
  const sliceFor = (indicator: string, unit: string): UnitSlice | undefined => {
    let byU = slices.get(indicator);
    if (!byU) slices.set(indicator, (byU = new Map()));
    if (!byU.has(unit)) {
      const list = byIndicator.get(indicator)?.get(unit);
      if (list && period) byU.set(unit, sliceOf(period, list));
    }
    return byU.get(unit);
  };
  const farSlices = (u: string) => [sliceFor(FAR_PRESCRIBED, u)];
  const followSlices = (u: string) => [sliceFor(FAR_FOLLOWED_UP, u)];
  const far = [
    ...input.units.map((u) => farOf(u, farSlices(u), followSlices(u))),
    farOf(null, input.units.flatMap(farSlices), input.units.flatMap(followSlices)),
  ];
  const indicators: IndicatorStatusRow[] = [];
  for (const indicator of roundIndicators(scope)) {
    const def = definitions.get(indicator);
    const measure = def?.measure ?? 'level';
    const factor = def?.factor ?? 1;
    const row = (unit: string | null, own: readonly (UnitSlice | undefined)[]): IndicatorStatusRow => {
      const agg = aggregate(own.flatMap((s) => s?.inPeriod ?? []), measure, factor);
      const base = { indicator, unit, value: agg.value, numerator: agg.numerator, denominator: agg.denominator, target: def?.target ?? null };
      if (!def) return { ...base, compared: agg.value, targetCompared: null, status: null };
      const ytd = own.length === 1 && own[0] ? { sum: aggregate(own[0].yearToDate.kept, 'count', 1).value, months: own[0].yearToDate.months } : null;
      const c = compareWithTarget(def, agg.value, ytd);
      return { ...base, compared: c.compared, targetCompared: c.target, status: c.status };
    };
    const own = input.units.filter((u) => reports(u, indicator));
    const clinics = own.map((u) => row(u, [sliceFor(indicator, u)]));
    const county = row(null, own.map((u) => sliceFor(indicator, u)));
    if (measure === 'count') Object.assign(county, { target: null, compared: county.value, targetCompared: null, status: null });
    county.unitsReached = { reached: clinics.filter((r) => r.status === 'uppnatt').length, withValue: clinics.filter((r) => r.value !== null).length };
    indicators.push(...clinics, county);
  }
  return { period: scope.period, activities, activityTotals, far, indicators };
}

/** The roll-up of `round` over `units`: {@link periodRollup} of the round's period and indicators. */
export function roundRollup(input: {
  round: RoundDef;
  units: readonly string[];
  docs: readonly RoundDocInput[];
  definitions: ReadonlyMap<string, IndicatorDefinition>;
  levels?: ReadonlyMap<string, number>;
}): RoundRollup {
  const { round, ...rest } = input;
  return { round, ...periodRollup({ scope: round, ...rest }) };
}

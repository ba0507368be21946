/**
 * The county roll-up of a round from the live documents, by the aggregation rules of indicators
 * (`shared/indicators/compute.ts`): sums, never means of ratios; missing is null, never 0.
 *
 * - Activities per clinic and activity type: rows the round covers (ending in its period),
 *   how many are held (`genomford`) and cancelled (`installd`), participants planned and
 *   reached (sums of the rows that give them; null when none does).
 * - FaR (seed 004): prescriptions (`vc-far-forskrivna`, a count) and follow-ups after about six
 *   months (`vc-far-uppfoljda-6man`, numerator over denominator) per clinic and for the county.
 * - Indicator status per clinic and for the county against the catalog's target: the values of
 *   the round's indicators within its period, kön T, aggregated, then `targetStatus`. A count's
 *   target is per clinic, so the county's sum is not held against it (target and status null);
 *   the county row says how many clinics reached the target instead.
 */
import { aggregate, targetStatus, type Observation, type TargetStatus } from '../indicators/compute.js';
import type { IndicatorDefinition } from '../indicators/definitions.js';
import { observationOf } from '../indicators/table.js';
import { periodContains } from '../catalog/period.js';
import { parsePeriod } from '../catalog/period.js';
import { coveringUnit, prepareRound } from './coverage.js';
import type { RoundDef } from './model.js';
import type { RoundDocInput } from './completeness.js';

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
  target: number | null;
  status: TargetStatus | null;
  /** County rows only: how many clinics reached the target, of those with a value. */
  unitsReached?: { reached: number; withValue: number };
}

/** A round's roll-up. */
export interface RoundRollup {
  round: RoundDef;
  activities: ActivityRollup[];
  activityTotals: Omit<ActivityRollup, 'unit' | 'type'>;
  far: FarRollup[];
  indicators: IndicatorStatusRow[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Add `v` to a sum that stays null until something is added. */
function addTo(sum: number | null, v: number | null): number | null {
  return v === null ? sum : (sum ?? 0) + v;
}

function activityRollup(round: RoundDef, docs: readonly RoundDocInput[], units: ReadonlySet<string>): RoundRollup['activities'] {
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

/** Observations of indicator-value rows within the round's period, kön T, of the given units. */
function observationsIn(round: RoundDef, docs: readonly RoundDocInput[], units: ReadonlySet<string>): Observation[] {
  const outer = parsePeriod(round.period);
  const out: Observation[] = [];
  if (!outer) return out;
  for (const doc of docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) {
      const o = observationOf(row.values as RowValuesLike);
      if (!o || o.kon !== 'T' || !units.has(o.unit)) continue;
      const p = parsePeriod(o.period);
      if (p && periodContains(outer, p)) out.push(o);
    }
  }
  return out;
}

type RowValuesLike = Parameters<typeof observationOf>[0];

function farOf(unit: string | null, obs: readonly Observation[]): FarRollup {
  const prescribed = aggregate(obs.filter((o) => o.indicator === FAR_PRESCRIBED), 'count', 1).value;
  const follow = aggregate(obs.filter((o) => o.indicator === FAR_FOLLOWED_UP), 'ratio', 100);
  return { unit, prescribed, followedUp: follow.numerator, followUpBase: follow.denominator, followUpShare: follow.value };
}

/**
 * The roll-up of `round` over `units` (the clinics), from the live documents and the catalog's
 * definitions (measure, factor, direction, baseline, target).
 */
export function roundRollup(input: {
  round: RoundDef;
  units: readonly string[];
  docs: readonly RoundDocInput[];
  definitions: ReadonlyMap<string, IndicatorDefinition>;
}): RoundRollup {
  const { round, docs, definitions } = input;
  const units = new Set(input.units);
  const activities = activityRollup(round, docs, units);
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
  const obs = observationsIn(round, docs, units);
  const byUnit = new Map<string, Observation[]>();
  for (const o of obs) {
    const list = byUnit.get(o.unit);
    if (list) list.push(o);
    else byUnit.set(o.unit, [o]);
  }
  const far = [...input.units.map((u) => farOf(u, byUnit.get(u) ?? [])), farOf(null, obs)];
  // Grouped once by indicator and unit, so each cell of the table aggregates only its own values.
  const grouped = new Map<string, Map<string, Observation[]>>();
  for (const o of obs) {
    let byU = grouped.get(o.indicator);
    if (!byU) grouped.set(o.indicator, (byU = new Map()));
    const list = byU.get(o.unit);
    if (list) list.push(o);
    else byU.set(o.unit, [o]);
  }
  const indicators: IndicatorStatusRow[] = [];
  for (const indicator of round.indicators) {
    const def = definitions.get(indicator);
    const measure = def?.measure ?? 'level';
    const factor = def?.factor ?? 1;
    const mine = grouped.get(indicator) ?? new Map<string, Observation[]>();
    const row = (unit: string | null, list: readonly Observation[]): IndicatorStatusRow => {
      const agg = aggregate(list, measure, factor);
      const target = def?.target ?? null;
      const status = def ? targetStatus({ value: agg.value, target, baseline: def.baseline, direction: def.direction }) : null;
      return { indicator, unit, value: agg.value, numerator: agg.numerator, denominator: agg.denominator, target, status };
    };
    const clinics = input.units.map((u) => row(u, mine.get(u) ?? []));
    const county = row(null, [...mine.values()].flat());
    if (measure === 'count') Object.assign(county, { target: null, status: null });
    county.unitsReached = { reached: clinics.filter((r) => r.status === 'uppnatt').length, withValue: clinics.filter((r) => r.value !== null).length };
    indicators.push(...clinics, county);
  }
  return { round, activities, activityTotals, far, indicators };
}

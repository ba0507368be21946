/**
 * Which values one trend chart draws, so it never mixes levels: a chosen unit's own values; or,
 * without one, the values of the highest level that reported (a region's own figure rather than a
 * blend of region and clinics), pooled over that level's units the way the measure says — sum of
 * numerators over sum of denominators for a ratio, a sum for a count, never a mean of ratios. The
 * target drawn is the one that applies to what is drawn: a unit's own, a pooled ratio's; a count
 * summed over several units has no target of its own (the catalog's target is per unit), so it is
 * given as `perUnitTarget` to be said, not drawn.
 */
import type { TrendPoint } from './chart-svg.js';
import { aggregate } from './compute.js';
import type { IndicatorDefinition } from './definitions.js';
import type { IndicatorTableRow } from './table.js';

/** What a chart of one indicator draws. */
export interface ChartSeries {
  points: TrendPoint[];
  /** The target line, or null when none applies to what is drawn. */
  target: number | null;
  /** The catalog's per-unit target when the series is a sum over several units. */
  perUnitTarget: number | null;
  /** The unit codes the series covers. */
  units: string[];
  /** True when the values are pooled over several units. */
  pooled: boolean;
}

/** How a chart is chosen: one unit, or none; and each unit's depth in the workspace (0 = top). */
export interface SeriesOptions {
  unit?: string | null;
  depthOf: (unit: string) => number;
}

/**
 * The series of `def` from `rows` (one indicator, one kön).
 *
 * @example
 * chartSeries(rows, def, { depthOf: (u) => (u === 'sll' ? 0 : 1) }) // the region's own values when it reported
 */
export function chartSeries(rows: readonly IndicatorTableRow[], def: IndicatorDefinition, opts: SeriesOptions): ChartSeries {
  let chosen = rows.filter((r) => r.indicator === def.id);
  if (opts.unit) chosen = chosen.filter((r) => r.unit === opts.unit);
  else if (chosen.length > 0) {
    const top = Math.min(...chosen.map((r) => opts.depthOf(r.unit)));
    chosen = chosen.filter((r) => opts.depthOf(r.unit) === top);
  }
  const units = [...new Set(chosen.map((r) => r.unit))].sort();
  const byPeriod = new Map<string, IndicatorTableRow[]>();
  for (const r of chosen) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  const points = [...byPeriod.keys()].sort().map((period) => {
    const list = byPeriod.get(period) ?? [];
    return { period, value: list.length === 1 ? (list[0]?.value ?? null) : aggregate(list, def.measure, def.factor).value };
  });
  const pooled = units.length > 1;
  const sumOfUnits = pooled && def.measure === 'count';
  return { points, target: sumOfUnits ? null : def.target, perUnitTarget: sumOfUnits ? def.target : null, units, pooled };
}

/** Each unit's depth from a unit list (`parent` null at the top); unknown units count as depth 1. */
export function depthsOf(units: readonly { code: string; parent: string | null }[]): (unit: string) => number {
  const parent = new Map(units.map((u) => [u.code, u.parent]));
  return (unit) => {
    if (!parent.has(unit)) return 1;
    let depth = 0;
    for (let p = parent.get(unit); p && depth < 16; p = parent.get(p)) depth++;
    return depth;
  };
}

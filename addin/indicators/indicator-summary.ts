/**
 * One line per indicator for the pane: its points over periods, the latest value and where that
 * stands against the target. Several units are pooled the way the indicator's measure says
 * (sum of numerators over sum of denominators), never as a mean of ratios. Pure.
 */
import { aggregate, targetStatus, type Direction, type Kon, type TargetStatus } from '../../shared/indicators/compute.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { TrendPoint } from '../../shared/indicators/chart-svg.js';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';

/** What the indicator list shows for one indicator. */
export interface IndicatorSummary {
  id: string;
  name: string;
  unitOfMeasure: string | null;
  target: number | null;
  direction: Direction;
  /** Values per period, oldest first; null where nothing usable was reported. */
  points: TrendPoint[];
  /** The newest point that has a value, or null. */
  latest: { period: string; value: number } | null;
  /** Latest value against target and baseline; null without a value or a target. */
  status: TargetStatus | null;
}

/**
 * Summaries for every indicator of the catalog, in id order, from a (validated) table.
 *
 * @example
 * const lines = indicatorSummaries(source.definitions(), source.current(), { unit: 'vc-rinkeby' });
 */
export function indicatorSummaries(
  definitions: ReadonlyMap<string, IndicatorDefinition>,
  table: IndicatorTable,
  options: { units?: readonly string[]; kon?: Kon } = {},
): IndicatorSummary[] {
  const kon = options.kon ?? 'T';
  const units = options.units && options.units.length > 0 ? new Set(options.units) : null;
  const byIndicator = new Map<string, Map<string, IndicatorTableRow[]>>();
  for (const r of table.rows) {
    if (r.kon !== kon || (units && !units.has(r.unit))) continue;
    let periods = byIndicator.get(r.indicator);
    if (!periods) byIndicator.set(r.indicator, (periods = new Map()));
    const list = periods.get(r.period);
    if (list) list.push(r);
    else periods.set(r.period, [r]);
  }
  return [...definitions.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((def) => {
      const periods = byIndicator.get(def.id) ?? new Map<string, IndicatorTableRow[]>();
      const points = [...periods.keys()].sort().map((period) => {
        const rows = periods.get(period) ?? [];
        const value = rows.length === 1 ? (rows[0]?.value ?? null) : aggregate(rows, def.measure, def.factor).value;
        return { period, value };
      });
      let latest: IndicatorSummary['latest'] = null;
      for (const p of points) if (p.value !== null) latest = { period: p.period, value: p.value };
      return {
        id: def.id,
        name: def.name,
        unitOfMeasure: def.unitOfMeasure,
        target: def.target,
        direction: def.direction,
        points,
        latest,
        status: targetStatus({ value: latest?.value ?? null, target: def.target, baseline: def.baseline, direction: def.direction }),
      };
    });
}

/**
 * One line per indicator for the pane: its points over periods, the latest value and where that
 * stands against the target. Several units are pooled the way the indicator's measure says
 * (sum of numerators over sum of denominators), never as a mean of ratios. Pure.
 */
import { chartSeries, type ChartSeries } from '../../shared/indicators/chart-series.js';
import { targetStatus, type Direction, type Measure, type Kon, type TargetStatus } from '../../shared/indicators/compute.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { TrendPoint } from '../../shared/indicators/chart-svg.js';
import type { IndicatorTable, IndicatorTableRow } from '../../shared/indicators/table.js';

/** What the indicator list shows for one indicator. */
export interface IndicatorSummary {
  id: string;
  name: string;
  unitOfMeasure: string | null;
  /** How units pool (see `measureOf`): ratio, count or level. */
  measure: Measure;
  target: number | null;
  direction: Direction;
  /** Values per period, oldest first; null where nothing usable was reported. */
  points: TrendPoint[];
  /** What the chart says under its title: what was pooled, a per-unit target not drawn. */
  series: ChartSeries;
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
  options: { units?: readonly string[]; kon?: Kon; depthOf?: (unit: string) => number } = {},
): IndicatorSummary[] {
  const depthOf = options.depthOf ?? (() => 0);
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
      // One unit chosen: its own values; otherwise one level, pooled as the measure says.
      const rows = [...periods.values()].flat();
      const series = chartSeries(rows, def, { unit: options.units?.length === 1 ? options.units[0] : null, depthOf });
      const points = series.points;
      let latest: IndicatorSummary['latest'] = null;
      for (const p of points) if (p.value !== null) latest = { period: p.period, value: p.value };
      return {
        id: def.id,
        name: def.name,
        unitOfMeasure: def.unitOfMeasure,
        measure: def.measure,
        target: series.target,
        direction: def.direction,
        points,
        series,
        latest,
        status: targetStatus({ value: latest?.value ?? null, target: series.target, baseline: def.baseline, direction: def.direction }),
      };
    });
}

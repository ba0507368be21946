import type { PeriodKind } from '../catalog/period.js';
import type { RowValues } from '../schema/types.js';
import type { Direction, Measure } from './compute.js';

/** An indicator's definition as read from an `indicator-catalog` row. */
export interface IndicatorDefinition {
  id: string;
  name: string;
  area: string | null;
  unitOfMeasure: string | null;
  /** See {@link measureOf}. */
  measure: Measure;
  factor: number;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  /**
   * The period length the target is set for. Counts only (default `year`, from the catalog's
   * `targetPeriod` column); null for shares and levels, whose target is compared as it is
   * (`shared/rounds/target-rule.ts`).
   */
  targetPeriod: PeriodKind | null;
  min: number | null;
  max: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'half', 'quarter', 'month'];

/** A count's target period from the catalog row (`year` when unset); null for other measures. */
function targetPeriodOf(row: RowValues, measure: Measure): PeriodKind | null {
  if (measure !== 'count') return null;
  return PERIOD_KINDS.find((k) => k === row.targetPeriod) ?? 'year';
}

const COUNT_UNITS = /^(antal|st|stycken|count|number)\b/i;

/**
 * How a catalog row's values combine: `ratio` when it names a denominator, `count` when its unit
 * of measure is a number of things ("antal"), otherwise `level` (years, an index, a score).
 */
export function measureOf(row: RowValues): Measure {
  if (str(row.denominator)) return 'ratio';
  const unit = str(row.unitOfMeasure);
  return unit && COUNT_UNITS.test(unit.trim()) ? 'count' : 'level';
}

/**
 * Reads indicator definitions from catalog rows. Rows without an id are skipped (validation
 * reports them); the first row wins when an id repeats.
 */
export function definitionsFromRows(rows: readonly RowValues[]): Map<string, IndicatorDefinition> {
  const out = new Map<string, IndicatorDefinition>();
  for (const r of rows) {
    const id = str(r.id);
    if (!id || out.has(id)) continue;
    const measure = measureOf(r);
    out.set(id, {
      id,
      name: str(r.name) ?? id,
      area: str(r.area),
      unitOfMeasure: str(r.unitOfMeasure),
      measure,
      factor: num(r.factor) ?? 1,
      direction: r.direction === 'lower' ? 'lower' : 'higher',
      baseline: num(r.baseline),
      target: num(r.target),
      targetPeriod: targetPeriodOf(r, measure),
      min: num(r.min),
      max: num(r.max),
    });
  }
  return out;
}

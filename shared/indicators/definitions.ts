import type { RowValues } from '../schema/types.js';
import type { Direction, Measure } from './compute.js';

/** An indicator's definition as read from an `indicator-catalog` row. */
export interface IndicatorDefinition {
  id: string;
  name: string;
  area: string | null;
  unitOfMeasure: string | null;
  /** `ratio` when the catalog names a denominator, otherwise `count`. */
  measure: Measure;
  factor: number;
  direction: Direction;
  baseline: number | null;
  target: number | null;
  min: number | null;
  max: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads indicator definitions from catalog rows. Rows without an id are skipped (validation
 * reports them); the first row wins when an id repeats.
 */
export function definitionsFromRows(rows: readonly RowValues[]): Map<string, IndicatorDefinition> {
  const out = new Map<string, IndicatorDefinition>();
  for (const r of rows) {
    const id = str(r.id);
    if (!id || out.has(id)) continue;
    out.set(id, {
      id,
      name: str(r.name) ?? id,
      area: str(r.area),
      unitOfMeasure: str(r.unitOfMeasure),
      measure: str(r.denominator) ? 'ratio' : 'count',
      factor: num(r.factor) ?? 1,
      direction: r.direction === 'lower' ? 'lower' : 'higher',
      baseline: num(r.baseline),
      target: num(r.target),
      min: num(r.min),
      max: num(r.max),
    });
  }
  return out;
}

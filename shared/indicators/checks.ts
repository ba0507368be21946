import type { Kon, Measure, Observation } from './compute.js';

/** A finding about indicator values; always a warning, the values stay. */
export interface IndicatorWarning {
  code: 'kon-mismatch' | 'below-min' | 'above-max' | 'outlier';
  /** The observation the warning is about. */
  observation: Observation;
  /** The numbers behind the warning, for the message. */
  detail: Record<string, number>;
}

const sameCell = (o: Observation) => `${o.indicator}\u0000${o.unit}\u0000${o.period}`;

/**
 * Kön consistency: for each indicator, unit and period that has T, K and M, T must equal K + M
 * (numerators and denominators for ratios, values for counts). Levels (an average such as life
 * expectancy) are not additive and are not checked; nor are missing parts.
 */
export function konMismatches(observations: readonly Observation[], measureOf: (indicator: string) => Measure, tolerance = 1e-9): IndicatorWarning[] {
  const byCell = new Map<string, Partial<Record<Kon, Observation>>>();
  for (const o of observations) {
    const key = sameCell(o);
    const cell = byCell.get(key) ?? {};
    cell[o.kon] = o;
    byCell.set(key, cell);
  }
  const warnings: IndicatorWarning[] = [];
  for (const cell of byCell.values()) {
    const { T, K, M } = cell;
    if (!T || !K || !M) continue;
    const measure = measureOf(T.indicator);
    if (measure === 'level') continue;
    const parts: [string, number | null, number | null, number | null][] =
      measure === 'ratio'
        ? [
            ['numerator', T.numerator, K.numerator, M.numerator],
            ['denominator', T.denominator, K.denominator, M.denominator],
          ]
        : [['value', T.value, K.value, M.value]];
    for (const [name, t, k, m] of parts) {
      if (t === null || k === null || m === null) continue;
      if (Math.abs(t - (k + m)) > tolerance) {
        warnings.push({ code: 'kon-mismatch', observation: T, detail: { [`${name}T`]: t, [`${name}K`]: k, [`${name}M`]: m } });
        break;
      }
    }
  }
  return warnings;
}

/** Values outside an indicator's declared min/max. */
export function rangeWarnings(observations: readonly Observation[], bounds: (indicator: string) => { min: number | null; max: number | null }): IndicatorWarning[] {
  const out: IndicatorWarning[] = [];
  for (const o of observations) {
    if (o.value === null) continue;
    const { min, max } = bounds(o.indicator);
    if (min !== null && o.value < min) out.push({ code: 'below-min', observation: o, detail: { value: o.value, min } });
    else if (max !== null && o.value > max) out.push({ code: 'above-max', observation: o, detail: { value: o.value, max } });
  }
  return out;
}

/**
 * Z-score outliers among the values of one indicator, period and kön across units: |z| > `limit`
 * (default 3). Needs at least `minCount` present values to say anything.
 */
export function outliers(observations: readonly Observation[], limit = 3, minCount = 5): IndicatorWarning[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.value === null) continue;
    const key = `${o.indicator}\u0000${o.period}\u0000${o.kon}`;
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  const out: IndicatorWarning[] = [];
  for (const list of groups.values()) {
    if (list.length < minCount) continue;
    const values = list.map((o) => o.value as number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    if (sd === 0) continue;
    for (const o of list) {
      const z = ((o.value as number) - mean) / sd;
      if (Math.abs(z) > limit) out.push({ code: 'outlier', observation: o, detail: { value: o.value as number, mean, sd, z } });
    }
  }
  return out;
}

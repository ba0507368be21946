/**
 * Indicator arithmetic shared by the server (tables, charts, exports) and the pane (custom
 * functions, trend charts). Missing is `null`, never 0: a unit that reported nothing must not
 * pull an average down.
 */

/** Which way is better for an indicator. */
export type Direction = 'higher' | 'lower';

/** Kön as reported: T (totalt), K (kvinnor), M (män). */
export type Kon = 'T' | 'K' | 'M';

/**
 * How an indicator's values combine. A `ratio` has a numerator and a denominator and pools as
 * their sums; a `count` (hälsosamtal held) adds up; a `level` (life expectancy in years) does
 * neither, so several of them do not make one value without weights we do not have.
 */
export type Measure = 'ratio' | 'count' | 'level';

/** One reported or computed value of an indicator for a unit, period and kön. */
export interface Observation {
  indicator: string;
  unit: string;
  period: string;
  kon: Kon;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** Numerator / denominator × factor, or null when either part is missing or the denominator is 0. */
export function ratioValue(numerator: number | null, denominator: number | null, factor: number): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * factor;
}

/**
 * The value an observation stands for: computed from numerator and denominator when both are
 * given, otherwise the reported value (which may be null).
 */
export function effectiveValue(obs: Pick<Observation, 'value' | 'numerator' | 'denominator'>, factor: number): number | null {
  const computed = ratioValue(obs.numerator, obs.denominator, factor);
  return computed ?? obs.value;
}

/** The result of aggregating several observations into one. */
export interface Aggregate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** How many observations went in. */
  count: number;
  /** How many of them had nothing usable (left out, not counted as 0). */
  missing: number;
}

/**
 * Aggregates observations of one indicator. Ratios: sum of numerators over sum of denominators
 * (never a mean of ratios), using only observations that have both parts. Counts: the sum of the
 * values that are present. Levels: the value when exactly one is present, otherwise null.
 * Nothing usable gives null.
 */
export function aggregate(observations: readonly Observation[], measure: Measure, factor: number): Aggregate {
  let num = 0;
  let den = 0;
  let sum = 0;
  let used = 0;
  for (const o of observations) {
    if (measure === 'ratio') {
      if (o.numerator === null || o.denominator === null) continue;
      num += o.numerator;
      den += o.denominator;
      used++;
    } else {
      const v = o.value ?? o.numerator;
      if (v === null) continue;
      sum += v;
      used++;
    }
  }
  const missing = observations.length - used;
  if (measure === 'level' && used !== 1) return { value: null, numerator: null, denominator: null, count: observations.length, missing };
  if (used === 0) return { value: null, numerator: null, denominator: null, count: observations.length, missing };
  if (measure === 'ratio') {
    return { value: ratioValue(num, den, factor), numerator: num, denominator: den, count: observations.length, missing };
  }
  return { value: sum, numerator: null, denominator: null, count: observations.length, missing };
}

/**
 * Groups observations by a key and aggregates each group into one observation.
 * `keyOf` returns the target unit and period of an observation, or null to leave it out.
 */
export function rollUp(
  observations: readonly Observation[],
  keyOf: (o: Observation) => { unit: string; period: string } | null,
  measureOf: (indicator: string) => { measure: Measure; factor: number },
): Observation[] {
  const groups = new Map<string, { unit: string; period: string; indicator: string; kon: Kon; items: Observation[] }>();
  for (const o of observations) {
    const key = keyOf(o);
    if (!key) continue;
    const id = `${o.indicator}\u0000${key.unit}\u0000${key.period}\u0000${o.kon}`;
    let group = groups.get(id);
    if (!group) {
      group = { ...key, indicator: o.indicator, kon: o.kon, items: [] };
      groups.set(id, group);
    }
    group.items.push(o);
  }
  const out: Observation[] = [];
  for (const g of groups.values()) {
    const { measure, factor } = measureOf(g.indicator);
    const agg = aggregate(g.items, measure, factor);
    out.push({
      indicator: g.indicator,
      unit: g.unit,
      period: g.period,
      kon: g.kon,
      value: agg.value,
      numerator: agg.numerator,
      denominator: agg.denominator,
    });
  }
  return out;
}

/** Status against target and baseline, in the words coordinators use. */
export type TargetStatus = 'uppnatt' | 'pa-vag' | 'ej-pa-vag';

/**
 * Where a value stands: `uppnatt` when the target is reached, `pa-vag` when it has moved from the
 * baseline towards the target, otherwise `ej-pa-vag`. Null when the value or target is missing.
 * Without a baseline, a value not at target is `ej-pa-vag`.
 */
export function targetStatus(input: {
  value: number | null;
  target: number | null;
  baseline: number | null;
  direction: Direction;
}): TargetStatus | null {
  const { value, target, baseline, direction } = input;
  if (value === null || target === null) return null;
  const better = (a: number, b: number) => (direction === 'higher' ? a > b : a < b);
  if (value === target || better(value, target)) return 'uppnatt';
  if (baseline !== null && better(value, baseline)) return 'pa-vag';
  return 'ej-pa-vag';
}

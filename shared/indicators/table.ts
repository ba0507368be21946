import type { Problem } from '../validate/problem.js';
import type { RowValues } from '../schema/types.js';
import { effectiveValue, targetStatus, type Kon, type Observation, type TargetStatus } from './compute.js';
import type { IndicatorDefinition } from './definitions.js';

/** Filters of an indicator table request; an empty list means "all". */
export interface IndicatorFilter {
  indicators?: readonly string[];
  units?: readonly string[];
  periods?: readonly string[];
  /**
   * Years (`2025`): a row passes when its period lies in one of them, whatever its kind (the year,
   * a half, a quarter, a month). A live table pulled for a whole year so shows a period of it that
   * is reported later (`filterOf` in `addin/indicators/pull-choices.ts`).
   */
  years?: readonly string[];
  kon?: readonly Kon[];
}

/** One row of an indicator table as served to managers. */
export interface IndicatorTableRow {
  indicator: string;
  name: string;
  area: string | null;
  unit: string;
  period: string;
  kon: Kon;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unitOfMeasure: string | null;
  target: number | null;
  baseline: number | null;
  direction: 'higher' | 'lower' | null;
  targetStatus: TargetStatus | null;
  status: string | null;
  source: string | null;
}

/** An indicator table, with what was left out and why. */
export interface IndicatorTable {
  rows: IndicatorTableRow[];
  /** True when rows with errors were left out. */
  validated: boolean;
  /** How many matching rows were left out because they have errors. */
  leftOut: number;
  /** Why, counted per problem code (a row counts once per distinct code). */
  leftOutReasons: Record<string, number>;
}

const KONS = new Set<string>(['T', 'K', 'M']);
const asNum = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const asStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Reads an `indicator-values` row as an observation, or null when its keys are unusable. */
export function observationOf(values: RowValues): Observation | null {
  const indicator = asStr(values.indicator);
  const unit = asStr(values.unit);
  const period = asStr(values.period);
  const kon = values.kon;
  if (!indicator || !unit || !period || typeof kon !== 'string' || !KONS.has(kon)) return null;
  return {
    indicator,
    unit,
    period,
    kon: kon as Kon,
    value: asNum(values.value),
    numerator: asNum(values.numerator),
    denominator: asNum(values.denominator),
  };
}

/**
 * The table row one observation makes under its indicator's definition (`def` undefined: an
 * indicator the catalog does not know, named by its id). Used for whole tables and for updating
 * one row of a pulled table in place.
 */
export function tableRowOf(o: Observation, values: RowValues, def: IndicatorDefinition | undefined): IndicatorTableRow {
  const value = effectiveValue(o, def?.factor ?? 1);
  return {
    indicator: o.indicator,
    name: def?.name ?? o.indicator,
    area: def?.area ?? null,
    unit: o.unit,
    period: o.period,
    kon: o.kon,
    value,
    numerator: o.numerator,
    denominator: o.denominator,
    unitOfMeasure: def?.unitOfMeasure ?? null,
    target: def?.target ?? null,
    baseline: def?.baseline ?? null,
    direction: def?.direction ?? null,
    targetStatus: def ? targetStatus({ value, target: def.target, baseline: def.baseline, direction: def.direction }) : null,
    status: asStr(values.status),
    source: asStr(values.source),
  };
}

/** Whether an observation passes `filter` (an empty or missing list lets everything through). */
export function matchesFilter(o: Observation, filter: IndicatorFilter): boolean {
  return (
    inFilter(filter.indicators, o.indicator) &&
    inFilter(filter.units, o.unit) &&
    inFilter(filter.periods, o.period) &&
    inFilter(filter.years, o.period.slice(0, 4)) &&
    inFilter(filter.kon, o.kon)
  );
}

const inFilter = <T>(list: readonly T[] | undefined, v: T) => !list || list.length === 0 || list.includes(v);

/**
 * Builds the indicator table from the rows of an `indicator-values` document and the catalog's
 * definitions. With `validated` (the default for managers), rows that have error problems are
 * left out and counted by reason; warnings do not leave a row out.
 */
export function buildIndicatorTable(input: {
  rows: readonly { id: string; values: RowValues }[];
  definitions: ReadonlyMap<string, IndicatorDefinition>;
  problems: readonly Problem[];
  filter?: IndicatorFilter;
  validated?: boolean;
}): IndicatorTable {
  const validated = input.validated ?? true;
  const filter = input.filter ?? {};
  const errorsByRow = new Map<string, Set<string>>();
  for (const p of input.problems) {
    if (p.severity !== 'error' || p.rowId === null) continue;
    const set = errorsByRow.get(p.rowId) ?? new Set<string>();
    set.add(p.code);
    errorsByRow.set(p.rowId, set);
  }
  const rows: IndicatorTableRow[] = [];
  const leftOutReasons: Record<string, number> = {};
  let leftOut = 0;
  for (const { id, values } of input.rows) {
    const o = observationOf(values);
    const matches = o !== null && matchesFilter(o, filter);
    if (!matches && o !== null) continue;
    const errors = errorsByRow.get(id);
    if (validated && (errors || o === null)) {
      // A row whose keys are unusable cannot be filtered; it is only counted when no filter is set.
      if (o === null && (filter.indicators?.length || filter.units?.length || filter.periods?.length || filter.years?.length || filter.kon?.length)) continue;
      leftOut++;
      for (const code of errors ?? ['incomplete']) leftOutReasons[code] = (leftOutReasons[code] ?? 0) + 1;
      continue;
    }
    if (o === null) continue;
    rows.push(tableRowOf(o, values, input.definitions.get(o.indicator)));
  }
  // Ids, unit codes, periods and kön are ASCII: a plain code-unit comparison orders them and is
  // several times cheaper than localeCompare over 12,000 rows.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort((a, b) => cmp(a.indicator, b.indicator) || cmp(a.unit, b.unit) || cmp(a.period, b.period) || cmp(a.kon, b.kon));
  return { rows, validated, leftOut, leftOutReasons };
}

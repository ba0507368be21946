/**
 * The chooser behind "Pull indicator table": which indicators (from the catalog), units and
 * periods there are to choose from, a sensible default, and the filter a choice stands for.
 * Pure: no DOM, no Excel.
 */
import type { Kon } from '../../shared/indicators/compute.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { IndicatorFilter, IndicatorTable } from '../../shared/indicators/table.js';

/** One indicator to choose. */
export interface IndicatorChoice {
  id: string;
  name: string;
  area: string | null;
}

/** What the chooser offers. */
export interface PullChoices {
  /** Every indicator of the catalog, by id. */
  indicators: IndicatorChoice[];
  /** Unit codes that have values, sorted. */
  units: string[];
  /** Periods that have values, newest first. */
  periods: string[];
  /** Kön present in the values, T first. */
  kon: Kon[];
  /** The default selection: every indicator and unit, the latest year's periods, every kön. */
  defaults: PullSelection;
  /** Unit code → name, from the workspace's units (a unit without one is shown by its code). */
  unitNames?: ReadonlyMap<string, string>;
}

/** What the manager ticked. */
export interface PullSelection {
  indicators: string[];
  units: string[];
  periods: string[];
  kon: Kon[];
}

const KON_ORDER: Kon[] = ['T', 'K', 'M'];
const yearOf = (period: string) => period.slice(0, 4);

/**
 * The choices for a workspace, from its catalog and its (unfiltered) indicator table.
 *
 * @example
 * const choices = pullChoices(source.definitions(), source.current());
 * dialog.choices = choices;
 */
export function pullChoices(definitions: ReadonlyMap<string, IndicatorDefinition>, table: IndicatorTable): PullChoices {
  const indicators = [...definitions.values()].map((d) => ({ id: d.id, name: d.name, area: d.area })).sort((a, b) => a.id.localeCompare(b.id));
  const units = new Set<string>();
  const periods = new Set<string>();
  const kon = new Set<Kon>();
  for (const r of table.rows) {
    units.add(r.unit);
    periods.add(r.period);
    kon.add(r.kon);
  }
  const sortedPeriods = [...periods].sort((a, b) => b.localeCompare(a));
  const latestYear = sortedPeriods[0] ? yearOf(sortedPeriods[0]) : null;
  const kons = KON_ORDER.filter((k) => kon.has(k));
  const unitList = [...units].sort((a, b) => a.localeCompare(b));
  return {
    indicators,
    units: unitList,
    periods: sortedPeriods,
    kon: kons,
    defaults: {
      indicators: indicators.map((i) => i.id),
      units: unitList,
      periods: sortedPeriods.filter((p) => yearOf(p) === latestYear),
      kon: kons,
    },
  };
}

/**
 * The filter a selection stands for. A list where everything offered is ticked becomes "all" (empty),
 * so that a unit or period that appears later shows up in the live table too. Periods that are
 * every offered period of their years (the default: the latest year's) become those `years`, so
 * that a period of such a year reported later (kv 3 in the autumn, kv 4 in January) shows up too.
 */
export function filterOf(choices: PullChoices, selection: PullSelection): IndicatorFilter {
  const narrow = <T>(picked: readonly T[], offered: readonly T[]): T[] => (offered.every((o) => picked.includes(o)) ? [] : offered.filter((o) => picked.includes(o)));
  const periods = narrow(selection.periods, choices.periods);
  const years = [...new Set(periods.map(yearOf))];
  const wholeYears = periods.length > 0 && choices.periods.every((p) => !years.includes(yearOf(p)) || periods.includes(p));
  return {
    indicators: narrow(selection.indicators, choices.indicators.map((i) => i.id)),
    units: narrow(selection.units, choices.units),
    periods: wholeYears ? [] : periods,
    ...(wholeYears ? { years } : {}),
    kon: narrow(selection.kon, choices.kon),
  };
}

/** Whether a selection can be pulled: at least one of each list ticked (when there is anything to tick). */
export function selectionComplete(choices: PullChoices, selection: PullSelection): boolean {
  const ok = (picked: readonly unknown[], offered: readonly unknown[]) => offered.length === 0 || picked.length > 0;
  return ok(selection.indicators, choices.indicators) && ok(selection.units, choices.units) && ok(selection.periods, choices.periods) && ok(selection.kon, choices.kon);
}

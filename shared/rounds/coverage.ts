/**
 * Which rows a round covers: the rows a unit reports in it (for completeness) and the rows an
 * approval locks. One definition for both, so what is counted is exactly what is locked.
 *
 * - `indicator-values`: a row whose `unit` is the unit, whose `indicator` is one of the round's
 *   indicators and whose `period` lies within the round's period (a quarter round covers its
 *   quarter and its months).
 * - `activity-plan` (owned by the unit): a row whose end date (or start date, when it has no
 *   end) falls within the round's period: an activity is reported in the round in which it ends.
 */
import { parsePeriod, periodContains, type Period } from '../catalog/period.js';
import type { RowValues } from '../schema/types.js';
import { indicatorsForLevel, roundIndicators } from './levels.js';
import type { RoundDef } from './model.js';

/** The parts of a document the coverage rules read. */
export interface CoveredDoc {
  kind: string;
  /** The document's owner unit (a clinic for an activity plan). */
  ownerUnit: string;
}

/** The month (as a period) of an ISO date, or null for anything else. */
export function monthOfDate(value: unknown): Period | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return parsePeriod(value.slice(0, 4) + value.slice(5, 7));
}

/** The date an activity is reported by: its end date, else its start date; null without either. */
export function reportDateOf(values: Readonly<RowValues>): string | null {
  const end = values.endDate;
  const start = values.startDate;
  if (typeof end === 'string' && end !== '') return end;
  if (typeof start === 'string' && start !== '') return start;
  return null;
}

/** What coverage reads of a round: its period, its indicators (per level) and whether activities count. */
export type RoundScope = Pick<RoundDef, 'period' | 'indicators' | 'activities'> & Partial<Pick<RoundDef, 'levels'>>;

/** A round (or any {@link RoundScope}) with its period parsed once, for the many rows it is asked about. */
export interface PreparedRound<D extends RoundScope = RoundDef> {
  def: D;
  period: Period;
  /** Every indicator the round asks for, at any level. */
  indicators: ReadonlySet<string>;
  /** The indicators one unit reports, when the round gives levels their own lists and the units' levels are known. */
  indicatorsOf: ((unit: string) => ReadonlySet<string>) | null;
}

/**
 * Parse a round's period once; null when the stored period is unreadable (then it covers nothing).
 * @param unitLevel unit code → level (`levels.ts`); without it a round with per-level lists
 *   covers every indicator it asks for at any level (the rule locks use, which know no units)
 */
export function prepareRound<D extends RoundScope>(def: D, unitLevel?: ReadonlyMap<string, number>): PreparedRound<D> | null {
  const period = parsePeriod(def.period);
  if (!period) return null;
  let indicatorsOf: PreparedRound<D>['indicatorsOf'] = null;
  if (def.levels && def.levels.length > 0 && unitLevel) {
    const byLevel = new Map<number | null, ReadonlySet<string>>();
    indicatorsOf = (unit) => {
      const level = unitLevel.get(unit) ?? null;
      let set = byLevel.get(level);
      if (!set) byLevel.set(level, (set = new Set(indicatorsForLevel(def, level))));
      return set;
    };
  }
  return { def, period, indicators: new Set(roundIndicators(def)), indicatorsOf };
}

/**
 * The unit whose report in `round` covers this row of `doc`, or null when the round does not
 * cover it. The unit may still not report in the round (see {@link RoundDef.units}).
 */
export function coveringUnit(round: PreparedRound<RoundScope>, doc: CoveredDoc, values: Readonly<RowValues>): string | null {
  if (doc.kind === 'indicator-values') {
    const { unit, indicator, period } = values;
    if (typeof unit !== 'string' || typeof indicator !== 'string' || typeof period !== 'string') return null;
    if (!(round.indicatorsOf?.(unit) ?? round.indicators).has(indicator)) return null;
    const p = parsePeriod(period);
    return p && periodContains(round.period, p) ? unit : null;
  }
  if (doc.kind === 'activity-plan') {
    if (!round.def.activities) return null;
    const month = monthOfDate(reportDateOf(values));
    return month && periodContains(round.period, month) ? doc.ownerUnit : null;
  }
  return null;
}

/**
 * The trend charts of the styrgrupp report, by the pane's chart rules (`shared/indicators/
 * chart-series.ts`): never a blend of levels — one unit's own values, or, for the county, the
 * values of the highest level that reported (the region's own figure rather than region and
 * clinics together), pooled as the measure says (sums for counts, sum of numerators over sum of
 * denominators for ratios, never a mean of ratios). The target drawn is the one that applies to
 * what is drawn: a ratio's or a level's as it is; a count's target scaled to the length of the
 * points' period (an annual 120 is 30 per quarter, the rule of `shared/rounds/target-rule.ts`);
 * none for a count summed over several units (the catalog's target is per unit), which the note
 * states instead.
 */
import { roundIndicators } from '../../shared/rounds/levels.js';
import { formatPeriod, parsePeriod, periodContains, type Period, type PeriodKind } from '../../shared/catalog/period.js';
import { depthsOf, type ChartSeries } from '../../shared/indicators/chart-series.js';
import { chartNote } from '../../shared/indicators/chart-words.js';
import { aggregate, type Observation } from '../../shared/indicators/compute.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { observationOf } from '../../shared/indicators/table.js';
import type { RoundDef } from '../../shared/rounds/model.js';
import { PERIOD_MONTHS } from '../../shared/rounds/period-cover.js';
import type { ReportTrend } from '../../shared/rounds/report-html.js';
import type { RoundData } from '../http/round-data.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** The periods of `round`'s kind in its year, up to and including the round's period (five years for a yearly round). */
export function trendPeriods(round: Period): Period[] {
  if (round.kind === 'year') return [4, 3, 2, 1, 0].map((back) => ({ kind: 'year', year: round.year - back, index: 1 }));
  const out: Period[] = [];
  for (let i = 1; i <= round.index; i++) out.push({ kind: round.kind, year: round.year, index: i });
  return out;
}

const KIND_WORDS: Record<PeriodKind, { sv: string; en: string }> = {
  year: { sv: 'år', en: 'year' },
  half: { sv: 'halvår', en: 'half-year' },
  quarter: { sv: 'kvartal', en: 'quarter' },
  month: { sv: 'månad', en: 'month' },
};

/**
 * A count's target for one period of `kind`: the catalog's target (set per `def.targetPeriod`,
 * a year by default) times the months of `kind` over the months of the target's period.
 * Shares and levels keep their target as it is.
 */
export function targetPer(def: IndicatorDefinition, kind: PeriodKind): number | null {
  if (def.target === null || def.measure !== 'count' || def.targetPeriod === null) return def.target;
  return (def.target * PERIOD_MONTHS[kind]) / PERIOD_MONTHS[def.targetPeriod];
}

/**
 * One chart per indicator of `round`: its points over {@link trendPeriods}, the target line and
 * the note under the title, in `lang`.
 * @param scopeUnits the unit of a unit's report, or the round's reporting units for the county's
 */
export function reportTrends(round: RoundDef, data: RoundData, scopeUnits: ReadonlySet<string>, lang: 'sv' | 'en'): Map<string, ReportTrend> {
  const outer = parsePeriod(round.period);
  const out = new Map<string, ReportTrend>();
  if (!outer) return out;
  const asked = new Set(roundIndicators(round));
  const obs: Observation[] = [];
  for (const doc of data.docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) {
      const o = observationOf(row.values as Parameters<typeof observationOf>[0]);
      if (o && o.kon === 'T' && scopeUnits.has(o.unit) && asked.has(o.indicator)) obs.push(o);
    }
  }
  const periods = trendPeriods(outer);
  const depthOf = depthsOf(data.units);
  const names = new Map(data.units.map((u) => [u.code, u.name]));
  const fmt = { format: (n: number) => numberText(n, lang, { max: 1 }) };
  for (const id of asked) {
    const def = data.definitions.get(id);
    let mine = obs.filter((o) => o.indicator === id && periods.some((p) => isInside(p, o.period)));
    // Never mixed levels: the highest level that reported.
    if (mine.length > 0) {
      const top = Math.min(...mine.map((o) => depthOf(o.unit)));
      mine = mine.filter((o) => depthOf(o.unit) === top);
    }
    const points = periods.map((p) => ({
      period: formatPeriod(p),
      value: aggregate(mine.filter((o) => isInside(p, o.period)), def?.measure ?? 'level', def?.factor ?? 1).value,
    }));
    if (!def) {
      out.set(id, { points, target: null, note: null });
      continue;
    }
    const units = [...new Set(mine.map((o) => o.unit))].sort();
    const pooled = units.length > 1;
    const target = targetPer(def, outer.kind);
    const sumOfUnits = pooled && def.measure === 'count';
    // A count's target set per year and drawn per quarter says so; chartNote names the rest.
    const scaled = def.measure === 'count' && target !== null && def.target !== null && def.targetPeriod !== null && target !== def.target;
    const series: ChartSeries = { points, target: sumOfUnits ? null : target, perUnitTarget: sumOfUnits && !scaled ? target : null, units, pooled };
    const parts = [chartNote(series, def, lang, (code) => names.get(code) ?? code)];
    if (scaled && def.targetPeriod !== null) {
      const per = `${fmt.format(target ?? 0)} per ${KIND_WORDS[outer.kind][lang]} (${fmt.format(def.target ?? 0)} per ${KIND_WORDS[def.targetPeriod][lang]})`;
      parts.push(sumOfUnits ? (lang === 'sv' ? `mål per enhet ${per}` : `target per unit ${per}`) : lang === 'sv' ? `mål ${per}` : `target ${per}`);
    }
    out.set(id, { points, target: series.target, note: parts.filter((p): p is string => Boolean(p)).join(' · ') || null });
  }
  return out;
}

function isInside(p: Period, code: string): boolean {
  const q = parsePeriod(code);
  return q !== null && periodContains(p, q);
}

/**
 * The words around a trend chart, the same in the pane and in `chart.svg`: the title (the
 * indicator's and the unit's names, never codes), the line that says what was pooled or the
 * target per unit. Periods in words are `shared/i18n/period-label`'s.
 */
import type { Lang } from '../i18n/t.js';
import type { ChartSeries } from './chart-series.js';
import type { IndicatorDefinition } from './definitions.js';
import { indicatorNumbers } from './round.js';
import { numberText } from '../i18n/number-words.js';


/** "Namn – Enhet" with the unit's name, or the indicator's name alone. */
export function chartTitle(def: Pick<IndicatorDefinition, 'name'>, unitName: string | null): string {
  return unitName ? `${def.name} – ${unitName}` : def.name;
}

/** What the series is, when it is not one unit's own values; and a per-unit target not drawn. */
export function chartNote(series: ChartSeries, def: Pick<IndicatorDefinition, 'measure' | 'unitOfMeasure'>, lang: Lang, unitName: (code: string) => string): string | null {
  const parts: string[] = [];
  if (series.pooled) {
    const n = series.units.length;
    if (def.measure === 'count') parts.push(lang === 'sv' ? `Summa för ${numberText(n, 'sv')} enheter` : `Sum over ${numberText(n, 'en')} units`);
    else parts.push(lang === 'sv' ? `Sammanvägt för ${numberText(n, 'sv')} enheter (summa täljare / summa nämnare)` : `Pooled over ${numberText(n, 'en')} units (sum of numerators / sum of denominators)`);
  } else if (series.units.length === 1 && series.units[0]) {
    parts.push(unitName(series.units[0]));
  }
  if (series.perUnitTarget !== null) {
    const target = indicatorNumbers(def.unitOfMeasure, lang).target(series.perUnitTarget);
    parts.push(lang === 'sv' ? `mål per enhet ${target}` : `target per unit ${target}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

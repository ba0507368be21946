/**
 * The filters of the indicator table and Kolada routes (`indicator`, `unit`, `period`, comma-
 * separated) read as a person writes them in a Power Query or a browser: a unit or an indicator
 * by its code or its name (any case and spacing, `shared/normalize/ref-lookup.ts`), a period as
 * a code or in words (`2025 kv 4`, `Q4 2025`, `mars 2025`; `parseAnyPeriod`). A value that names
 * nothing the workspace has is refused with 400 and a sentence naming it and the closest names;
 * before, such a filter matched no row and the answer was an empty table, which read as "no data".
 */
import { SFH_INDICATORS } from '../../shared/catalog/indicators.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { IndicatorFilter } from '../../shared/indicators/table.js';
import { periodOrWords } from '../../shared/normalize/period-refusal.js';
import { PERIOD_WORDS_IN_SWEDISH } from '../../shared/i18n/period-refusals.js';
import { orList, refLookup, type RefEntry } from '../../shared/normalize/ref-lookup.js';
import { unitEntries } from '../../shared/normalize/ref-entries.js';
import type { RowValues } from '../../shared/schema/types.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { AppError, IDENTITY_MASK } from './errors.js';

/** The filter as written in the query (lists of texts). */
export interface WrittenFilter {
  indicator: string[];
  unit: string[];
  period: string[];
  kon: ('T' | 'K' | 'M')[];
}

/**
 * The filter with codes only, for `buildIndicatorTable`.
 *
 * @param units the workspace's units; `rows` the indicator-values rows, whose units and
 *   indicators count as known even when no list holds them (values imported before a catalog entry).
 * @throws AppError 400 `unknown-filter` naming every value that finds nothing, in English and
 *   Swedish (`details.sv`, and both in `details.message`), with up to three closest names each.
 * @example
 * resolveIndicatorFilter({ indicator: [], unit: ['tensta vårdcentral'], period: ['2025 kv 4'], kon: [] }, …)
 * // { indicators: [], units: ['vc-tensta'], periods: ['2025Q4'], kon: [] }
 */
export function resolveIndicatorFilter(
  written: WrittenFilter,
  data: { definitions: ReadonlyMap<string, IndicatorDefinition>; rows: readonly { values: RowValues }[] },
  units: readonly { code: string; name?: string | null }[],
): IndicatorFilter {
  const inRows = (key: string) => new Set(data.rows.map((r) => r.values[key]).filter((v): v is string => typeof v === 'string'));
  const rowUnits = inRows('unit');
  const rowIndicators = inRows('indicator');
  const indicatorList: RefEntry[] = [...[...data.definitions.values()].map((d) => ({ id: d.id, name: d.name })), ...SFH_INDICATORS.map((i) => ({ id: i.id, name: i.name.sv }))];
  const lookups = {
    unit: refLookup(unitEntries(units), (id) => rowUnits.has(id)),
    indicator: refLookup(indicatorList, (id) => rowIndicators.has(id)),
  };
  const unknown: { en: string; sv: string }[] = [];
  const resolve = (what: 'unit' | 'indicator', texts: string[]) =>
    texts.flatMap((text) => {
      const lookup = lookups[what];
      if (lookup.valid(text)) return [text];
      const id = lookup.idOf(text);
      if (id !== undefined) return [id];
      const near = lookup.closest(text);
      const shown = JSON.stringify(redactPersonnummer(text, IDENTITY_MASK));
      const word = what === 'unit' ? { en: 'unit', sv: 'enhet' } : { en: 'indicator', sv: 'indikator' };
      unknown.push({
        en: `${what}=${shown}: no ${word.en} of the workspace has that code or name${near.length ? `; did you mean ${orList(near, 'en')}?` : '.'}`,
        sv: `${what}=${shown}: ingen ${word.sv} i arbetsytan har den koden eller det namnet${near.length ? `; menade du ${orList(near, 'sv')}?` : '.'}`,
      });
      return [];
    });
  const indicators = resolve('indicator', written.indicator);
  const resolvedUnits = resolve('unit', written.unit);
  const periods = written.period.flatMap((text) => {
    const shown = JSON.stringify(redactPersonnummer(text, IDENTITY_MASK));
    const read = periodOrWords(text, redactPersonnummer(text.trim(), IDENTITY_MASK));
    if ('code' in read) return [read.code];
    // The English sentence suggests the pane's Swedish words too, as the roll-up's does: a
    // Swedish person reads it in a tool such as Power Query.
    unknown.push({ en: `period=${shown}: ${read.words.en.slice(0, -1)} (or in Swedish: ${PERIOD_WORDS_IN_SWEDISH}).`, sv: `period=${shown}: ${read.words.sv}` });
    return [];
  });
  if (unknown.length > 0) {
    const message = { sv: unknown.map((u) => u.sv).join(' '), en: unknown.map((u) => u.en).join(' ') };
    // `details.sv` is kept for the callers that read it; `details.message` is what the pane reads.
    throw new AppError(400, 'unknown-filter', message, { sv: message.sv });
  }
  return { indicators, units: resolvedUnits, periods, kon: written.kon };
}

/**
 * A stored cell in words for the pane: enum labels, unit names instead of codes, indicator and
 * partner names instead of ids, periods as people say them ("2025 kv 4", "mars 2025"; `shared/i18n/period-label`), `x` for yes.
 */
import { sfhIndicator } from '../../shared/catalog/indicators.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import { CLINIC_INDICATORS } from '../../shared/indicators/clinic-indicators.js';
import { formatCell } from '../../shared/normalize/format-cell.js';
import { shownName, type RefLookup } from '../../shared/normalize/ref-lookup.js';
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import type { CellColumn, CellValue } from '../../shared/schema/types.js';
import type { Lang } from './strings.js';
import { numberAsTyped } from '../../shared/i18n/number-words.js';

/** Names to show for codes: the workspace's units (code → name), its partner list when known. */
export interface CodeNames {
  units: ReadonlyMap<string, string>;
  /** The partner list (row id → name); a partner stored by name before ids shows as it is. */
  partners?: RefLookup | undefined;
}

/** An indicator's name from the catalogs of seeds 002 and 004, or the id itself when unknown. */
export function indicatorName(id: string, lang: Lang): string {
  const sfh = sfhIndicator(id);
  if (sfh) return sfh.name[lang];
  const name = CLINIC_INDICATORS.find((i) => i.id === id)?.row.name;
  return typeof name === 'string' ? name : id;
}

/** The value of `column` in words (empty string for an empty cell). */
export function valueWords(column: CellColumn, value: CellValue, lang: Lang, names: CodeNames): string {
  if (typeof value === 'string') {
    const type = column.column.type;
    if (type === 'unit') return names.units.get(value) ?? value;
    if (type === 'indicator-ref') return indicatorName(value, lang);
    if (type === 'partner-ref') return shownName(names.partners, value);
    if (type === 'period') return periodWords(value, lang);
  }
  const shown = formatCell(column, value, lang);
  return typeof shown === 'number' ? numberAsTyped(shown, lang) : String(shown);
}

/** The column of `kind` keyed `key`, or null for one this build does not know. */
export function columnOf(kind: string | null, key: string): CellColumn | null {
  if (!kind || !isDocKind(kind)) return null;
  return cellColumns(kind).find((c) => c.key === key) ?? null;
}

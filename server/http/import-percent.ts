/**
 * A percent sign in an imported indicator value (`import-rows.ts`). The normaliser reads `12 %`
 * as 12 in any number column (`percent-dropped`), which is right for a share; for an indicator
 * whose catalog row gives another unit of measure (`antal`, `antal per 1 000 invånare`, `år`),
 * the sign says the number is not what the row means, so the record is refused in words naming
 * the indicator's unit. An indicator the catalog does not know, or one without a unit, is read
 * as before: nothing says what the number should be.
 */
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { NormalizeHow } from '../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../shared/schema/index.js';
import type { Localized, RowValues } from '../../shared/schema/types.js';

/** The refusal code of a percent sign in a value whose indicator is not measured in percent. */
export const PERCENT_NOT_SHARE = 'percent-not-share';

/** A unit of measure that is a share in percent (`procent`, `procentenheter`, `%`, `percent`). */
export function isPercentUnit(unit: string): boolean {
  return /procent|percent|%/i.test(unit);
}

/**
 * Why a record's Värde with a percent sign cannot be stored, or null when it can (no sign, a
 * share, an indicator of unknown unit). `raw` is the Värde as written in the file.
 *
 * @example
 * percentRefusal({ indicator: 'vc-antal', value: 12 }, [['value', 'percent-dropped']], '12 %', defs)
 * // { sv: 'Värde: "12 %" har ett procenttecken, men Genomförda hälsosamtal mäts i antal …', en: … }
 */
export function percentRefusal(
  values: RowValues,
  how: readonly (readonly [string, NormalizeHow])[],
  raw: unknown,
  definitions: ReadonlyMap<string, IndicatorDefinition>,
): Localized | null {
  if (!how.some(([key, h]) => key === 'value' && h === 'percent-dropped')) return null;
  const def = typeof values.indicator === 'string' ? definitions.get(values.indicator) : undefined;
  const unit = def?.unitOfMeasure?.trim();
  if (!def || !unit || isPercentUnit(unit)) return null;
  const header = cellColumn('indicator-values', 'value')?.header ?? { sv: 'Värde', en: 'Value' };
  const typed = String(raw).trim();
  return {
    sv: `${header.sv}: "${typed}" har ett procenttecken, men ${def.name} mäts i ${unit} enligt indikatorkatalogen, inte i procent. Skriv talet utan procenttecken om det är ${unit}, eller rätta indikatorn.`,
    en: `${header.en}: "${typed}" has a percent sign, but the indicator catalog measures ${def.name} in ${unit}, not in percent. Write the number without the percent sign if it is in ${unit}, or correct the indicator.`,
  };
}

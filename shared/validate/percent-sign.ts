/**
 * A percent sign typed in an indicator value's number, one rule for every door (file import,
 * REST, the bound sheet). The normaliser reads `12 %` as 12 in any number column
 * (`percent-dropped`; a cell Excel keeps as 0.12 with a percent format is read as the 12 it
 * shows), which is right for a share. It changes what the number means elsewhere:
 * - in Värde, when the indicator catalog gives the indicator a unit of measure that is not a
 *   percent (`antal`, `antal per 1 000 invånare`, `år`): the sign says the number is not what
 *   the row means;
 * - in Täljare and Nämnare, which are counts (a share is their quotient), never a percentage.
 * Such a value is refused in words naming the column (and the indicator's unit); nothing is
 * stored. An indicator the catalog does not know, or one without a unit, is read as before:
 * nothing says what its number should be.
 */
import { cellColumn } from '../schema/index.js';
import type { DocKind, Localized, RowValues } from '../schema/types.js';

/** The refusal code of a percent sign where the number is not a percentage. */
export const PERCENT_NOT_SHARE = 'percent-not-share';

/** A unit of measure that is a share in percent (`procent`, `procentenheter`, `%`, `percent`). */
export function isPercentUnit(unit: string): boolean {
  return /procent|percent|%/i.test(unit);
}

/** What the catalog says of an indicator: its name (for the words) and its unit of measure (null: none given). */
export interface IndicatorUnit {
  name: string;
  unit?: string | null;
}

/** The indicator-values columns that hold counts (a share is their quotient). */
const COUNT_COLUMNS: ReadonlySet<string> = new Set(['numerator', 'denominator']);

function headerOf(key: string): Localized {
  return cellColumn('indicator-values', key)?.header ?? { sv: key, en: key };
}

/**
 * Why a percent sign typed in column `key` of an indicator-values row cannot be stored, or null
 * when it can (another kind or column, a share, an indicator of unknown unit). `values` are the
 * row's values as they will be (its indicator), `typed` the cell as written (`12 %`), `unitOf`
 * the catalog's word on an indicator id (undefined: not in the catalog).
 *
 * @example
 * percentSignRefusal('indicator-values', 'value', { indicator: 'vc-antal' }, '12 %', (id) => defs.get(id))
 * // { sv: 'Värde: "12 %" har ett procenttecken, men Genomförda hälsosamtal mäts i antal …', en: … }
 */
export function percentSignRefusal(
  kind: DocKind,
  key: string,
  values: RowValues,
  typed: string,
  unitOf: (indicator: string) => IndicatorUnit | undefined,
): Localized | null {
  if (kind !== 'indicator-values') return null;
  const header = headerOf(key);
  const shown = typed.trim();
  if (COUNT_COLUMNS.has(key)) {
    return {
      sv: `${header.sv}: "${shown}" har ett procenttecken, men ${header.sv.toLowerCase()}n är ett antal, inte en andel i procent. Skriv antalet utan procenttecken.`,
      en: `${header.en}: "${shown}" has a percent sign, but the ${header.en.toLowerCase()} is a count, not a share in percent. Write the count without the percent sign.`,
    };
  }
  if (key !== 'value') return null;
  const def = typeof values.indicator === 'string' ? unitOf(values.indicator) : undefined;
  const unit = def?.unit?.trim();
  if (!def || !unit || isPercentUnit(unit)) return null;
  return {
    sv: `${header.sv}: "${shown}" har ett procenttecken, men ${def.name} mäts i ${unit} enligt indikatorkatalogen, inte i procent. Skriv talet utan procenttecken om det är ${unit}, eller rätta indikatorn.`,
    en: `${header.en}: "${shown}" has a percent sign, but the indicator catalog measures ${def.name} in ${unit}, not in percent. Write the number without the percent sign if it is in ${unit}, or correct the indicator.`,
  };
}

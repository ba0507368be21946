/**
 * A percent sign in an imported indicator value (`import-rows.ts`), judged by the shared rule
 * of every door (`shared/validate/percent-sign.ts`): in Värde of an indicator the catalog
 * measures in another unit than percent, or in Täljare/Nämnare (counts), the record is refused
 * in words naming the column (and the indicator's unit).
 */
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { NormalizeHow } from '../../shared/normalize/normalize-cell.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import { percentSignRefusal } from '../../shared/validate/percent-sign.js';

export { PERCENT_NOT_SHARE, isPercentUnit } from '../../shared/validate/percent-sign.js';

/**
 * Why a record with a percent sign cannot be stored, or null when it can (no sign, a share, an
 * indicator of unknown unit). `raw(key)` is a column's cell as written in the file.
 *
 * @example
 * percentRefusal('indicator-values', { indicator: 'vc-antal', value: 12 }, [['value', 'percent-dropped']], () => '12 %', defs)
 * // { sv: 'Värde: "12 %" har ett procenttecken, men Genomförda hälsosamtal mäts i antal …', en: … }
 */
export function percentRefusal(
  kind: DocKind,
  values: RowValues,
  how: readonly (readonly [string, NormalizeHow])[],
  raw: (key: string) => unknown,
  definitions: ReadonlyMap<string, IndicatorDefinition> | undefined,
): Localized | null {
  for (const [key, h] of how) {
    if (h !== 'percent-dropped') continue;
    const refusal = percentSignRefusal(kind, key, values, String(raw(key) ?? ''), (id) => {
      const d = definitions?.get(id);
      return d ? { name: d.name, unit: d.unitOfMeasure } : undefined;
    });
    if (refusal) return refusal;
  }
  return null;
}

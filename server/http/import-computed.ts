/**
 * The computed Värde of an imported indicator value (`import-rows.ts`). Where a record gives both
 * täljare and nämnare, the value Samplan shows is computed from them (`effectiveValue`:
 * täljare / nämnare × the indicator's factor), and Samplan's own indicator export writes that
 * computed value, rounded, in its Värde column (`indicator-table-format.ts`). Storing it back as
 * if typed would leave a stale number that shows as soon as a part is removed, so such a Värde is
 * never stored: it is compared with the computed value, and a difference beyond the export's
 * rounding is reported in the import's summary (by the file's row, or record for JSON, and indicator) instead.
 */
import { ratioValue } from '../../shared/indicators/compute.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import type { Localized, RowValues } from '../../shared/schema/types.js';
import { fileRow, placeWords } from './import-warnings.js';
import { numberAsTyped, numberText } from '../../shared/i18n/number-words.js';

/**
 * How far a Värde may lie from täljare / nämnare × factor and still be the computed value: half a
 * unit of the export's last decimal (values are written with one decimal, `decimalsOf` in
 * `indicator-table-format.ts`), plus a little for binary floating point.
 */
export const EXPORT_ROUNDING = 0.05 + 1e-9;

/** A record whose Värde is not täljare / nämnare × factor: the Värde was not stored. */
export interface ImportValueDifference {
  /** 1-based record number in the file, counted as the summary's refusals are. */
  record: number;
  /** The file's row (sheet row for XLSX, line for CSV, header counted: `headerRow + record`); absent for JSON. */
  row?: number;
  /** The record's id column, if any. */
  rowId: string | null;
  indicator: string;
  unit: string | null;
  period: string | null;
  kon: string | null;
  /** The Värde of the file (not stored). */
  value: number;
  /** Täljare / nämnare × factor: the value the row stands for. */
  computed: number;
  /** The difference in words, Swedish and English. */
  message: Localized;
}

/** What {@link takeComputedValue} did with a record's Värde. */
export type ComputedValue =
  /** No Värde to take: a part missing, a nämnare of 0, or no Värde in the record; stored as given. */
  | { kind: 'kept' }
  /** The Värde is empty or the computed one (within the export's rounding); dropped. */
  | { kind: 'dropped' }
  /** The Värde differs from the computed one; dropped, to be reported. */
  | { kind: 'differs'; value: number; computed: number };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Takes the Värde out of `values` (an `indicator-values` record as normalised) when the record
 * gives both täljare and nämnare and they compute a value, with the factor of the record's
 * indicator in `definitions` (1 for an indicator the catalog does not know, as the table computes
 * it). For a record that updates a row, `stored` is the row's values: a part or the indicator
 * the record does not give is the row's. `values` is changed in place; the answer says whether the Värde agreed. An empty Värde
 * is dropped too: the row's stored Värde, if any, is left as it is.
 *
 * @example
 * const values = { indicator: 'far', numerator: 30, denominator: 60, value: 50 };
 * takeComputedValue(values, new Map([['far', { factor: 100 }]])); // { kind: 'dropped' }, values.value gone
 */
export function takeComputedValue(values: RowValues, definitions: ReadonlyMap<string, Pick<IndicatorDefinition, 'factor'>>, stored?: RowValues): ComputedValue {
  if (!('value' in values)) return { kind: 'kept' };
  // A record updating a row may give one part; the other is then the row's.
  const merged: RowValues = { ...stored, ...values };
  const indicator = typeof merged.indicator === 'string' ? merged.indicator : '';
  const computed = ratioValue(num(merged.numerator), num(merged.denominator), definitions.get(indicator)?.factor ?? 1);
  if (computed === null || !Number.isFinite(computed)) return { kind: 'kept' };
  const value = num(values.value);
  delete values.value;
  if (value === null || Math.abs(value - computed) <= EXPORT_ROUNDING) return { kind: 'dropped' };
  return { kind: 'differs', value, computed };
}

/**
 * The summary's entry for a record whose Värde differs (see {@link takeComputedValue}), its words led
 * by the record's place as the other entries are ("Rad 8 i filen", or "Post 4" for JSON: `headerRow`
 * undefined), so the person finds it in the sheet; the file's value with every digit it has, the
 * computed one to three decimals (`number-words.ts`).
 */
export function valueDifference(
  record: number,
  rowId: string | null,
  values: RowValues,
  found: { value: number; computed: number },
  headerRow: number | undefined,
): ImportValueDifference {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const indicator = str(values.indicator) ?? '';
  const unit = str(values.unit);
  const period = str(values.period);
  const kon = str(values.kon);
  const where = [indicator, unit, period, kon].filter((p) => p !== null && p !== '').join(', ');
  const { value, computed } = found;
  const place = placeWords(record, headerRow);
  const row = fileRow(record, headerRow);
  return {
    record,
    ...(row !== undefined ? { row } : {}),
    rowId,
    indicator,
    unit,
    period,
    kon,
    value,
    computed,
    message: {
      sv: `${place.sv} (${where}): Värde ${numberAsTyped(value, 'sv')} stämmer inte med täljare / nämnare, som ger ${numberText(computed, 'sv')}. Värdet räknas fram ur täljare och nämnare, så ${numberAsTyped(value, 'sv')} sparas inte; täljare och nämnare importeras.`,
      en: `${place.en} (${where}): Value ${numberAsTyped(value, 'en')} does not match numerator / denominator, which give ${numberText(computed, 'en')}. The value is computed from numerator and denominator, so ${numberAsTyped(value, 'en')} is not stored; numerator and denominator are imported.`,
    },
  };
}

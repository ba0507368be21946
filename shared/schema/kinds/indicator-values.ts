/** `indicator-values`: indicator values in long format, one row per indicator/unit/period/kön. */
import type { ColumnOption, KindDef } from '../types.js';
import { commentColumn } from './common.js';

/** Kön as in official Swedish statistics: T totalt, K kvinnor, M män. */
export const KON_OPTIONS = [
  { value: 'T', label: { sv: 'Totalt', en: 'Total' } },
  { value: 'K', label: { sv: 'Kvinnor', en: 'Women' } },
  { value: 'M', label: { sv: 'Män', en: 'Men' } },
] as const satisfies readonly ColumnOption[];

/** Whether a value may still change. */
export const VALUE_STATUSES = [
  { value: 'preliminar', label: { sv: 'Preliminär', en: 'Preliminary' } },
  { value: 'definitiv', label: { sv: 'Definitiv', en: 'Final' } },
] as const satisfies readonly ColumnOption[];

/** The indicator values' columns. `value` may be empty (null): "no value" is not zero. */
export const INDICATOR_VALUES: KindDef = {
  kind: 'indicator-values',
  title: { sv: 'Indikatorvärden', en: 'Indicator values' },
  schemaVersion: 1,
  columns: [
    {
      key: 'indicator',
      header: { sv: 'Indikator', en: 'Indicator' },
      type: 'indicator-ref',
      ref: 'indicator',
      required: true,
      maxLength: 64,
      width: 12,
      help: { sv: 'Välj indikator i listan (indikatorkatalogens namn).', en: 'Pick the indicator from the list (the names of the indicator catalog).' },
    },
    {
      key: 'unit',
      header: { sv: 'Enhet', en: 'Unit' },
      type: 'unit',
      ref: 'unit',
      required: true,
      maxLength: 64,
      width: 12,
      help: { sv: 'Välj enhet i listan: vårdcentral, kommun eller län.', en: 'Pick the unit from the list: clinic, municipality or county.' },
    },
    {
      key: 'period',
      header: { sv: 'Period', en: 'Period' },
      type: 'period',
      required: true,
      width: 10,
      help: { sv: 'Välj period i listan eller skriv den: 2025, 2025 kv 4, 2025 halvår 1 eller mars 2025.', en: 'Pick the period from the list or type it: 2025, 2025 Q4, 2025 H1 or March 2025.' },
    },
    {
      key: 'kon',
      header: { sv: 'Kön', en: 'Sex' },
      type: 'enum',
      options: KON_OPTIONS,
      required: true,
      width: 6,
      help: { sv: 'Välj Totalt, Kvinnor eller Män i listan.', en: 'Pick Total, Women or Men from the list.' },
    },
    {
      key: 'value',
      header: { sv: 'Värde', en: 'Value' },
      type: 'number',
      width: 10,
      help: { sv: 'Lämna tomt om värde saknas; tomt är inte noll.', en: 'Leave empty when there is no value; empty is not zero.' },
    },
    {
      key: 'numerator',
      header: { sv: 'Täljare', en: 'Numerator' },
      type: 'number',
      min: 0,
      width: 10,
      help: { sv: 'Täljarens värde.', en: 'Value of the numerator.' },
    },
    {
      key: 'denominator',
      header: { sv: 'Nämnare', en: 'Denominator' },
      type: 'number',
      min: 0,
      width: 10,
      help: { sv: 'Nämnarens värde.', en: 'Value of the denominator.' },
    },
    {
      key: 'status',
      header: { sv: 'Status', en: 'Status' },
      type: 'enum',
      options: VALUE_STATUSES,
      width: 12,
      help: { sv: 'Preliminär eller definitiv.', en: 'Preliminary or final.' },
    },
    {
      key: 'source',
      header: { sv: 'Källa', en: 'Source' },
      type: 'text',
      maxLength: 200,
      width: 20,
      help: { sv: 'Var värdet kommer ifrån.', en: 'Where the value comes from.' },
    },
    commentColumn(),
  ],
};

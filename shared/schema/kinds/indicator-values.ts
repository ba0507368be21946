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
      help: { sv: 'Id i indikatorkatalogen.', en: 'Id in the indicator catalog.' },
    },
    {
      key: 'unit',
      header: { sv: 'Enhet', en: 'Unit' },
      type: 'unit',
      ref: 'unit',
      required: true,
      maxLength: 64,
      width: 12,
      help: { sv: 'Enhetskod: vårdcentral, kommun eller län.', en: 'Unit code: clinic, municipality or county.' },
    },
    {
      key: 'period',
      header: { sv: 'Period', en: 'Period' },
      type: 'period',
      required: true,
      width: 10,
      help: { sv: 'ÅÅÅÅ, ÅÅÅÅQn (kvartal), ÅÅÅÅMM (månad) eller ÅÅÅÅSn (halvår).', en: 'yyyy, yyyyQn (quarter), yyyyMM (month) or yyyySn (half-year).' },
    },
    {
      key: 'kon',
      header: { sv: 'Kön', en: 'Sex' },
      type: 'enum',
      options: KON_OPTIONS,
      required: true,
      width: 6,
      help: { sv: 'T totalt, K kvinnor, M män.', en: 'T total, K women, M men.' },
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

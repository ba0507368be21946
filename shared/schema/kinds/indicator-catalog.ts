/** `indicator-catalog`: the definitions of the indicators a workspace follows. */
import { DIRECTIONS, INDICATOR_AREAS, TARGET_PERIODS } from '../../catalog/indicators.js';
import type { ColumnDef, KindDef } from '../types.js';
import { commentColumn } from './common.js';

function num(key: string, sv: string, en: string, helpSv: string, helpEn: string): ColumnDef {
  return { key, header: { sv, en }, type: 'number', width: 10, help: { sv: helpSv, en: helpEn } };
}

/** The indicator catalog's columns. `id` is the key `indicator-ref` columns point at. */
export const INDICATOR_CATALOG: KindDef = {
  kind: 'indicator-catalog',
  title: { sv: 'Indikatorkatalog', en: 'Indicator catalog' },
  schemaVersion: 1,
  columns: [
    {
      key: 'id',
      header: { sv: 'Id', en: 'Id' },
      type: 'text',
      lookedUp: true,
      required: true,
      maxLength: 64,
      width: 10,
      help: {
        sv: 'Indikatorns id i arbetsytan (t.ex. sfh-01). Egna id:n, inte officiella koder.',
        en: 'The indicator id in the workspace (e.g. sfh-01). Local ids, not official codes.',
      },
    },
    {
      key: 'name',
      header: { sv: 'Namn', en: 'Name' },
      type: 'text',
      lookedUp: true,
      required: true,
      maxLength: 400,
      width: 40,
      help: { sv: 'Indikatorns namn eller mål.', en: 'The indicator name or goal.' },
    },
    {
      key: 'area',
      header: { sv: 'Målområde', en: 'Area' },
      type: 'enum',
      options: INDICATOR_AREAS,
      required: true,
      width: 20,
      help: { sv: 'Ett av de tre målområdena.', en: 'One of the three areas.' },
    },
    {
      key: 'unitOfMeasure',
      header: { sv: 'Måttenhet', en: 'Unit of measure' },
      type: 'text',
      maxLength: 40,
      width: 12,
      help: { sv: 'T.ex. procent, antal per 1 000 invånare, år.', en: 'E.g. percent, number per 1,000 residents, years.' },
    },
    {
      key: 'numerator',
      header: { sv: 'Täljare', en: 'Numerator' },
      type: 'longtext',
      maxLength: 2000,
      width: 30,
      help: { sv: 'Vad som räknas i täljaren.', en: 'What is counted in the numerator.' },
    },
    {
      key: 'denominator',
      header: { sv: 'Nämnare', en: 'Denominator' },
      type: 'longtext',
      maxLength: 2000,
      width: 30,
      help: { sv: 'Vad som räknas i nämnaren.', en: 'What is counted in the denominator.' },
    },
    num('factor', 'Faktor', 'Factor', 'Täljare/nämnare gånger faktorn, t.ex. 100 för procent.', 'Numerator/denominator times the factor, e.g. 100 for percent.'),
    {
      key: 'direction',
      header: { sv: 'Riktning', en: 'Direction' },
      type: 'enum',
      options: DIRECTIONS,
      required: true,
      width: 14,
      help: { sv: 'Om högre eller lägre värden är bättre.', en: 'Whether higher or lower values are better.' },
    },
    num('baseline', 'Utgångsvärde', 'Baseline', 'Värdet när arbetet började.', 'The value when the work began.'),
    num('target', 'Målvärde', 'Target', 'Värdet ni vill nå.', 'The value you aim for.'),
    {
      key: 'targetPeriod',
      header: { sv: 'Målvärdet gäller per', en: 'Target per' },
      type: 'enum',
      options: TARGET_PERIODS,
      width: 12,
      help: {
        sv: 'För antal: vilken period målvärdet gäller (tomt = per år). En del av året jämförs med målet i proportion till månaderna hittills i år. Andelar jämförs som de är.',
        en: 'For counts: the period the target is set for (empty = per year). Part of a year is compared with the target in proportion to the months so far this year. Shares are compared as they are.',
      },
    },
    num('min', 'Minsta värde', 'Minimum', 'Lägsta rimliga värde; lägre rapporteras som problem.', 'Lowest plausible value; lower values are reported.'),
    num('max', 'Högsta värde', 'Maximum', 'Högsta rimliga värde; högre rapporteras som problem.', 'Highest plausible value; higher values are reported.'),
    {
      key: 'source',
      header: { sv: 'Källa', en: 'Source' },
      type: 'text',
      maxLength: 200,
      width: 20,
      help: { sv: 'Var värdena hämtas.', en: 'Where the values come from.' },
    },
    commentColumn(),
  ],
};

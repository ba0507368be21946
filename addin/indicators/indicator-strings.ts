/**
 * The words of the indicator elements (pull dialog, indicator list), Swedish first. Kept beside
 * them so the pane's own string table stays the workbench's chrome.
 */
import type { Lang } from './pulled-layout.js';

const sv = {
  'pull.title': 'Hämta indikatortabell',
  'pull.intro': 'Välj indikatorer, enheter och perioder. Tabellen blir skrivskyddad och uppdateras när värdena ändras.',
  'pull.indicators': 'Indikatorer',
  'pull.units': 'Enheter',
  'pull.periods': 'Perioder',
  'pull.kon': 'Kön',
  'pull.all': 'Alla',
  'pull.none': 'Inga',
  'pull.submit': 'Hämta tabell',
  'pull.cancel': 'Avbryt',
  'pull.incomplete': 'Välj minst en i varje lista.',
  'pull.loading': 'Hämtar indikatorer…',
  'pull.failed': 'Indikatorerna gick inte att hämta.',
  'pull.empty': 'Inget att välja.',
  'list.title': 'Indikatorer',
  'list.empty': 'Inga indikatorer i katalogen.',
  'list.latest': 'Senaste',
  'list.noValue': 'Inget värde',
  'list.target': 'Mål',
  'list.noTarget': 'Inget mål',
  'chart.target': 'Mål',
  'chart.empty': 'Inga värden',
  'view.unit': 'Enhet',
  'view.allUnits': 'Alla enheter (sammanvägt)',
  'kon.T': 'Totalt',
  'kon.K': 'Kvinnor',
  'kon.M': 'Män',
};

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'pull.title': 'Pull indicator table',
  'pull.intro': 'Choose indicators, units and periods. The table is read-only and updates when the values change.',
  'pull.indicators': 'Indicators',
  'pull.units': 'Units',
  'pull.periods': 'Periods',
  'pull.kon': 'Sex',
  'pull.all': 'All',
  'pull.none': 'None',
  'pull.submit': 'Pull table',
  'pull.cancel': 'Cancel',
  'pull.incomplete': 'Choose at least one in each list.',
  'pull.loading': 'Loading indicators…',
  'pull.failed': 'The indicators could not be loaded.',
  'pull.empty': 'Nothing to choose.',
  'list.title': 'Indicators',
  'list.empty': 'No indicators in the catalog.',
  'list.latest': 'Latest',
  'list.noValue': 'No value',
  'list.target': 'Target',
  'list.noTarget': 'No target',
  'chart.target': 'Target',
  'chart.empty': 'No values',
  'view.unit': 'Unit',
  'view.allUnits': 'All units (pooled)',
  'kon.T': 'Total',
  'kon.K': 'Women',
  'kon.M': 'Men',
};

/** A word of the indicator elements. */
export function word(key: Key, lang: Lang): string {
  return (lang === 'sv' ? sv : en)[key];
}


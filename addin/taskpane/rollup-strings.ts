/**
 * The words of the Länssammanställning (county roll-up) view, Swedish and English. Status words
 * follow the styrgrupp report (uppnått, på väg, ej på väg). Kept apart from `strings.ts` so the
 * view is a file of its own.
 */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import type { Lang } from './strings.js';
import { isSingular } from './plural-forms.js';

const SV = {
  'rollup.signIn': 'Logga in för att se länssammanställningen.',
  'rollup.loading': 'Hämtar länssammanställningen …',
  'rollup.show': 'Visa',
  'rollup.rounds': 'Uppföljningsomgångar',
  'rollup.periods': 'Perioder {year}',
  'rollup.activities': 'Aktiviteter',
  // An activity counts in the period of its end date, else of its start date (`shared/rounds/coverage.ts`).
  'rollup.noActivities': 'Ingen aktivitet hör till perioden: en aktivitet räknas till perioden då den slutar (utan slutdatum: då den börjar).',
  'rollup.activitiesNotAsked': 'Omgången följer inte upp aktiviteter.',
  'rollup.unit': 'Enhet',
  // Soft hyphens: in a narrow pane a header breaks as "Plane-/rade", never mid-syllable.
  'rollup.planned': 'Plane\u00ADrade',
  'rollup.held': 'Genom\u00ADförda',
  'rollup.participants': 'Delta\u00ADgare plane\u00ADrat / nådda',
  'rollup.far': 'FaR (fysisk aktivitet på recept)',
  'rollup.prescribed': 'För\u00ADskrivna',
  'rollup.followedUp': 'Uppföljda efter ca 6 mån',
  'rollup.share': 'Andel',
  'rollup.indicators': 'Indikatorer mot mål',
  'rollup.noIndicators': 'Inga indikatorvärden för perioden.',
  'rollup.value': 'Värde',
  'rollup.against': 'Mot mål',
  'rollup.status': 'Status',
  'rollup.county': 'Hela länet',
  // The noun agrees with the count after "av": "1 av 1 enhet", "1 av 3 enheter" (`reachedWords`).
  'rollup.reached': '{reached} av {withValue} enheter har nått målet',
  'rollup.reachedOfOne': '{reached} av {withValue} enhet har nått målet',
  'rollup.ytd': '{compared} hittills i år mot {target}',
  'rollup.plain': 'mål {target}',
  'rollup.rule': 'Andelar jämförs med målet som de är. Antal har ett mål per år och jämförs i proportion: summan hittills i år mot målet × månader med värde ÷ 12 (kv 2 mot halva årsmålet, hela året mot hela målet).',
  'rollup.open': 'Öppna enhetens aktivitetsplan',
  'rollup.noDocument': '{unit} har ingen aktivitetsplan att öppna.',
  'rollup.missing': 'saknas',
  'status.uppnatt': 'uppnått',
  'status.pa-vag': 'på väg',
  'status.ej-pa-vag': 'ej på väg',
} as const;

/** A key of the view's words. */
export type RollupKey = keyof typeof SV;

const EN: Record<RollupKey, string> = {
  'rollup.signIn': 'Sign in to see the county roll-up.',
  'rollup.loading': 'Loading the county roll-up …',
  'rollup.show': 'Show',
  'rollup.rounds': 'Follow-up rounds',
  'rollup.periods': 'Periods {year}',
  'rollup.activities': 'Activities',
  'rollup.noActivities': 'No activity falls in the period: an activity counts in the period it ends in (without an end date: the one it starts in).',
  'rollup.activitiesNotAsked': 'The round does not follow up activities.',
  'rollup.unit': 'Unit',
  'rollup.planned': 'Planned',
  'rollup.held': 'Held',
  'rollup.participants': 'Partici\u00ADpants planned / reached',
  'rollup.far': 'FaR (physical activity on prescription)',
  'rollup.prescribed': 'Prescribed',
  'rollup.followedUp': 'Followed up after ~6 months',
  'rollup.share': 'Share',
  'rollup.indicators': 'Indicators against target',
  'rollup.noIndicators': 'No indicator values for the period.',
  'rollup.value': 'Value',
  'rollup.against': 'Against target',
  'rollup.status': 'Status',
  'rollup.county': 'The whole county',
  'rollup.reached': '{reached} of {withValue} units reached the target',
  'rollup.reachedOfOne': '{reached} of {withValue} unit reached the target',
  'rollup.ytd': '{compared} so far this year against {target}',
  'rollup.plain': 'target {target}',
  'rollup.rule': 'Shares are compared with the target as they are. Counts have a target per year and are compared pro rata: the sum so far this year against the target × months with a value ÷ 12 (Q2 against half the annual target, the year against the full target).',
  'rollup.open': "Open the unit's activity plan",
  'rollup.noDocument': '{unit} has no activity plan to open.',
  'rollup.missing': 'missing',
  'status.uppnatt': 'reached',
  'status.pa-vag': 'on the way',
  'status.ej-pa-vag': 'not on the way',
};

/**
 * The words for `key` in `lang`, with their `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const lstr = messageLookup(SV, EN);

/**
 * How many of the units with a value reached the target, in words that agree with their count
 * ("0 av 1 enhet har nått målet", "2 av 3 enheter …"), or null when no unit has a value: "0 av 0
 * enheter" says nothing the missing value does not.
 */
export function reachedWords(units: { reached: number; withValue: number }, lang: Lang): string | null {
  if (units.withValue === 0) return null;
  return lstr(isSingular(units.withValue, lang) ? 'rollup.reachedOfOne' : 'rollup.reached', lang, units);
}

/** The words of the round form in the Follow-up view, Swedish and English. */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import { isSingular } from './plural-forms.js';
import type { Lang } from './strings.js';
import { EXPECTED_UNITS_RULE } from '../../shared/rounds/levels.js';

const SV = {
  'form.new': 'Ny uppföljningsomgång',
  'form.title': 'Rubrik',
  'form.titleExample': 't.ex. 2026 kv 1',
  'form.period': 'Period',
  'form.due': 'Sista dag att rapportera',
  'form.indicators': 'Indikatorer per nivå',
  'form.levelOne': 'Nivå {level}: {name}',
  'form.levelMany': 'Nivå {level}: {name} och {more} till',
  // "1 vald", "0 valda", "3 valda" (`chosenWords`).
  'form.chosen': '{count} valda',
  'form.chosenOne': '{count} vald',
  'form.loadingCatalog': 'Hämtar indikatorkatalogen …',
  'form.noCatalog': 'Arbetsytan har ingen indikatorkatalog; omgången kan ändå följa upp aktiviteterna.',
  'form.activities': 'Aktiviteternas utfall (genomförd eller inställd, deltagare nådda) för aktiviteter som slutar under perioden',
  'form.units': EXPECTED_UNITS_RULE.sv,
  'form.save': 'Lägg upp omgången',
  'form.saveInterim': 'Lägg upp som delavstämning',
  'form.cancel': 'Avbryt',
  'form.needTitle': 'Skriv en rubrik för omgången, t.ex. ”2026 kv 1”.',
  'form.needDue': 'Välj sista dag att rapportera.',
  'form.needSomething': 'Välj minst en indikator eller aktiviteternas utfall.',
} as const;

/** A key of the form's words. */
export type FormKey = keyof typeof SV;

const EN: Record<FormKey, string> = {
  'form.new': 'New follow-up round',
  'form.title': 'Title',
  'form.titleExample': 'e.g. 2026 Q1',
  'form.period': 'Period',
  'form.due': 'Last day to report',
  'form.indicators': 'Indicators per level',
  'form.levelOne': 'Level {level}: {name}',
  'form.levelMany': 'Level {level}: {name} and {more} more',
  'form.chosen': '{count} chosen',
  'form.chosenOne': '{count} chosen',
  'form.loadingCatalog': 'Loading the indicator catalog …',
  'form.noCatalog': 'The workspace has no indicator catalog; the round can still follow up the activities.',
  'form.activities': "The activities' outcome (held or cancelled, participants reached) for activities ending in the period",
  'form.units': EXPECTED_UNITS_RULE.en,
  'form.save': 'Define the round',
  'form.saveInterim': 'Define as an interim round',
  'form.cancel': 'Cancel',
  'form.needTitle': 'Write a title for the round, e.g. "2026 Q1".',
  'form.needDue': 'Choose the last day to report.',
  'form.needSomething': "Choose at least one indicator or the activities' outcome.",
};

/**
 * The words for `key` in `lang`, with their `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const fstr = messageLookup(SV, EN);

/** How many indicators are chosen, the participle agreeing with the count: "1 vald", "3 valda". */
export const chosenWords = (count: number, lang: Lang): string => fstr(isSingular(count, lang) ? 'form.chosenOne' : 'form.chosen', lang, { count });

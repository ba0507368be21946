/**
 * The words of the Handlingsplan view (the action plan under the four perspectives of seed 003
 * and the county's self-assessment on the scale of seed 002) and the Årshjul view, Swedish and
 * English. The question and the four steps are not here: they are seed 002's own words, kept in
 * `shared/i18n/report-words.ts` and `shared/catalog/maturity.ts` for the report as well.
 */
import { messageLookup } from '../../shared/i18n/message-lookup.js';

const SV = {
  'plan.loading': 'Hämtar handlingsplanen …',
  'plan.signIn': 'Logga in för att se handlingsplanen.',
  'plan.none': 'Arbetsytan har ingen handlingsplan ännu.',
  'plan.choose': 'Handlingsplan',
  'plan.perspectives': 'Åtgärder per perspektiv',
  'plan.noPerspective': 'Utan perspektiv',
  'plan.emptyGroup': 'Inga åtgärder under perspektivet ännu.',
  'plan.count': '{n} st',
  'plan.rowNotShown': 'Raden kunde inte visas i bladet. Öppna dokumentet i Excel och försök igen.',
  'maturity.round': 'Omgång',
  'maturity.comment': 'Kommentar (valfri)',
  'maturity.save': 'Spara placering',
  'maturity.saved': 'Placeringen är sparad.',
  'maturity.pick': 'Välj ett steg först.',
  'maturity.readOnly': 'Samordnare och administratörer placerar länet; du ser placeringen och dess historik.',
  'maturity.history': 'Historik',
  'maturity.noHistory': 'Länet är inte placerat i den här omgången ännu.',
  'maturity.noRounds': 'Inga uppföljningsomgångar ännu; placeringen görs per omgång.',
  'maturity.step': 'Steg {step}',
  'year.loading': 'Hämtar årshjulet …',
  'year.signIn': 'Logga in för att se årshjulet.',
  'year.title': 'Årshjul {year}',
  'year.prev': 'Föregående år',
  'year.next': 'Nästa år',
  'year.type': 'Aktivitetstyp',
  'year.unit': 'Enhet',
  'year.all': 'Alla',
  'year.months': 'Månader',
  'year.activities': '{n} aktiviteter',
  'year.activity': '1 aktivitet',
  'year.dues': '{n} sista dagar',
  'year.oneDue': '1 sista dag',
  'year.emptyMonth': 'Inget planerat och ingen sista dag.',
  'year.due': 'Sista dag för {title}: {date}',
  'year.legend': 'Aktivitetstyper i hjulet',
  'year.wheelHint': 'Klicka på en månad i hjulet eller välj den i listan.',
  'year.dueMark': 'sista dag för en uppföljningsomgång',
} as const;

const EN: Record<keyof typeof SV, string> = {
  'plan.loading': 'Loading the action plan …',
  'plan.signIn': 'Sign in to see the action plan.',
  'plan.none': 'The workspace has no action plan yet.',
  'plan.choose': 'Action plan',
  'plan.perspectives': 'Measures by perspective',
  'plan.noPerspective': 'No perspective',
  'plan.emptyGroup': 'No measures under this perspective yet.',
  'plan.count': '{n}',
  'plan.rowNotShown': 'The row could not be shown in the sheet. Open the document in Excel and try again.',
  'maturity.round': 'Round',
  'maturity.comment': 'Comment (optional)',
  'maturity.save': 'Save placement',
  'maturity.saved': 'The placement is saved.',
  'maturity.pick': 'Choose a step first.',
  'maturity.readOnly': 'Coordinators and admins place the county; you see the placement and its history.',
  'maturity.history': 'History',
  'maturity.noHistory': 'The county is not placed in this round yet.',
  'maturity.noRounds': 'No follow-up rounds yet; the placement is made per round.',
  'maturity.step': 'Step {step}',
  'year.loading': 'Loading the year wheel …',
  'year.signIn': 'Sign in to see the year wheel.',
  'year.title': 'Year wheel {year}',
  'year.prev': 'Previous year',
  'year.next': 'Next year',
  'year.type': 'Activity type',
  'year.unit': 'Unit',
  'year.all': 'All',
  'year.months': 'Months',
  'year.activities': '{n} activities',
  'year.activity': '1 activity',
  'year.dues': '{n} due dates',
  'year.oneDue': '1 due date',
  'year.emptyMonth': 'Nothing planned and nothing due.',
  'year.due': 'Due for {title}: {date}',
  'year.legend': 'Activity types on the wheel',
  'year.wheelHint': 'Click a month on the wheel or choose it in the list.',
  'year.dueMark': 'due date of a follow-up round',
};

/** A key of these words. */
export type PlanKey = keyof typeof SV;

/**
 * The words for `key` in `lang`, with their `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const pstr = messageLookup(SV, EN);

/**
 * The words of the Follow-up view (rounds), Swedish and English. The status words are those of
 * follow-up model (ej påbörjad, pågår, inskickad, godkänd, återsänd) as the server and
 * the styrgrupp report use them. Kept apart from `strings.ts` so the view is a file of its own.
 */
import type { RoundStatus } from '../../shared/rounds/model.js';
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import { isSingular } from './plural-forms.js';
import type { Lang } from './strings.js';

const SV = {
  'rounds.empty': 'Inga uppföljningsomgångar ännu. En samordnare lägger till dem.',
  'rounds.signIn': 'Logga in för att se uppföljningen.',
  'rounds.loading': 'Hämtar uppföljningen …',
  'rounds.unit': 'Enhet',
  'rounds.due': 'sista dag {date}',
  'rounds.overdue': 'försenad',
  // The noun agrees with the count expected: "1/1 värde", "0/2 värden" (`valuesWords`).
  'rounds.values': '{present}/{expected} värden',
  'rounds.valuesOfOne': '{present}/{expected} värde',
  'rounds.submit': 'Skicka in',
  'rounds.approve': 'Godkänn',
  'rounds.return': 'Skicka tillbaka',
  'rounds.reopen': 'Öppna för ändring',
  'rounds.reason': 'Motivering',
  'rounds.needReason': 'Skriv en motivering först.',
  'rounds.confirm': 'Bekräfta',
  'rounds.cancel': 'Avbryt',
  // A soft hyphen: in a narrow pane the button breaks as "Styrgrupps-/rapport", never mid-syllable.
  'rounds.report': 'Styrgrupps\u00ADrapport',
  'rounds.popupBlocked': 'Rapporten kunde inte öppnas i ett nytt fönster.',
  'rounds.returned': 'Återsänd: {reason}',
  'rounds.showMissing': 'Visa det som saknas ({count})',
  'rounds.closed': 'Stängd',
  'rounds.interim': 'Delavstämning',
  'rounds.interimWhy': 'Sista dagen ligger inom perioden: siffrorna gäller en del av perioden, inte den slutliga uppföljningen.',
  'rounds.close': 'Stäng omgången',
  'rounds.reopenRound': 'Öppna omgången igen',
  'rounds.closeAsk': 'Stänga omgången {round}? Ingen enhet kan sedan skicka in eller ändra sina värden i omgången. Du kan öppna den igen.',
  'rounds.reopenAsk': 'Öppna omgången {round} igen? Enheterna kan då skicka in och ändra sina värden i omgången igen.',
  'rounds.closedNote': 'Omgången är stängd ({at}); inget kan skickas in eller ändras i den.',
  'rounds.closureReason': 'Motivering (valfri)',
  'rounds.closedWhy': 'Motivering: {reason}',
  'pull.title': 'Hämta uppföljningstabell',
  'pull.table': 'Tabell',
  'pull.completeness': 'Fullständighet',
  'pull.rollup': 'Länssammanställning',
  'pull.round': 'Omgång',
  'pull.go': 'Hämta',
  'pull.loading': 'Hämtar {table} för {round} …',
  'pull.done': 'Hämtad till bladet "{sheet}": {rows} rader. Tabellen uppdateras när en enhet skickar in, godkänns eller ett värde ändras.',
  'pull.doneOne': 'Hämtad till bladet "{sheet}": {rows} rad. Tabellen uppdateras när en enhet skickar in, godkänns eller ett värde ändras.',
  'pull.live': '{sheet} – senast uppdaterad {time}',
  'pull.noExcel': 'Öppna tillägget i Excel för att hämta tabeller till arbetsboken.',
  'pull.noRounds': 'Inga uppföljningsomgångar att hämta ännu.',
  'pull.failed': 'Tabellen kunde inte hämtas: {reason}',
  'pull.updateFailed': 'Tabellen "{sheet}" kunde inte uppdateras ({reason}); ett nytt försök görs strax.',
  'pull.protectedAgain': 'Bladet "{sheet}" är skyddat igen; tabellen skrivs om från Samplan.',
  'pull.unprotected': 'Bladet "{sheet}" är inte längre skyddat. Tabellen där är Samplans kopia: det du skriver i den skrivs över när tabellen uppdateras nästa gång, och bladet skyddas då igen. Skriv dina egna siffror utanför tabellen eller på ett annat blad.',
  'pull.stopped': 'Tabellen "{sheet}" uppdateras inte längre och visar det som gällde senast: {reason}',
  'pull.badAnswer': 'servern svarade med något som inte går att läsa som en uppföljningstabell',
  'status.ej-paborjad': 'ej påbörjad',
  'status.pagar': 'pågår',
  'status.inskickad': 'inskickad',
  'status.godkand': 'godkänd',
  'status.atersand': 'återsänd',
} as const;

const EN: Record<keyof typeof SV, string> = {
  'rounds.empty': 'No follow-up rounds yet. A coordinator adds them.',
  'rounds.signIn': 'Sign in to see the follow-up.',
  'rounds.loading': 'Loading the follow-up …',
  'rounds.unit': 'Unit',
  'rounds.due': 'due {date}',
  'rounds.overdue': 'overdue',
  'rounds.values': '{present}/{expected} values',
  'rounds.valuesOfOne': '{present}/{expected} value',
  'rounds.submit': 'Submit',
  'rounds.approve': 'Approve',
  'rounds.return': 'Send back',
  'rounds.reopen': 'Reopen for changes',
  'rounds.reason': 'Reason',
  'rounds.needReason': 'Write a reason first.',
  'rounds.confirm': 'Confirm',
  'rounds.cancel': 'Cancel',
  'rounds.report': 'Steering group report',
  'rounds.popupBlocked': 'The report could not be opened in a new window.',
  'rounds.returned': 'Sent back: {reason}',
  'rounds.showMissing': 'Show what is missing ({count})',
  'rounds.closed': 'Closed',
  'rounds.interim': 'Interim',
  'rounds.interimWhy': 'Its due date lies inside the period: the figures are of part of the period, not the final follow-up.',
  'rounds.close': 'Close the round',
  'rounds.reopenRound': 'Reopen the round',
  'rounds.closeAsk': 'Close the round {round}? No unit can then submit or change its figures in the round. You can reopen it.',
  'rounds.reopenAsk': 'Reopen the round {round}? The units can then submit and change their figures in the round again.',
  'rounds.closedNote': 'The round is closed ({at}); nothing can be submitted or changed in it.',
  'rounds.closureReason': 'Reason (optional)',
  'rounds.closedWhy': 'Reason: {reason}',
  'pull.title': 'Pull a follow-up table',
  'pull.table': 'Table',
  'pull.completeness': 'Completeness',
  'pull.rollup': 'County roll-up',
  'pull.round': 'Round',
  'pull.go': 'Pull',
  'pull.loading': 'Pulling {table} for {round} …',
  'pull.done': 'Pulled to the sheet "{sheet}": {rows} rows. The table updates when a unit submits, is approved or a value changes.',
  'pull.doneOne': 'Pulled to the sheet "{sheet}": {rows} row. The table updates when a unit submits, is approved or a value changes.',
  'pull.live': '{sheet} – last updated {time}',
  'pull.noExcel': 'Open the add-in in Excel to pull tables into the workbook.',
  'pull.noRounds': 'No follow-up rounds to pull yet.',
  'pull.failed': 'The table could not be pulled: {reason}',
  'pull.updateFailed': 'The table "{sheet}" could not be updated ({reason}); it is tried again shortly.',
  'pull.protectedAgain': 'Sheet "{sheet}" is protected again; the table is written anew from Samplan.',
  'pull.unprotected': 'Sheet "{sheet}" is no longer protected. The table there is Samplan\'s copy: what you type in it is overwritten the next time the table is updated, and the sheet is protected again then. Put your own figures outside the table or on another sheet.',
  'pull.stopped': 'The table "{sheet}" is no longer updated and shows what held last: {reason}',
  'pull.badAnswer': 'the server answered with something that cannot be read as a follow-up table',
  'status.ej-paborjad': 'not started',
  'status.pagar': 'in progress',
  'status.inskickad': 'submitted',
  'status.godkand': 'approved',
  'status.atersand': 'sent back',
};

/** A key of these words. */
export type RoundsKey = keyof typeof SV;

/**
 * The words for `key` in `lang`, with their `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const rstr = messageLookup(SV, EN);

/** A unit's values reported of those expected, the noun agreeing with the count expected: "1/1 värde", "0/2 värden". */
export const valuesWords = (present: number, expected: number, lang: Lang): string =>
  rstr(isSingular(expected, lang) ? 'rounds.valuesOfOne' : 'rounds.values', lang, { present, expected });

/** What a pulled table's line says once it is on `sheet` with `rows` rows, the noun agreeing: "1 rad", "2 rader". */
export const pulledWords = (sheet: string, rows: number, lang: Lang): string => rstr(isSingular(rows, lang) ? 'pull.doneOne' : 'pull.done', lang, { sheet, rows });

/** The word for a status in `lang`. */
export const statusWord = (status: RoundStatus, lang: Lang): string => rstr(`status.${status}`, lang);

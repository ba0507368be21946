/**
 * The pane's own words, in Swedish (the default) and English. Domain words (column headers,
 * kind titles, problem messages) come from `shared/`; these are the workbench's chrome.
 */
import type { Lang } from '../../shared/i18n/t.js';

/** The two UI languages (defined in `shared/i18n`). */
export type { Lang } from '../../shared/i18n/t.js';

const sv = {
  'app.title': 'Samplan',
  'activity.explorer': 'Utforskaren',
  'activity.problems': 'Problem',
  'activity.people': 'Personer',
  'activity.comments': 'Kommentarer',
  'activity.history': 'Historik',
  'activity.members': 'Medlemmar',
  'activity.rounds': 'Uppföljning',
  'activity.label': 'Vyer',
  'signin.title': 'Logga in på Samplan',
  'signin.intro': 'Ange adressen till Samplan-servern och din åtkomstnyckel.',
  'signin.server': 'Serveradress',
  'signin.token': 'Åtkomstnyckel',
  'signin.submit': 'Logga in',
  'signin.busy': 'Loggar in…',
  'error.unauthorized': 'Åtkomstnyckeln stämmer inte. Kontrollera att du har kopierat hela nyckeln.',
  'error.expired': 'Din åtkomstnyckel har gått ut. Be din administratör om en ny.',
  'error.revoked': 'Din åtkomstnyckel har dragits tillbaka. Be din administratör om en ny.',
  'error.unreachable': 'Servern svarar inte. Kontrollera adressen och din internetanslutning.',
  'error.forbidden': 'Din roll tillåter inte det här.',
  'error.notFound': 'Det du sökte finns inte längre.',
  'error.server': 'Något gick fel på servern. Försök igen om en stund.',
  'error.badUrl': 'Serveradressen ska börja med http:// eller https://.',
  'error.emptyToken': 'Fyll i din åtkomstnyckel.',
  'explorer.workspaces': 'Arbetsytor',
  'explorer.documents': 'Dokument',
  'explorer.empty': 'Inga dokument ännu.',
  'explorer.loading': 'Hämtar…',
  'explorer.open': 'Öppna',
  'explorer.opened': 'Öppet',
  'explorer.new': 'Nytt från mall',
  'template.activity-plan': 'Aktivitetsplan för min mottagning',
  'template.partners': 'Samverkansaktörer',
  'template.indicator-values': 'Indikatorblad',
  'problems.empty': 'Inga problem. Bra jobbat!',
  'problems.error': 'Fel',
  'problems.warning': 'Varning',
  'problems.info': 'Information',
  'problems.row': 'rad',
  'people.empty': 'Ingen annan är här just nu.',
  'people.noDocument': 'Öppna ett dokument för att se vilka som arbetar i det.',
  'people.you': 'du',
  'people.row': 'rad {row}',
  'people.showRow': 'Visa raden där {name} är',
  'people.rowGone': 'Raden där {name} är finns inte i bladet just nu.',
  'history.noDocument': 'Öppna ett dokument för att se dess historik.',
  'history.empty': 'Inga ändringar ännu.',
  'history.open': 'Visa',
  'history.restore': 'Återställ som ny ändring',
  'history.restored': 'Version {seq} återställd som en ny ändring.',
  'history.version': 'Version {seq}',
  'history.close': 'Stäng',
  'palette.placeholder': 'Skriv ett kommando…',
  'palette.label': 'Kommandopalett',
  'palette.none': 'Inga kommandon matchar.',
  'cmd.open': 'Öppna dokument: {title}',
  'cmd.new': 'Nytt från mall: {template}',
  'cmd.pull': 'Hämta indikatortabell',
  'cmd.adopt': 'Gör till delat dokument (bladet med markeringen)',
  'cmd.exportXlsx': 'Exportera till Excel-arbetsbok (.xlsx)',
  'cmd.exportCsv': 'Exportera CSV för svensk Excel (semikolon)',
  'cmd.nextProblem': 'Gå till nästa problem',
  'cmd.language': 'Byt språk (English)',
  'cmd.signOut': 'Logga ut',
  'status.online': 'Ansluten',
  'status.offline': 'Frånkopplad',
  'status.connecting': 'Ansluter…',
  'status.reconnecting': 'Återansluter…',
  'status.refused': 'Stoppad',
  'status.kept': 'Dina ändringar finns kvar här.',
  'status.retry': 'Försök igen',
  'status.idle': 'Inget dokument öppet',
  'status.pending': '{count} ej synkade',
  'status.problems': '{count} problem',
  'role.admin': 'administratör',
  'role.coordinator': 'samordnare',
  'role.editor': 'redigerare',
  'role.viewer': 'läsare',
  'doc.readOnly': 'Skrivskyddat: din roll får bara läsa.',
  'doc.noIndicators': 'Arbetsytan har inget indikatorblad ännu.',
  'doc.noProblems': 'Det finns inga problem att gå till.',
  'doc.noDocument': 'Öppna ett dokument först.',
  'doc.excelMissing': 'Excel är inte tillgängligt här; dokumentet kan inte kopplas till ett blad.',
  'doc.bindFailed': 'Dokumentet kunde inte kopplas till ett blad: {reason}',
  'doc.created': 'Skapade {title}.',
  'doc.adopted': 'Bladet är nu {title}, delat och kopplat. Originalet finns kvar i bladet {sheet}.',
  'doc.pulled': 'Indikatortabellen finns på bladet {sheet} och hålls uppdaterad.',
} as const;

/** A key of the pane's strings. */
export type StringKey = keyof typeof sv;

const en: Record<StringKey, string> = {
  'app.title': 'Samplan',
  'activity.explorer': 'Explorer',
  'activity.problems': 'Problems',
  'activity.people': 'People',
  'activity.comments': 'Comments',
  'activity.history': 'History',
  'activity.members': 'Members',
  'activity.rounds': 'Follow-up',
  'activity.label': 'Views',
  'signin.title': 'Sign in to Samplan',
  'signin.intro': 'Enter the address of the Samplan server and your access token.',
  'signin.server': 'Server address',
  'signin.token': 'Access token',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'error.unauthorized': 'The access token is not right. Check that you copied all of it.',
  'error.expired': 'Your access token has expired. Ask your administrator for a new one.',
  'error.revoked': 'Your access token has been revoked. Ask your administrator for a new one.',
  'error.unreachable': 'The server does not answer. Check the address and your internet connection.',
  'error.forbidden': 'Your role does not allow this.',
  'error.notFound': 'What you were looking for no longer exists.',
  'error.server': 'Something went wrong on the server. Try again in a moment.',
  'error.badUrl': 'The server address must start with http:// or https://.',
  'error.emptyToken': 'Fill in your access token.',
  'explorer.workspaces': 'Workspaces',
  'explorer.documents': 'Documents',
  'explorer.empty': 'No documents yet.',
  'explorer.loading': 'Loading…',
  'explorer.open': 'Open',
  'explorer.opened': 'Open',
  'explorer.new': 'New from template',
  'template.activity-plan': 'Activity plan for my clinic',
  'template.partners': 'Partner list',
  'template.indicator-values': 'Indicator sheet',
  'problems.empty': 'No problems. Well done!',
  'problems.error': 'Error',
  'problems.warning': 'Warning',
  'problems.info': 'Information',
  'problems.row': 'row',
  'people.empty': 'Nobody else is here right now.',
  'people.noDocument': 'Open a document to see who is working in it.',
  'people.you': 'you',
  'people.row': 'row {row}',
  'people.showRow': 'Show the row {name} is on',
  'people.rowGone': 'The row {name} is on is not in the sheet right now.',
  'history.noDocument': 'Open a document to see its history.',
  'history.empty': 'No changes yet.',
  'history.open': 'View',
  'history.restore': 'Restore as a new change',
  'history.restored': 'Version {seq} restored as a new change.',
  'history.version': 'Version {seq}',
  'history.close': 'Close',
  'palette.placeholder': 'Type a command…',
  'palette.label': 'Command palette',
  'palette.none': 'No commands match.',
  'cmd.open': 'Open document: {title}',
  'cmd.new': 'New from template: {template}',
  'cmd.pull': 'Pull indicator table',
  'cmd.adopt': 'Make shared document (the sheet of the selection)',
  'cmd.exportXlsx': 'Export as Excel workbook (.xlsx)',
  'cmd.exportCsv': 'Export CSV for Swedish Excel (semicolons)',
  'cmd.nextProblem': 'Go to next problem',
  'cmd.language': 'Switch language (svenska)',
  'cmd.signOut': 'Sign out',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Reconnecting…',
  'status.refused': 'Stopped',
  'status.kept': 'Your changes are kept here.',
  'status.retry': 'Try again',
  'status.idle': 'No document open',
  'status.pending': '{count} not synced',
  'status.problems': '{count} problems',
  'role.admin': 'admin',
  'role.coordinator': 'coordinator',
  'role.editor': 'editor',
  'role.viewer': 'viewer',
  'doc.readOnly': 'Read-only: your role may only read.',
  'doc.noIndicators': 'The workspace has no indicator sheet yet.',
  'doc.noProblems': 'There are no problems to go to.',
  'doc.noDocument': 'Open a document first.',
  'doc.excelMissing': 'Excel is not available here; the document cannot be bound to a sheet.',
  'doc.bindFailed': 'The document could not be bound to a sheet: {reason}',
  'doc.created': 'Created {title}.',
  'doc.adopted': 'The sheet is now {title}, shared and bound. The original is kept in the sheet {sheet}.',
  'doc.pulled': 'The indicator table is on sheet {sheet} and kept up to date.',
};

const tables: Record<Lang, Record<StringKey, string>> = { sv, en };

/**
 * The pane string for `key` in `lang`, with `{name}` placeholders filled from `params`.
 *
 * @example
 * str('status.pending', 'en', { count: 3 }) // '3 not synced'
 */
export function str(key: StringKey, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = tables[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The UI language for an Office display language such as `en-US` or `sv-SE`: English when it
 * starts with `en`, Swedish otherwise (and when there is no Office at all).
 */
export function langFromDisplayLanguage(displayLanguage: string | undefined | null): Lang {
  return displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

const errorKeys: Record<string, StringKey> = {
  unauthorized: 'error.unauthorized',
  expired: 'error.expired',
  revoked: 'error.revoked',
  unreachable: 'error.unreachable',
  forbidden: 'error.forbidden',
  notFound: 'error.notFound',
  server: 'error.server',
  badUrl: 'error.badUrl',
  emptyToken: 'error.emptyToken',
};

/** The sentence for an error kind (`ApiErrorKind` or a sign-in check), in `lang`. */
export function errorText(kind: string, lang: Lang): string {
  return str(errorKeys[kind] ?? 'error.server', lang);
}

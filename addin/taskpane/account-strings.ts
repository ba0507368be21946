/**
 * The words of work-account sign-in and of the Members view, Swedish and English. Kept apart from
 * `strings.ts` so that these views are added as files of their own.
 */
import { messageLookup } from '../../shared/i18n/message-lookup.js';
import { signInMessage } from '../../shared/i18n/sign-in-messages.js';
import { errorText, type Lang } from './strings.js';

const SV = {
  'account.button': 'Logga in med jobbkonto',
  'account.intro': 'Logga in med samma konto som i Office.',
  'account.advanced': 'Avancerat: logga in med åtkomstnyckel',
  'account.removed': 'Du har tagits bort från arbetsytan av en administratör.',
  'account.signedOut': 'Du har loggats ut.',
  'members.title': 'Medlemmar',
  'members.invite': 'Bjud in',
  'members.email': 'E-post eller användarnamn (UPN)',
  'members.name': 'Namn',
  'members.role': 'Roll',
  'members.units': 'Enheter',
  'members.save': 'Spara',
  'members.remove': 'Ta bort',
  'members.confirmRemove': 'Ta bort {name}? Öppna anslutningar stängs direkt.',
  'members.tokens': 'API-token (Power Query, skript)',
  'members.tokenFor': 'För medlem',
  'members.tokenLabel': 'Etikett, t.ex. "Power Query, ekonomi"',
  'members.tokenDays': 'Giltig i dagar',
  'members.createToken': 'Skapa token',
  'members.tokenOnce': 'Kopiera token nu – den visas bara den här gången.',
  'members.copy': 'Kopiera',
  'members.copied': 'Kopierad',
  'members.revoke': 'Återkalla',
  'members.none': 'Inga aktiva token.',
  'members.expires': 'går ut {date}',
  'members.never': 'går inte ut',
  'members.forbidden': 'Bara administratörer och samordnare hanterar medlemmar.',
  'members.removed': 'Borttagna',
  'members.removedBy': 'borttagen av {who} {date}',
  'members.commandLine': 'kommandoraden',
  'members.nameUnknown': 'namnet är inte känt',
  'members.addAgain': 'Lägg till igen',
  'members.addingAgain': '{id} togs bort av {who} {date}. Välj roll och enheter och spara för att lägga till personen igen; då gäller borttagningen inte längre.',
  'role.admin': 'administratör',
  'role.coordinator': 'samordnare',
  'role.editor': 'redigerare',
  'role.viewer': 'läsare',
} as const;

const EN: Record<keyof typeof SV, string> = {
  'account.button': 'Sign in with work account',
  'account.intro': 'Sign in with the same account as in Office.',
  'account.advanced': 'Advanced: sign in with an access token',
  'account.removed': 'An administrator has removed you from the workspace.',
  'account.signedOut': 'You have been signed out.',
  'members.title': 'Members',
  'members.invite': 'Invite',
  'members.email': 'E-mail or user name (UPN)',
  'members.name': 'Name',
  'members.role': 'Role',
  'members.units': 'Units',
  'members.save': 'Save',
  'members.remove': 'Remove',
  'members.confirmRemove': 'Remove {name}? Open connections close at once.',
  'members.tokens': 'API tokens (Power Query, scripts)',
  'members.tokenFor': 'For member',
  'members.tokenLabel': 'Label, e.g. "Power Query, finance"',
  'members.tokenDays': 'Valid for days',
  'members.createToken': 'Create token',
  'members.tokenOnce': 'Copy the token now – it is shown only this once.',
  'members.copy': 'Copy',
  'members.copied': 'Copied',
  'members.revoke': 'Revoke',
  'members.none': 'No active tokens.',
  'members.expires': 'expires {date}',
  'members.never': 'does not expire',
  'members.forbidden': 'Only administrators and coordinators manage members.',
  'members.removed': 'Removed',
  'members.removedBy': 'removed by {who} {date}',
  'members.commandLine': 'the command line',
  'members.nameUnknown': 'name not known',
  'members.addAgain': 'Add again',
  'members.addingAgain': '{id} was removed by {who} {date}. Choose a role and units and save to add them again; the removal then no longer holds.',
  'role.admin': 'administrator',
  'role.coordinator': 'coordinator',
  'role.editor': 'editor',
  'role.viewer': 'viewer',
};

/** A key of these words. */
export type AccountKey = keyof typeof SV;

/**
 * The words for `key` in `lang`, with their `{name}` placeholders filled from the values.
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export const astr = messageLookup<typeof SV, string>(SV, EN);

/** The sentence for a sign-in error: a work-account cause, or one of the token sign-in errors. */
export function signInErrorText(error: string, lang: Lang): string {
  return error.startsWith('account:') ? signInMessage(error.slice('account:'.length), lang) : errorText(error, lang);
}

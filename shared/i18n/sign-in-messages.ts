/**
 * Why signing in with a work account failed, one stable code per cause, and the sentence a
 * person reads for each in Swedish and English. The server answers with the code (and logs it);
 * the pane shows the sentence in the reader's language.
 */
import type { Lang } from './t.js';

/** Causes of a refused sign-in. */
export const SIGN_IN_FAILURES = [
  'wrong-tenant',
  'wrong-audience',
  'other-client',
  'not-invited',
  'removed',
  'consent-missing',
  'provider-unreachable',
  'clock-skew',
  'expired',
  'invalid-token',
  'no-member-claim',
  'member-id-refused',
  'sign-in-off',
  'sign-in-timeout',
  'cancelled',
  'provider-error',
  'client-secret',
  'identity-in-account',
  'signed-out',
  'revoked',
  'server-error',
] as const;

/** One cause of a refused sign-in. */
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

/** The sentence per cause. */
export const SIGN_IN_MESSAGES: Record<SignInFailure, Record<Lang, string>> = {
  'wrong-tenant': {
    sv: 'Kontot tillhör en annan organisation än den Samplan är kopplat till. Logga in med ditt jobbkonto i rätt region.',
    en: 'The account belongs to another organisation than the one Samplan is connected to. Sign in with your work account in the right region.',
  },
  'wrong-audience': {
    sv: 'Inloggningen gällde en annan app än Samplan. Be IT kontrollera appregistreringens klient-id och målgrupp.',
    en: 'The sign-in was made for another app than Samplan. Ask IT to check the app registration’s client id and audience.',
  },
  // An Office SSO token issued to a client app the server does not list (`SAMPLAN_OIDC_CLIENT_APPS`):
  // the pane signs in through the dialog instead, so this is read only if that fails too.
  'other-client': {
    sv: 'Office lämnade en inloggning utfärdad till en app som servern inte känner igen. Logga in i fönstret som öppnas; be IT lägga till Office-appens id i serverns inställning SAMPLAN_OIDC_CLIENT_APPS.',
    en: 'Office handed over a sign-in issued to an app the server does not recognise. Sign in in the window that opens; ask IT to add the Office app’s id to the server setting SAMPLAN_OIDC_CLIENT_APPS.',
  },
  'not-invited': {
    sv: 'Du är inte inbjuden till arbetsytan. Be en samordnare eller administratör bjuda in dig med ditt jobbkonto.',
    en: 'You have not been invited to the workspace. Ask a coordinator or an administrator to invite your work account.',
  },
  // A person an admin removed, whom group rules would add again (`member_removals`): the words of
  // `not-invited`, and why.
  removed: {
    sv: 'Du är inte inbjuden till arbetsytan. Be en samordnare eller administratör bjuda in dig med ditt jobbkonto. En samordnare eller administratör har tagit bort dig från arbetsytan.',
    en: 'You have not been invited to the workspace. Ask a coordinator or an administrator to invite your work account. A coordinator or an administrator removed you from the workspace.',
  },
  'consent-missing': {
    sv: 'Samplan har inte fått godkännande att använda ditt konto. Be IT godkänna appen för organisationen (administratörsmedgivande).',
    en: 'Samplan has not been allowed to use your account. Ask IT to grant admin consent for the app in your organisation.',
  },
  'provider-unreachable': {
    sv: 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund; fortsätter det, kontakta IT.',
    en: 'The sign-in service is not answering right now. Try again in a while; if it goes on, contact IT.',
  },
  'clock-skew': {
    sv: 'Klockan på servern eller datorn går fel, så inloggningen kunde inte godtas. Kontrollera datorns tid och försök igen, eller kontakta IT.',
    en: 'The clock of the server or the computer is wrong, so the sign-in could not be accepted. Check the computer’s time and try again, or contact IT.',
  },
  expired: {
    sv: 'Inloggningen har gått ut. Logga in igen.',
    en: 'The sign-in has expired. Sign in again.',
  },
  'invalid-token': {
    sv: 'Inloggningen kunde inte verifieras. Logga in igen; fortsätter det, kontakta IT.',
    en: 'The sign-in could not be verified. Sign in again; if it goes on, contact IT.',
  },
  'no-member-claim': {
    sv: 'Kontot saknar det användarnamn Samplan känner igen dig med. Be IT kontrollera inställningen för anspråk (claims).',
    en: 'The account lacks the user name Samplan knows you by. Ask IT to check the claim settings.',
  },
  // The claim is there but holds what no member id may (`shared/protocol/member-id.ts`): it is
  // not missing, and the person cannot change it; IT can, or can point Samplan at another claim.
  'member-id-refused': {
    sv: 'Användarnamnet på ditt jobbkonto innehåller tecken som Samplan inte tar emot i ett användarnamn (ett mellanslag, ett snedstreck eller en bokstav med accent, till exempel), eller är längre än 255 tecken. Be IT kontrollera kontots användarnamn, eller inställningen SAMPLAN_OIDC_MEMBER_CLAIM.',
    en: 'The user name of your work account holds characters Samplan does not take in a user name (a space, a slash or an accented letter, for instance), or is longer than 255 characters. Ask IT to check the account’s user name, or the setting SAMPLAN_OIDC_MEMBER_CLAIM.',
  },
  'sign-in-off': {
    sv: 'Servern är inte inställd för inloggning med jobbkonto. Använd en åtkomstnyckel under Avancerat, eller kontakta administratören.',
    en: 'The server is not set up for work-account sign-in. Use an access token under Advanced, or contact the administrator.',
  },
  'sign-in-timeout': {
    sv: 'Inloggningen tog för lång tid. Börja om.',
    en: 'The sign-in took too long. Start again.',
  },
  cancelled: {
    sv: 'Inloggningen avbröts.',
    en: 'The sign-in was cancelled.',
  },
  'provider-error': {
    sv: 'Inloggningstjänsten avböjde inloggningen. Försök igen; fortsätter det, kontakta IT.',
    en: 'The sign-in service turned the sign-in down. Try again; if it goes on, contact IT.',
  },
  // The provider refused the server's own client secret at the token endpoint (wrong, missing or
  // expired): the same for everyone until IT changes the setting.
  'client-secret': {
    sv: 'Inloggningstjänsten godtog inte Samplan-serverns klienthemlighet (den saknas, är fel eller har gått ut). Att försöka igen hjälper inte: be IT kontrollera inställningen SAMPLAN_OIDC_CLIENT_SECRET mot appregistreringen.',
    en: 'The sign-in service did not accept the Samplan server’s client secret (it is missing, wrong or expired). Trying again will not help: ask IT to check the setting SAMPLAN_OIDC_CLIENT_SECRET against the app registration.',
  },
  // The account's name (or user name) from the provider holds a personnummer or samordningsnummer,
  // which Samplan never stores; the sentence never repeats it.
  'identity-in-account': {
    sv: 'Namnet på ditt jobbkonto innehåller ett personnummer eller samordningsnummer, som Samplan inte får spara. Be IT ta bort numret från kontots namn och logga sedan in igen.',
    en: 'The name of your work account contains a personal identity number (personnummer or samordningsnummer), which Samplan must not store. Ask IT to remove the number from the account’s name, then sign in again.',
  },
  // An Office SSO access token whose session its person signed out is not taken again while it is
  // valid, in any workspace (`server/auth/access-token-key.ts`); Office hands out the same token
  // until it runs out, so the pane signs in through the dialog instead, and this is read only if
  // that fails too.
  'signed-out': {
    sv: 'Du har loggat ut från den här inloggningen från Office, så den tas inte emot igen. Logga in i fönstret som öppnas.',
    en: 'You signed out of this sign-in from Office, so it is not accepted again. Sign in in the window that opens.',
  },
  // One whose session a coordinator or admin of the workspace signed in to revoked (the Members
  // view, `samplan token revoke`, a member's removal): not taken again there while it is valid,
  // and still taken in another workspace; the pane signs in through the dialog as above.
  revoked: {
    sv: 'En samordnare eller administratör har avslutat den här inloggningen från Office i arbetsytan, så den tas inte emot här igen. Logga in i fönstret som öppnas.',
    en: 'A coordinator or an administrator ended this sign-in from Office in the workspace, so it is not accepted here again. Sign in in the window that opens.',
  },
  'server-error': {
    sv: 'Något gick fel i Samplan under inloggningen. Försök igen; fortsätter det, kontakta IT.',
    en: 'Something went wrong in Samplan during the sign-in. Try again; if it goes on, contact IT.',
  },
};

/** What every refused sign-in's error code starts with. */
export const SIGN_IN_CODE_PREFIX = 'sign-in-';

/**
 * The error code of a sign-in refused for `cause`: `sign-in-<cause>`, the prefix once. The causes
 * `sign-in-off` and `sign-in-timeout` already start with it and are their own codes, not
 * `sign-in-sign-in-off`. The pane reads the cause (`details.cause`), never this code; logs and
 * scripts read the code.
 * @example signInCode('expired') // 'sign-in-expired'
 * @example signInCode('sign-in-off') // 'sign-in-off'
 */
export function signInCode(cause: SignInFailure): string {
  return cause.startsWith(SIGN_IN_CODE_PREFIX) ? cause : `${SIGN_IN_CODE_PREFIX}${cause}`;
}

/** True for a known cause code (a newer server may send others). */
export function isSignInFailure(code: string): code is SignInFailure {
  return (SIGN_IN_FAILURES as readonly string[]).includes(code);
}

/** The sentence for a cause in `lang`; an unknown code gets the generic provider sentence. */
export function signInMessage(code: string, lang: Lang): string {
  return SIGN_IN_MESSAGES[isSignInFailure(code) ? code : 'provider-error'][lang];
}

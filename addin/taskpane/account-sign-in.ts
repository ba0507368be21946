/**
 * Signing in with the work account from the pane, in the order that asks the least of a person:
 * 1. Office SSO (`OfficeRuntime.auth.getAccessToken`), where the manifest carries
 *    `WebApplicationInfo`: no window at all; the access token is traded for a session at
 *    `POST /auth/session`. Any SSO error (no `WebApplicationInfo`, an older Office, consent
 *    needed) falls through to 2.
 * 2. The Office dialog (`displayDialogAsync`) opening the server's `/auth/login?mode=dialog`: the
 *    authorization code flow with PKCE runs at the server; its last page hands a one-time code to
 *    the pane (`messageParent`), traded for the session at `POST /auth/handoff`.
 * 3. Outside Office (the playground, a browser tab): the page itself goes to
 *    `/auth/login?mode=redirect` and comes back with the code in the fragment
 *    ({@link handoffInLocation}).
 * Failures are {@link AccountSignInError}s carrying a `SignInFailure` code; the sentence comes from
 * `shared/i18n/sign-in-messages.ts`.
 */
import { isSignInFailure, type SignInFailure } from '../../shared/i18n/sign-in-messages.js';

/** A session as the server hands it over. */
export interface AccountSession {
  token: string;
  expiresAt: string;
  workspace: string;
  memberId: string;
}

/** A refused or failed sign-in, with its cause. */
export class AccountSignInError extends Error {
  constructor(readonly failure: SignInFailure) {
    super(failure);
    this.name = 'AccountSignInError';
  }
}

type Fetch = typeof fetch;

async function postSession(fetchImpl: Fetch, url: string, body: unknown): Promise<AccountSession> {
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new AccountSignInError('provider-unreachable');
  }
  const json = (await res.json().catch(() => null)) as (Partial<AccountSession> & { error?: { details?: { cause?: string } } }) | null;
  if (!res.ok || !json || typeof json.token !== 'string') {
    const cause = json?.error?.details?.cause ?? '';
    throw new AccountSignInError(isSignInFailure(cause) ? cause : 'provider-error');
  }
  return json as AccountSession;
}

/** Trade a one-time hand-off code for the session. */
export function redeemHandoff(serverUrl: string, code: string, fetchImpl: Fetch = fetch): Promise<AccountSession> {
  return postSession(fetchImpl, `${serverUrl}/auth/handoff`, { code });
}

/** What a fragment `samplan-handoff=…` / `samplan-error=…` says. */
export function readFragment(fragment: string): { code: string } | { error: SignInFailure } | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const code = params.get('samplan-handoff');
  if (code) return { code };
  const error = params.get('samplan-error');
  if (error) return { error: isSignInFailure(error) ? error : 'provider-error' };
  return null;
}

/** Whether the server offers work-account sign-in. */
export async function accountSignInEnabled(serverUrl: string, fetchImpl: Fetch = fetch): Promise<boolean> {
  try {
    const res = await fetchImpl(`${serverUrl}/auth/config`);
    return res.ok && ((await res.json()) as { enabled?: boolean }).enabled === true;
  } catch {
    return false;
  }
}

interface OfficeLike {
  context?: { ui?: { displayDialogAsync?: typeof Office.context.ui.displayDialogAsync } };
  EventType?: typeof Office.EventType;
  AsyncResultStatus?: typeof Office.AsyncResultStatus;
}

/** Office SSO: an access token for Samplan's API, or null when SSO is not available here. */
async function ssoToken(): Promise<string | null> {
  const runtime = (globalThis as { OfficeRuntime?: typeof OfficeRuntime }).OfficeRuntime;
  if (!runtime?.auth?.getAccessToken) return null;
  try {
    return await runtime.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
  } catch {
    // 13xxx codes: no WebApplicationInfo, not signed in to Office, consent needed… the dialog can.
    return null;
  }
}

/** Sign in through Office's dialog; resolves with the hand-off code. */
function dialogCode(office: OfficeLike, serverUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ui = office.context?.ui;
    if (!ui?.displayDialogAsync) return reject(new AccountSignInError('sign-in-off'));
    ui.displayDialogAsync(`${serverUrl}/auth/login?mode=dialog`, { height: 70, width: 35, promptBeforeOpen: false }, (result) => {
      if (result.status === office.AsyncResultStatus?.Failed) return reject(new AccountSignInError('provider-error'));
      const dialog = result.value;
      const event = (name: string) => (office.EventType?.[name as keyof typeof Office.EventType] ?? name) as unknown as Office.EventType;
      dialog.addEventHandler(event('DialogMessageReceived'), (arg) => {
        dialog.close();
        const said = readFragment('message' in arg ? arg.message : '');
        if (said && 'code' in said) resolve(said.code);
        else reject(new AccountSignInError(said && 'error' in said ? said.error : 'provider-error'));
      });
      // 12006: the person closed the dialog.
      dialog.addEventHandler(event('DialogEventReceived'), () => reject(new AccountSignInError('cancelled')));
    });
  });
}

/**
 * Sign in inside Office: SSO first, then the dialog. Outside Office (no dialog API) the page is
 * sent to the provider and this never resolves; the pane picks the session up on return.
 */
export async function signInWithAccount(serverUrl: string, opts: { fetchImpl?: Fetch; returnTo?: string } = {}): Promise<AccountSession> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const office = (globalThis as { Office?: OfficeLike }).Office;
  const inOffice = Boolean(office?.context?.ui?.displayDialogAsync);
  if (inOffice) {
    const sso = await ssoToken();
    if (sso) {
      try {
        return await postSession(fetchImpl, `${serverUrl}/auth/session`, { accessToken: sso });
      } catch (err) {
        // An SSO token Samplan cannot use (audience, tenant) is a setup fault; say so rather than retrying.
        // One issued to an Office client the server does not list (`other-client`) is signed in
        // through the dialog instead: the server's own code flow does not depend on that list. So is
        // one whose session was signed out (`signed-out`) or revoked in this workspace (`revoked`):
        // Office hands out that same token until it runs out, and the server does not take it again.
        const dialogInstead: readonly string[] = ['provider-error', 'other-client', 'signed-out', 'revoked'];
        if (err instanceof AccountSignInError && !dialogInstead.includes(err.failure)) throw err;
      }
    }
    return redeemHandoff(serverUrl, await dialogCode(office!, serverUrl), fetchImpl);
  }
  const back = opts.returnTo ?? `${location.pathname}${location.search}`;
  location.assign(`${serverUrl}/auth/login?mode=redirect&return=${encodeURIComponent(back)}`);
  return new Promise<never>(() => undefined);
}

/**
 * Ending a work-account session at the server when the person signs out: `DELETE /v1/session`,
 * tried again while it does not reach the server, and the words the sign-in view shows when the
 * sign-out is not confirmed by every server process or has not reached the server at all. The
 * pane's sign-in state (`session-controller.ts`) decides whether the words are still shown.
 */
import { unconfirmedOf, type RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';

/** Default waits before the 2nd, 3rd and 4th try of a sign-out that did not reach the server, ms. */
export const SIGN_OUT_RETRIES_MS: readonly number[] = [2_000, 10_000, 30_000];

/**
 * Words that a sign-out has not reached the server: the session stays valid there until it is
 * revoked or ends at `ends` (ISO time), so the person knows to try again or ask an administrator.
 */
export function signOutNotReached(ends: string, trying: boolean): RightsUnconfirmed {
  const at = ends.slice(0, 16).replace('T', ' ');
  return {
    sv: `Utloggningen har inte nått servern${trying ? ' (försöker igen)' : ''}: sessionen gäller där till ${at} UTC om den inte återkallas. Logga in och ut igen när servern svarar, eller be en administratör återkalla den under API-nycklar.`,
    en: `The sign-out has not reached the server${trying ? ' (trying again)' : ''}: the session stays valid there until ${at} UTC unless it is revoked. Sign in and out again once the server answers, or ask an administrator to revoke it under API tokens.`,
  };
}

/** How {@link revokeSession} reaches the server. */
export interface RevokeOptions {
  /** Defaults to the global `fetch` (looked up at each try). */
  fetchImpl?: typeof fetch | undefined;
  /** Waits in ms before each new try after no answer, a 5xx or a 429; none left: it stops. */
  waits: readonly number[];
}

/**
 * `DELETE /v1/session` for the session of `api` (its server URL and bearer token), tried again
 * after each of `options.waits` while it does not reach the server (no answer, 5xx, 429); 401/403
 * mean the session is already gone. After each answer `show` gets the words to show: the server's
 * `unconfirmed` words (`shared/protocol/rights-answers.ts`) or null once an answer came, else
 * {@link signOutNotReached} for `ends` (ISO time). Never throws; resolves when it stops.
 */
export async function revokeSession(
  api: { readonly serverUrl: string; readonly token: string },
  ends: string,
  options: RevokeOptions,
  show: (words: RightsUnconfirmed | null) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await (options.fetchImpl ?? fetch)(`${api.serverUrl}/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${api.token}` } }).catch(() => null);
    if (res !== null && res.status < 500 && res.status !== 429) {
      show(unconfirmedOf(res.ok ? await res.json().catch(() => null) : null));
      return;
    }
    const wait = options.waits[attempt];
    show(signOutNotReached(ends, wait !== undefined));
    if (wait === undefined) return;
    await new Promise((r) => setTimeout(r, wait));
  }
}

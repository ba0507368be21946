/**
 * Sign-in state of one pane: the server, the token, the workspaces it may see and who it belongs
 * to. Kept in a reactive controller so the elements stay free of fetches and storage. While signed
 * in it follows the workspace's event stream (`documents-feed.ts`): an admin's change of the
 * member's role or units, and of the workspace's units, reaches `me` and `units` within a second,
 * without signing in again, and {@link SessionOptions.onRights} is told.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SignInFailure } from '../../shared/i18n/sign-in-messages.js';
import { AccountSignInError, readFragment, redeemHandoff, signInWithAccount, type AccountSession } from './account-sign-in.js';
import { ApiError, SamplanApi, type ApiErrorKind, type Me, type UnitInfo, type WorkspaceInfo } from './api-client.js';
import { DocumentsFeed } from './documents-feed.js';
import type { RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import { revokeSession, SIGN_OUT_RETRIES_MS } from './session-sign-out.js';

/** Where the pane is in signing in. */
export type SessionState = 'signed-out' | 'signing-in' | 'signed-in';

/** A remembered sign-in. */
interface Saved {
  serverUrl: string;
  token: string;
  workspace?: string;
}

/** What the sign-in view shows when signing in failed; `account:<cause>` for a work-account sign-in. */
export type SignInError = ApiErrorKind | 'badUrl' | 'emptyToken' | `account:${SignInFailure}`;

/** Options of {@link SessionController}. */
export interface SessionOptions {
  /** localStorage key to remember the sign-in under; empty to remember nothing (the playground). */
  storageKey: string;
  fetchImpl?: typeof fetch;
  /**
   * Waits in ms before each new try of a sign-out's `DELETE /v1/session` that did not reach the
   * server (no answer, 5xx, 429); default {@link SIGN_OUT_RETRIES_MS}.
   */
  signOutRetriesMs?: readonly number[];
  /** The member's role, units or name changed while signed in (an admin changed them): `me` is the new member. */
  onRights?(me: Me, units: readonly UnitInfo[]): void;
  /**
   * Waits in ms before each new try of a {@link SessionController.resume} that did not reach the
   * server; the last is repeated. Default {@link RESUME_RETRIES_MS}.
   */
  resumeRetriesMs?: readonly number[];
}

/** Default waits before the 2nd, 3rd, … try of a remembered sign-in while the server does not answer, ms (the last repeats). */
export const RESUME_RETRIES_MS: readonly number[] = [2_000, 5_000, 10_000, 30_000];

/** True when two members differ in what rights are made of, or in the name others see. */
function memberChanged(a: Me | null, b: Me): boolean {
  return !a || a.name !== b.name || a.role !== b.role || a.units.length !== b.units.length || a.units.some((u, i) => b.units[i] !== u);
}

/**
 * Signs in with a server URL and token, remembers it, and exposes the workspaces and the
 * member behind the token.
 */
export class SessionController implements ReactiveController {
  state: SessionState = 'signed-out';
  error: SignInError | null = null;
  api: SamplanApi | null = null;
  workspaces: WorkspaceInfo[] = [];
  /** The selected workspace id. */
  workspace: string | null = null;
  me: Me | null = null;
  /** Units of the selected workspace. */
  units: UnitInfo[] = [];
  /** Why the pane was closed while in use (the server closed its connection), shown on the sign-in view. */
  closedWith: string | null = null;
  /**
   * The server's words that the last sign-out is saved but not confirmed by every server process
   * (`DELETE /v1/session` answered `unconfirmed`, `shared/protocol/rights-answers.ts`): the session
   * may still work for seconds on another process — or that the sign-out has not reached the server
   * at all (`signOutNotReached` in `session-sign-out.ts`: the session stays valid there). Shown on
   * the sign-in view until the next sign-in.
   */
  signedOutUnconfirmed: RightsUnconfirmed | null = null;
  /**
   * A remembered sign-in that will be tried again by itself ({@link resume}): the server did not
   * answer (no network, 5xx). The sign-in view says so; null when nothing is waiting.
   */
  retrying: { serverUrl: string; token: string; workspace?: string } | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryOnline: (() => void) | null = null;
  /** Moves on at every sign-in, sign-out and new try: a try whose answer comes after that schedules nothing. */
  private resumeGen = 0;
  /** Sign-outs so far: a late answer of an earlier one does not overwrite a later one's words. */
  private signOutCount = 0;
  /** When the work-account session ends unless refreshed; null for an API token. */
  sessionEnds: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly options: SessionOptions,
  ) {
    host.addController(this);
    new DocumentsFeed(host, {
      api: () => (this.state === 'signed-in' ? this.api : null),
      workspace: () => this.workspace,
      onDocuments: () => undefined,
      onUnits: (units) => {
        this.units = units;
        this.host.requestUpdate();
      },
      onYou: (me) => this.followMe(me),
    });
  }

  /** The member as the event stream says it is now; a change is handed on to {@link SessionOptions.onRights}. */
  private followMe(me: Me): void {
    if (!memberChanged(this.me, me)) return;
    const before = this.me;
    this.me = me;
    this.host.requestUpdate();
    if (before) this.options.onRights?.(me, this.units);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.stopRetrying();
  }

  /**
   * Signs in with a sign-in the pane already holds (remembered from last time, or handed in) as
   * the pane opens. When the server does not answer (`unreachable`, or `server`: a 5xx), as when
   * Excel opens the pane offline, the sign-in view says so and the same sign-in is tried again by
   * itself after {@link SessionOptions.resumeRetriesMs} and at once when the browser is back
   * online, until it is accepted or refused, or the person signs in or out themselves. A refusal
   * (wrong, expired or revoked token) is not tried again. Resolves with the first try's outcome.
   */
  async resume(serverUrl: string, token: string, workspace?: string, attempt = 0): Promise<boolean> {
    this.stopRetrying();
    const gen = this.resumeGen;
    const ok = await this.attempt(serverUrl, token, workspace);
    // The person signed in or out meanwhile: their choice stands.
    if (gen !== this.resumeGen) return ok;
    if (ok || (this.error !== 'unreachable' && this.error !== 'server') || this.state !== 'signed-out') return ok;
    const waits = this.options.resumeRetriesMs ?? RESUME_RETRIES_MS;
    const again = (): void => void this.resume(serverUrl, token, workspace, attempt + 1);
    this.retrying = { serverUrl, token, ...(workspace ? { workspace } : {}) };
    this.retryTimer = setTimeout(again, waits[Math.min(attempt, waits.length - 1)] ?? 30_000);
    this.retryOnline = again;
    globalThis.addEventListener?.('online', again);
    this.host.requestUpdate();
    return false;
  }

  private stopRetrying(): void {
    this.resumeGen++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.retryOnline) globalThis.removeEventListener?.('online', this.retryOnline);
    this.retryOnline = null;
    this.retrying = null;
  }

  /** The sign-in remembered from last time, if any. */
  saved(): Saved | null {
    if (!this.options.storageKey) return null;
    try {
      const raw = globalThis.localStorage?.getItem(this.options.storageKey);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<Saved>;
      return typeof value.serverUrl === 'string' && typeof value.token === 'string'
        ? { serverUrl: value.serverUrl, token: value.token, ...(value.workspace ? { workspace: value.workspace } : {}) }
        : null;
    } catch {
      return null;
    }
  }

  private remember(value: Saved | null): void {
    if (!this.options.storageKey) return;
    try {
      if (value) globalThis.localStorage?.setItem(this.options.storageKey, JSON.stringify(value));
      else globalThis.localStorage?.removeItem(this.options.storageKey);
    } catch {
      // Storage may be disabled (private mode); the pane then asks again next time.
    }
  }

  /**
   * Signs in (the person's own sign-in: a remembered one waiting to be tried again is dropped); on
   * failure `state` is back to `signed-out` and `error` says why.
   */
  async signIn(serverUrl: string, token: string, workspace?: string): Promise<boolean> {
    this.stopRetrying();
    return this.attempt(serverUrl, token, workspace);
  }

  private async attempt(serverUrl: string, given: string, workspace?: string): Promise<boolean> {
    const url = serverUrl.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/i.test(url)) return this.fail('badUrl');
    const token = pastedToken(given);
    if (!token) return this.fail('emptyToken');
    this.state = 'signing-in';
    this.error = null;
    this.closedWith = null;
    this.signedOutUnconfirmed = null;
    this.host.requestUpdate();
    const api = new SamplanApi(url, token, this.options.fetchImpl);
    try {
      const workspaces = await api.workspaces();
      this.api = api;
      this.workspaces = workspaces;
      this.workspace = workspaces.find((w) => w.id === workspace)?.id ?? workspaces[0]?.id ?? null;
      const who = this.workspace ? await api.me(this.workspace) : null;
      this.me = who?.me ?? null;
      this.units = who?.units ?? [];
      this.state = 'signed-in';
      this.remember({ serverUrl: url, token, ...(this.workspace ? { workspace: this.workspace } : {}) });
      this.host.requestUpdate();
      return true;
    } catch (err) {
      return this.fail(err instanceof ApiError ? err.kind : 'server');
    }
  }

  private fail(error: SignInError): false {
    this.state = 'signed-out';
    this.error = error;
    this.api = null;
    this.host.requestUpdate();
    return false;
  }

  /**
   * Signs in with the work account (Office SSO, the Office dialog, or a redirect of the page),
   * then with the session it yields; the session is refreshed silently before it ends.
   */
  async signInWithAccount(serverUrl: string, returnTo?: string): Promise<boolean> {
    const url = serverUrl.trim().replace(/\/+$/, '');
    this.state = 'signing-in';
    this.error = null;
    this.host.requestUpdate();
    try {
      return await this.useSession(url, await signInWithAccount(url, { ...(this.options.fetchImpl ? { fetchImpl: this.options.fetchImpl } : {}), ...(returnTo ? { returnTo } : {}) }));
    } catch (err) {
      return this.fail(err instanceof AccountSignInError ? `account:${err.failure}` : 'server');
    }
  }

  /** Finishes a sign-in that came back to this page with `#samplan-handoff=…` or `#samplan-error=…`. */
  async resumeAccountSignIn(serverUrl: string, fragment: string): Promise<boolean> {
    const said = readFragment(fragment);
    if (!said) return false;
    if ('error' in said) return this.fail(`account:${said.error}`);
    this.state = 'signing-in';
    this.host.requestUpdate();
    try {
      return await this.useSession(serverUrl, await redeemHandoff(serverUrl, said.code, this.options.fetchImpl));
    } catch (err) {
      return this.fail(err instanceof AccountSignInError ? `account:${err.failure}` : 'server');
    }
  }

  private async useSession(serverUrl: string, session: AccountSession): Promise<boolean> {
    const ok = await this.signIn(serverUrl, session.token, session.workspace);
    if (ok) this.keepFresh(session.expiresAt);
    return ok;
  }

  /** Refreshes the session at half its remaining time; when it cannot be extended, lets it end. */
  private keepFresh(expiresAt: string): void {
    this.sessionEnds = expiresAt;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const left = Date.parse(expiresAt) - Date.now();
    this.refreshTimer = setTimeout(() => void this.refresh(), Math.max(5_000, left / 2));
  }

  private async refresh(): Promise<void> {
    const api = this.api;
    if (!api || !this.sessionEnds) return;
    const res = await (this.options.fetchImpl ?? fetch)(`${api.serverUrl}/v1/session/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
    }).catch(() => null);
    if (this.api !== api) return;
    if (res?.ok) {
      const { expiresAt, renewable } = (await res.json()) as { expiresAt: string; renewable: boolean };
      if (renewable) return this.keepFresh(expiresAt);
      this.sessionEnds = expiresAt;
      return;
    }
    if (res && res.status === 401) return this.expire('expired');
    // Offline or the server is away: try again in a minute while the session still runs.
    if (Date.parse(this.sessionEnds) > Date.now() + 60_000) this.refreshTimer = setTimeout(() => void this.refresh(), 60_000);
  }

  /** Switches the selected workspace and reloads who the member is there. */
  async selectWorkspace(id: string): Promise<void> {
    if (!this.api || id === this.workspace) return;
    this.workspace = id;
    const who = await this.api.me(id).catch(() => null);
    this.me = who?.me ?? this.me;
    this.units = who?.units ?? [];
    this.remember({ serverUrl: this.api.serverUrl, token: this.api.token, workspace: id });
    this.host.requestUpdate();
  }

  /**
   * Forgets the token and shows the sign-in view again at once; a work-account session is revoked
   * at the server, and when its answer says the revocation is not confirmed by every server
   * process, or it does not reach the server, {@link signedOutUnconfirmed} holds the words (unless
   * a sign-in started meanwhile).
   */
  signOut(): void {
    this.stopRetrying();
    const api = this.api;
    this.signedOutUnconfirmed = null;
    const gen = ++this.signOutCount;
    if (api && this.sessionEnds) void this.revoke(api, this.sessionEnds, gen);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.sessionEnds = null;
    this.state = 'signed-out';
    this.error = null;
    this.api = null;
    this.workspaces = [];
    this.workspace = null;
    this.me = null;
    this.units = [];
    this.remember(null);
    this.host.requestUpdate();
  }

  /**
   * Ends `api`'s session at the server (`revokeSession`, `session-sign-out.ts`), tried again after
   * {@link SessionOptions.signOutRetriesMs}. It goes on after a new sign-in (the old session must
   * still end); its words are shown only while still signed out from that same sign-out (`gen`).
   */
  private revoke(api: SamplanApi, ends: string, gen: number): Promise<void> {
    return revokeSession(api, ends, { fetchImpl: this.options.fetchImpl, waits: this.options.signOutRetriesMs ?? SIGN_OUT_RETRIES_MS }, (words) => {
      if (gen !== this.signOutCount || this.state !== 'signed-out') return;
      this.signedOutUnconfirmed = words;
      this.host.requestUpdate();
    });
  }

  /** Ends the session because the server closed the pane's connections for good, saying why. */
  close(message: string): void {
    this.signOut();
    this.closedWith = message;
    this.host.requestUpdate();
  }

  /** Marks the session as failed because the server refused the token while in use. */
  expire(kind: ApiErrorKind): void {
    this.signOut();
    this.error = kind;
    this.host.requestUpdate();
  }
}

/**
 * The token in what was pasted into the form: trimmed, without the `Authorization:` / `Bearer `
 * that a copied curl line or header carries (`npm start` prints one), without quotes around it
 * and without the curl option before (`-H`, `--header`) or the line's continuing `\` after.
 * "Bearer spl_…" → "spl_…"; an empty string when nothing is left.
 */
export function pastedToken(text: string): string {
  return text
    .trim()
    .replace(/^(?:-H|--header)(?:\s+|=)/, '')
    .replace(/\s*\\$/, '')
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim()
    .replace(/^(authorization\s*:\s*)?bearer(\s+|$)/i, '')
    .trim();
}

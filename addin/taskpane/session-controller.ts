/**
 * Sign-in state of one pane: the server, the token, the workspaces it may see and who it belongs
 * to. Kept in a reactive controller so the elements stay free of fetches and storage.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, SamplanApi, type ApiErrorKind, type Me, type UnitInfo, type WorkspaceInfo } from './api-client.js';

/** Where the pane is in signing in. */
export type SessionState = 'signed-out' | 'signing-in' | 'signed-in';

/** A remembered sign-in. */
interface Saved {
  serverUrl: string;
  token: string;
  workspace?: string;
}

/** What the sign-in view shows when signing in failed. */
export type SignInError = ApiErrorKind | 'badUrl' | 'emptyToken';

/** Options of {@link SessionController}. */
export interface SessionOptions {
  /** localStorage key to remember the sign-in under; empty to remember nothing (the playground). */
  storageKey: string;
  fetchImpl?: typeof fetch;
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

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly options: SessionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

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

  /** Signs in; on failure `state` is back to `signed-out` and `error` says why. */
  async signIn(serverUrl: string, token: string, workspace?: string): Promise<boolean> {
    const url = serverUrl.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/i.test(url)) return this.fail('badUrl');
    if (!token.trim()) return this.fail('emptyToken');
    this.state = 'signing-in';
    this.error = null;
    this.host.requestUpdate();
    const api = new SamplanApi(url, token.trim(), this.options.fetchImpl);
    try {
      const workspaces = await api.workspaces();
      this.api = api;
      this.workspaces = workspaces;
      this.workspace = workspaces.find((w) => w.id === workspace)?.id ?? workspaces[0]?.id ?? null;
      const who = this.workspace ? await api.me(this.workspace) : null;
      this.me = who?.me ?? null;
      this.units = who?.units ?? [];
      this.state = 'signed-in';
      this.remember({ serverUrl: url, token: token.trim(), ...(this.workspace ? { workspace: this.workspace } : {}) });
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

  /** Forgets the token and shows the sign-in view again. */
  signOut(): void {
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

  /** Marks the session as failed because the server refused the token while in use. */
  expire(kind: ApiErrorKind): void {
    this.signOut();
    this.error = kind;
    this.host.requestUpdate();
  }
}

// @vitest-environment happy-dom
/**
 * Work-account sign-in in the pane: SSO first, the Office dialog when SSO is not there, the
 * hand-off code traded for a session, the session refreshed and revoked on sign-out, and each
 * refusal a sentence in the sign-in view.
 */
import { render } from 'lit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountSignInError, readFragment, signInWithAccount } from '../../../addin/taskpane/account-sign-in.js';
import '../../../addin/taskpane/samplan-sign-in.js';
import { SessionController } from '../../../addin/taskpane/session-controller.js';
import { renderSignIn } from '../../../addin/taskpane/workbench-parts.js';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { $, fakeFetch, fakeHost as host, mount, textOf, until } from './support.js';

const SERVER = 'http://localhost:8787';
const session = { token: 'spl_' + 's'.repeat(43), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), workspace: 'hbi-stockholm', memberId: 'anna@region.se' };
const routes = {
  'POST /auth/handoff': { body: session },
  'POST /auth/session': { body: session },
  'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi-stockholm', name: 'Region Stockholm', role: 'editor', units: ['tensta'], memberId: 'anna@region.se' }] } },
  'GET /v1/workspaces/hbi-stockholm': { body: { id: 'hbi-stockholm', you: { memberId: 'anna@region.se', name: 'Anna', role: 'editor', units: ['tensta'] }, units: [] } },
  'DELETE /v1/session': { body: { signedOut: true } },
};

type Handler = (arg: { message: string } | { error: number }) => void;
/** A fake of Office's dialog API that answers with `message` (or closes when null). */
function fakeOffice(message: string | null) {
  const opened: string[] = [];
  const office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      ui: {
        displayDialogAsync(url: string, _opts: unknown, done: (r: unknown) => void) {
          opened.push(url);
          const handlers: Record<string, Handler> = {};
          done({ status: 'succeeded', value: { addEventHandler: (t: string, h: Handler) => (handlers[t] = h), close() {} } });
          setTimeout(() => (message === null ? handlers.dialogEventReceived?.({ error: 12006 }) : handlers.dialogMessageReceived?.({ message })), 0);
        },
      },
    },
  };
  return { office, opened };
}

const g = globalThis as { Office?: unknown; OfficeRuntime?: unknown };
beforeEach(() => localStorage.clear());
afterEach(() => {
  delete g.Office;
  delete g.OfficeRuntime;
  document.body.replaceChildren();
});

describe('work-account sign-in in the pane', () => {
  it('reads the fragment the server sends back', () => {
    expect(readFragment('#samplan-handoff=abc')).toEqual({ code: 'abc' });
    expect(readFragment('#samplan-error=not-invited')).toEqual({ error: 'not-invited' });
    expect(readFragment('#samplan-error=something-new')).toEqual({ error: 'provider-error' });
    expect(readFragment('#other')).toBeNull();
  });

  it('uses Office SSO first and trades its access token for a session', async () => {
    const server = fakeFetch(routes);
    g.OfficeRuntime = { auth: { getAccessToken: async () => 'sso-access-token' } };
    g.Office = fakeOffice('never used').office;
    const got = await signInWithAccount(SERVER, { fetchImpl: server.fetch });
    expect(got.token).toBe(session.token);
    expect(server.calls[0]).toMatchObject({ method: 'POST', path: '/auth/session', body: { accessToken: 'sso-access-token' } });
  });

  it('falls back to the dialog when SSO fails, and trades the hand-off code', async () => {
    const server = fakeFetch(routes);
    g.OfficeRuntime = { auth: { getAccessToken: async () => Promise.reject(Object.assign(new Error('no WebApplicationInfo'), { code: 13012 })) } };
    const { office, opened } = fakeOffice('samplan-handoff=one-time-code');
    g.Office = office;
    const got = await signInWithAccount(SERVER, { fetchImpl: server.fetch });
    expect(opened).toEqual([`${SERVER}/auth/login?mode=dialog`]);
    expect(server.calls[0]).toMatchObject({ path: '/auth/handoff', body: { code: 'one-time-code' } });
    expect(got.memberId).toBe('anna@region.se');
  });

  /** A work-account refusal of `POST /auth/session` with `cause`, as the server answers it. */
  const refusal = (cause: string) => ({ status: 401, body: { error: { code: `sign-in-${cause}`, message: cause, details: { cause } } } });

  it.each([
    ['does not list the Office client the SSO token was issued to', 'other-client'],
    // Office hands out the same access token until it runs out; the server refuses it after a sign-out.
    ['no longer takes the SSO token, its session signed out', 'signed-out'],
    ['no longer takes the SSO token, its session revoked in this workspace', 'revoked'],
  ])('signs in through the dialog when the server %s', async (_, cause) => {
    const server = fakeFetch({ ...routes, 'POST /auth/session': refusal(cause) });
    g.OfficeRuntime = { auth: { getAccessToken: async () => 'sso-access-token-of-office' } };
    const { office, opened } = fakeOffice('samplan-handoff=one-time-code');
    g.Office = office;
    const got = await signInWithAccount(SERVER, { fetchImpl: server.fetch });
    expect(server.calls.map((c) => c.path)).toEqual(['/auth/session', '/auth/handoff']);
    expect(opened).toEqual([`${SERVER}/auth/login?mode=dialog`]);
    expect(got.memberId).toBe('anna@region.se');
  });

  it('says another setup fault of the SSO token at once, not hidden behind a dialog', async () => {
    g.OfficeRuntime = { auth: { getAccessToken: async () => 'sso-access-token-of-office' } };
    g.Office = fakeOffice('never used').office;
    await expect(signInWithAccount(SERVER, { fetchImpl: fakeFetch({ ...routes, 'POST /auth/session': refusal('wrong-tenant') }).fetch })).rejects.toMatchObject({ failure: 'wrong-tenant' });
  });

  it('says why when the dialog reports a refusal or is closed', async () => {
    g.Office = fakeOffice('samplan-error=not-invited').office;
    await expect(signInWithAccount(SERVER, { fetchImpl: fakeFetch(routes).fetch })).rejects.toMatchObject({ failure: 'not-invited' });
    g.Office = fakeOffice(null).office;
    await expect(signInWithAccount(SERVER, { fetchImpl: fakeFetch(routes).fetch })).rejects.toBeInstanceOf(AccountSignInError);
  });

  it('finishes a redirect sign-in from the fragment, and signing out revokes the session', async () => {
    const server = fakeFetch(routes);
    const controller = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    expect(await controller.resumeAccountSignIn(SERVER, '#samplan-handoff=code-1')).toBe(true);
    expect(controller.state).toBe('signed-in');
    expect(controller.sessionEnds).toBe(session.expiresAt);
    expect(server.calls.find((c) => c.path === '/v1/workspaces')?.authorization).toBe(`Bearer ${session.token}`);
    controller.signOut();
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/session', authorization: `Bearer ${session.token}` });
  });

  it('shows in Swedish on the sign-in view that a sign-out was not confirmed by every server process, until the next sign-in', async () => {
    const words = {
      sv: 'Ändringen är sparad, men 1 av 2 andra serverprocesser bekräftade den inte inom 3 sekunder; de tillämpar den när de läser behörigheterna från databasen, inom 5 sekunder.',
      en: 'The change is saved, but 1 of 2 other server processes did not confirm it within 3 s; they apply it when they read rights from the database, within 5 s.',
    };
    const server = fakeFetch({ ...routes, 'DELETE /v1/session': { body: { signedOut: true, unconfirmed: words } } });
    const controller = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    expect(await controller.resumeAccountSignIn(SERVER, '#samplan-handoff=code-1')).toBe(true);
    controller.signOut();
    expect(controller.state).toBe('signed-out');
    const shown = async (lang: 'sv' | 'en') => {
      const root = document.createElement('div');
      document.body.append(root);
      render(renderSignIn(controller, { lang, serverUrl: SERVER, accountSignIn: true, returnTo: '' }), root);
      const view = root.querySelector('samplan-sign-in') as HTMLElement & { updateComplete: Promise<boolean> };
      await view.updateComplete;
      return $(view, '#signed-out-unconfirmed');
    };
    await until(() => controller.signedOutUnconfirmed !== null);
    expect((await shown('sv'))?.textContent).toBe(words.sv);
    expect((await shown('sv'))?.getAttribute('role')).toBe('status');
    expect((await shown('en'))?.textContent).toBe(words.en);
    expect(await controller.signIn(SERVER, session.token)).toBe(true);
    expect(controller.signedOutUnconfirmed).toBeNull();
  });

  it('tries a sign-out that does not reach the server again, saying so in words until it does', async () => {
    let down = 2;
    const server = fakeFetch({
      ...routes,
      'DELETE /v1/session': () => (down-- > 0 ? { status: 503, body: { error: { code: 'unavailable', message: 'down', details: null } } } : { body: { signedOut: true } }),
    });
    const controller = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch, signOutRetriesMs: [10, 10] });
    expect(await controller.resumeAccountSignIn(SERVER, '#samplan-handoff=code-1')).toBe(true);
    controller.signOut();
    await until(() => controller.signedOutUnconfirmed !== null);
    expect(controller.signedOutUnconfirmed?.sv).toContain('Utloggningen har inte nått servern (försöker igen)');
    expect(controller.signedOutUnconfirmed?.sv).toContain(session.expiresAt.slice(0, 10));
    await until(() => server.calls.filter((c) => c.method === 'DELETE').length === 3 && controller.signedOutUnconfirmed === null);
    expect(server.calls.filter((c) => c.method === 'DELETE').every((c) => c.authorization === `Bearer ${session.token}`)).toBe(true);
  });

  it('says in words when a sign-out never reached the server, after its last try', async () => {
    const failing: typeof fetch = async (input, init) => {
      if ((init?.method ?? 'GET') === 'DELETE') throw new TypeError('fetch failed');
      return fakeFetch(routes).fetch(input, init);
    };
    const controller = new SessionController(host(), { storageKey: '', fetchImpl: failing, signOutRetriesMs: [10] });
    expect(await controller.resumeAccountSignIn(SERVER, '#samplan-handoff=code-1')).toBe(true);
    controller.signOut();
    await until(() => controller.signedOutUnconfirmed !== null && !controller.signedOutUnconfirmed.sv.includes('försöker igen'));
    expect(controller.signedOutUnconfirmed?.sv).toMatch(/^Utloggningen har inte nått servern: sessionen gäller där till .* UTC/);
    expect(controller.signedOutUnconfirmed?.en).toContain('has not reached the server');
  });

  it('shows a refused sign-in as a sentence', async () => {
    const controller = new SessionController(host(), { storageKey: '', fetchImpl: fakeFetch(routes).fetch });
    expect(await controller.resumeAccountSignIn(SERVER, '#samplan-error=wrong-tenant')).toBe(false);
    expect(controller.error).toBe('account:wrong-tenant');
    const view = await mount('samplan-sign-in', { accountSignIn: true, error: controller.error });
    expect($(view, '#error')?.textContent).toMatch(/annan organisation/);
  });
});

describe('<samplan-sign-in> with work accounts', () => {
  it('offers the work account first and keeps the token form under Advanced', async () => {
    const el = await mount('samplan-sign-in', { accountSignIn: true });
    let asked = 0;
    el.addEventListener('samplan-account-sign-in', () => asked++);
    $(el, '#account')?.click();
    expect(asked).toBe(1);
    expect($(el, '#advanced #token')).not.toBeNull();
    expect(textOf(el)).toContain('Logga in med jobbkonto');
  });

  it('shows why the pane was closed, in the reader’s language', async () => {
    const removed = refusalFor(4401, 'Membership removed');
    const el = await mount('samplan-sign-in', { accountSignIn: true, lang: 'en', notice: removed.message.en });
    expect($(el, '#closed')?.textContent).toMatch(/administrator removed you/);
    expect(refusalFor(4401, 'Membership removed').message.sv).toMatch(/tagit bort dig/);
  });
});

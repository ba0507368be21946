// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionController } from '../../../addin/taskpane/session-controller.js';
import { fakeFetch, fakeHost as host, SIGN_IN_ROUTES } from './support.js';

function unauthorized(reason: string) {
  return { status: 401, body: { error: { code: `token-${reason}`, message: `The access token is ${reason}.`, details: { reason } } } };
}

describe('SessionController', () => {
  beforeEach(() => localStorage.clear());

  it('signs in: loads the workspaces, the member and the units, and sends the token as a bearer header', async () => {
    const server = fakeFetch(SIGN_IN_ROUTES);
    const session = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    expect(await session.signIn('http://localhost:8787/', ' spl_a ')).toBe(true);
    expect(session.state).toBe('signed-in');
    expect(session.workspace).toBe('hbi-stockholm');
    expect(session.me).toEqual({ name: 'Anna Andersson', role: 'editor', units: ['tensta'], memberId: 'anna' });
    expect(session.units[0]?.name).toBe('Tensta vårdcentral');
    expect(server.calls[0]?.authorization).toBe('Bearer spl_a');
  });

  it.each([
    ['unknown', 'unauthorized'],
    ['expired', 'expired'],
    ['revoked', 'revoked'],
  ])('tells a %s token apart (%s)', async (reason, kind) => {
    const server = fakeFetch({ 'GET /v1/workspaces': unauthorized(reason) });
    const session = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    expect(await session.signIn('http://localhost:8787', 'spl_x')).toBe(false);
    expect(session.state).toBe('signed-out');
    expect(session.error).toBe(kind);
  });

  it.each([
    ['Bearer spl_a'],
    ['Authorization: Bearer spl_a'],
    ['  bearer   spl_a\n'],
    ['"spl_a"'],
    ['”Bearer spl_a”'],
    ['-H "Authorization: Bearer spl_a"'],
    ["--header 'Authorization: Bearer spl_a' \\"],
  ])('signs in with a token pasted as %j (a copied header or curl line), sending and keeping the token alone', async (pasted) => {
    const server = fakeFetch(SIGN_IN_ROUTES);
    const session = new SessionController(host(), { storageKey: 'samplan.pasted', fetchImpl: server.fetch });
    expect(await session.signIn('http://localhost:8787', pasted)).toBe(true);
    expect(server.calls[0]?.authorization).toBe('Bearer spl_a');
    expect(session.saved()?.token).toBe('spl_a');
  });

  it('takes "Bearer" alone as no token', async () => {
    const server = fakeFetch({});
    const session = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    await session.signIn('http://localhost:8787', 'Bearer ');
    expect(session.error).toBe('emptyToken');
    expect(server.calls).toHaveLength(0);
  });

  it('says the server is unreachable when fetch itself fails', async () => {
    const session = new SessionController(host(), {
      storageKey: '',
      fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await session.signIn('http://nowhere.invalid', 'spl_x');
    expect(session.error).toBe('unreachable');
  });

  it('refuses an address that is not http(s) and an empty token before asking the server', async () => {
    const server = fakeFetch({});
    const session = new SessionController(host(), { storageKey: '', fetchImpl: server.fetch });
    await session.signIn('localhost:8787', 'spl_x');
    expect(session.error).toBe('badUrl');
    await session.signIn('http://localhost:8787', '  ');
    expect(session.error).toBe('emptyToken');
    expect(server.calls).toHaveLength(0);
  });

  it('remembers the sign-in under its storage key and forgets it on sign-out', async () => {
    const server = fakeFetch(SIGN_IN_ROUTES);
    const session = new SessionController(host(), { storageKey: 'samplan.session', fetchImpl: server.fetch });
    await session.signIn('http://localhost:8787', 'spl_a');
    expect(session.saved()).toEqual({ serverUrl: 'http://localhost:8787', token: 'spl_a', workspace: 'hbi-stockholm' });
    session.signOut();
    expect(session.saved()).toBeNull();
    expect(session.state).toBe('signed-out');
  });
});

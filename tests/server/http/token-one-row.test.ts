/**
 * A request that needs one token reads one token row, however many tokens its workspace holds. A
 * workspace keeps every sign-in session as a token (thousands in a county group), and the rights
 * read again at each REST write (`current-principal.ts`), a session's own routes (`session.ts`,
 * `sessions.ts`) and an admin's revoke (`workspaces.ts`) each listed all of them to find one.
 * Counted here with a storage wrapper over the rows of tokens handed back, not with timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueSession } from '../../../server/auth/sessions.js';
import { countingTokens, type TokenReads } from './counting-tokens.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

/** Sign-in sessions stored in the workspace besides the fixture's tokens. */
const SESSIONS = 5_000;
/** The storage methods whose token rows are counted. */
const TOKEN_READS = ['getTokenByHash', 'getToken', 'listTokens'];

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(`a workspace with ${SESSIONS} sign-in sessions`, () => {
  let f: Fixture;
  const reads: TokenReads = { counting: false, rows: 0, calls: {} };
  let session: string;
  let sessionIds: string[];

  beforeEach(async () => {
    f = await makeFixture({ wrap: (s) => countingTokens(s, reads, TOKEN_READS) });
    const createdAt = f.now.value.toISOString();
    const expiresAt = new Date(f.now.value.getTime() + 3_600_000).toISOString();
    sessionIds = [];
    for (let i = 0; i < SESSIONS; i++) {
      const id = `s${String(i).padStart(5, '0')}`;
      sessionIds.push(id);
      await f.storage.putToken({ id, hash: id.padEnd(64, 'a'), workspace: WS, memberId: i % 2 ? 'eda' : 'chef', label: 'session: dialog', createdAt, expiresAt, revokedAt: null });
    }
    session = (await issueSession(f.storage, { workspace: WS, memberId: 'admin', via: 'dialog', minutes: 60, clock: () => f.now.value })).token;
    reads.counting = true;
    reads.rows = 0;
    reads.calls = {};
  });
  afterEach(() => f.close());

  /** The token rows and calls `request` made storage hand back. */
  const counted = async (request: () => Promise<Response>): Promise<{ status: number; rows: number; calls: Record<string, number> }> => {
    reads.rows = 0;
    reads.calls = {};
    const res = await request();
    await res.arrayBuffer();
    return { status: res.status, rows: reads.rows, calls: { ...reads.calls } };
  };

  it('reads the token again at a REST write as one row, for an API token and for a session', async () => {
    for (const [who, token, code] of [
      ['api token', f.tokens.admin, 'vc-c'],
      ['session', session, 'vc-d'],
    ] as const) {
      const r = await counted(() => f.req(`/v1/workspaces/${WS}/units`, token, json('POST', { code, name: `Vårdcentral ${code}`, parent: 'region' })));
      expect(r.status, who).toBe(201);
      // One row to authenticate the request (by its hash), one to read it again at the write.
      expect(r, who).toEqual({ status: 201, rows: 2, calls: { getTokenByHash: 1, getToken: 1 } });
    }
    expect((await f.storage.listUnits(WS)).map((u) => u.code)).toEqual(expect.arrayContaining(['vc-c', 'vc-d']));
  });

  it('still refuses the write, reading one row, when the token was revoked after the request arrived', async () => {
    const tokenId = (await f.storage.listTokens(WS)).find((t) => t.memberId === 'admin' && t.label === 'test')!.id;
    // Revoked between authentication and the write: at the first storage call after the look-up by hash.
    let armed = true;
    const inner = f.storage.getToken.bind(f.storage);
    f.storage.getToken = async (workspace, id) => {
      if (armed) {
        armed = false;
        await f.storage.revokeToken(tokenId, f.now.value.toISOString());
      }
      return inner(workspace, id);
    };
    const r = await counted(() => f.req(`/v1/workspaces/${WS}/units`, f.tokens.admin, json('POST', { code: 'vc-e', name: 'Vårdcentral E', parent: 'region' })));
    expect(r).toEqual({ status: 401, rows: 2, calls: { getTokenByHash: 1, getToken: 1 } });
    expect((await f.storage.listUnits(WS)).map((u) => u.code)).not.toContain('vc-e');
  });

  it('answers, refreshes and ends a session reading its own row only', async () => {
    const get = await counted(() => f.req('/v1/session', session));
    expect(get).toEqual({ status: 200, rows: 2, calls: { getTokenByHash: 1, getToken: 1 } });

    f.now.value = new Date(f.now.value.getTime() + 30 * 60_000);
    const refresh = await counted(() => f.req('/v1/session/refresh', session, { method: 'POST' }));
    // Authenticated, read again at the write (the session's expiry), read to refresh, and once more after writing.
    expect(refresh).toEqual({ status: 200, rows: 4, calls: { getTokenByHash: 1, getToken: 3 } });

    const out = await counted(() => f.req('/v1/session', session, { method: 'DELETE' }));
    // Authenticated and read to see it is a session; a sign-out is the session's own end, so its
    // revocation is not read again at the write (`signOutRoutes`).
    expect(out).toEqual({ status: 200, rows: 2, calls: { getTokenByHash: 1, getToken: 1 } });
    expect((await f.req('/v1/session', session)).status).toBe(401);
  });

  it("revokes one session by id reading its row, and finds no token of another workspace by that workspace's id", async () => {
    const r = await counted(() => f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json('DELETE', { id: sessionIds[4_321] })));
    // The admin's token authenticated and read again at the write, and the session to revoke.
    expect(r).toEqual({ status: 200, rows: 3, calls: { getTokenByHash: 1, getToken: 2 } });
    expect((await f.storage.getToken(WS, sessionIds[4_321]!))?.revokedAt).not.toBeNull();

    await f.storage.putToken({ id: 'other-t', hash: 'b'.repeat(64), workspace: 'other', memberId: 'x', label: 'laptop', createdAt: f.now.value.toISOString(), expiresAt: null, revokedAt: null });
    const res = await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json('DELETE', { id: 'other-t' }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('token-not-found');
    expect((await f.storage.getToken('other', 'other-t'))?.revokedAt).toBeNull();
  });
});

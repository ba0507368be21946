/**
 * A member's removal, and adding a member of an id again, revoke that member's tokens reading
 * that member's token rows only (`Storage.listMemberTokens`), however many sign-in sessions the
 * workspace holds; `put-member.ts` listed every token of the workspace to filter one member's.
 * Counted with a storage wrapper over the token rows handed back, not with timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../../server/storage/storage.js';
import { countingTokens, type TokenReads } from './counting-tokens.js';
import { makeFixture, WS, type Fixture } from './support.js';

/** Sign-in sessions of other members stored in the workspace. */
const SESSIONS = 5_000;
/** The storage methods whose token rows are counted. */
const TOKEN_READS = ['getTokenByHash', 'getToken', 'getTokens', 'listTokens', 'listMemberTokens'];
/** Sessions of the member removed (`edb`), besides the fixture's API token. */
const OWN_SESSIONS = 3;

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(`a member's tokens in a workspace with ${SESSIONS} sign-in sessions`, () => {
  let f: Fixture;
  const reads: TokenReads = { counting: false, rows: 0, calls: {} };

  beforeEach(async () => {
    f = await makeFixture({ wrap: (s) => countingTokens(s, reads, TOKEN_READS) });
    const createdAt = f.now.value.toISOString();
    const expiresAt = new Date(f.now.value.getTime() + 3_600_000).toISOString();
    const session = (id: string, memberId: string): TokenRecord => ({ id, hash: id.padEnd(64, 'a'), workspace: WS, memberId, label: 'session: dialog', createdAt, expiresAt, revokedAt: null });
    for (let i = 0; i < SESSIONS; i++) await f.storage.putToken(session(`s${String(i).padStart(5, '0')}`, i % 2 ? 'eda' : 'chef'));
    for (let i = 0; i < OWN_SESSIONS; i++) await f.storage.putToken(session(`b${i}`, 'edb'));
    reads.counting = true;
  });
  afterEach(() => f.close());

  const counted = async (request: () => Promise<Response>): Promise<{ status: number; rows: number; calls: Record<string, number> }> => {
    reads.rows = 0;
    reads.calls = {};
    const res = await request();
    await res.arrayBuffer();
    return { status: res.status, rows: reads.rows, calls: { ...reads.calls } };
  };

  it("removes a member revoking all of its tokens, reading that member's rows only", async () => {
    const r = await counted(() => f.req(`/v1/workspaces/${WS}/members/edb`, f.tokens.admin, { method: 'DELETE' }));
    // One row to authenticate (by hash), one to read it again at the write, then edb's own: the API token and the sessions.
    expect(r).toEqual({ status: 200, rows: 2 + 1 + OWN_SESSIONS, calls: { getTokenByHash: 1, getToken: 1, listMemberTokens: 1 } });
    reads.counting = false;
    const all = await f.storage.listTokens(WS);
    expect(all.filter((t) => t.memberId === 'edb').map((t) => t.revokedAt)).toEqual(Array(1 + OWN_SESSIONS).fill(f.now.value.toISOString()));
    expect(all.filter((t) => t.memberId !== 'edb' && t.revokedAt !== null)).toEqual([]);
    expect((await f.req(`/v1/workspaces/${WS}/units`, f.tokens.editorB)).status).toBe(401);
  });

  it("adds a removed member's id again revoking a token stored meanwhile, reading that member's rows only; a role change reads none", async () => {
    reads.counting = false;
    expect((await f.req(`/v1/workspaces/${WS}/members/edb`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
    // A session of the id written after the removal (a sign-in that had read the member just before).
    await f.storage.putToken({ id: 'late', hash: 'late'.padEnd(64, 'b'), workspace: WS, memberId: 'edb', label: 'session: dialog', createdAt: f.now.value.toISOString(), expiresAt: null, revokedAt: null });
    reads.counting = true;
    const added = await counted(() => f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json('POST', { id: 'edb', name: 'Person edb', role: 'editor', units: ['vc-b'] })));
    expect(added).toEqual({ status: 201, rows: 2 + 1 + OWN_SESSIONS + 1, calls: { getTokenByHash: 1, getToken: 1, listMemberTokens: 1 } });
    expect((await f.storage.getToken(WS, 'late'))?.revokedAt).toBe(f.now.value.toISOString());

    const changed = await counted(() => f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json('POST', { id: 'eda', name: 'Person eda', role: 'viewer', units: ['vc-a'] })));
    expect(changed).toEqual({ status: 200, rows: 2, calls: { getTokenByHash: 1, getToken: 1 } });
  });
});

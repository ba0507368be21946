/**
 * One person signed in to two workspaces of one store with the same Office SSO access token (two
 * servers of a deployment, each signing in to its own workspace): a coordinator's revocation in
 * one workspace ends the sign-in's sessions there and nowhere else, since rights are per
 * workspace; the person's own sign-out ends them in every workspace, and each workspace's audit
 * names the sessions it lost, by its own member. Fails on the code that ended the sessions by the
 * access token alone (the other workspace's session answered 401, its audit had no line).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { issueSession } from '../../../server/auth/sessions.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

/** The fixture's second workspace, with its own member for the same person. */
const OTHER = 'other';
const KEY = 'c3'.repeat(32);

let f: Fixture | null = null;
afterEach(() => f?.close());

/** `n` sessions of `memberId` in `workspace`, each noted as started from the access token of {@link KEY}. */
async function sessions(fx: Fixture, workspace: string, memberId: string, n: number) {
  const made = [];
  for (let i = 0; i < n; i++) {
    const s = await issueSession(fx.storage, { workspace, memberId, via: 'sso', minutes: 60, clock: () => fx.now.value });
    await fx.storage.noteAccessTokenSession({ key: KEY, tokenId: s.tokenId, until: new Date(fx.now.value.getTime() + 3_600_000).toISOString() }, fx.now.value.toISOString());
    made.push(s);
  }
  return made;
}

/** What `GET /v1/session` answers `token`: 200, or the refusal's code. */
async function answered(fx: Fixture, token: string) {
  const res = await fx.req('/v1/session', token);
  return res.status === 200 ? 200 : (await errorOf(res)).code;
}

/** The workspace's audit lines of ending sessions, oldest first: [action, member, detail]. */
async function endings(fx: Fixture, workspace: string) {
  const lines = await fx.storage.listAudit(workspace, 50);
  const ending = (l: (typeof lines)[number]) => l.action === 'sign-out' || (l.action === 'token' && !(l.detail ?? '').startsWith('created'));
  return lines.filter(ending).reverse().map((l) => [l.action, l.memberId, l.detail]);
}

describe('ending a sign-in held in two workspaces of one store', () => {
  it("ends with a coordinator's revocation the sessions of that workspace only", async () => {
    const fx = await makeFixture();
    f = fx;
    await fx.storage.putMember({ workspace: OTHER, id: 'eda.other', name: 'Person eda', role: 'editor', units: [] });
    const [a1, a2] = await sessions(fx, WS, 'eda', 2);
    const [b1] = await sessions(fx, OTHER, 'eda.other', 1);

    const res = await fx.req(`/v1/workspaces/${WS}/tokens`, fx.tokens.coordinator, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: a1!.tokenId }),
    });
    expect(res.status).toBe(200);
    expect([await answered(fx, a1!.token), await answered(fx, a2!.token), await answered(fx, b1!.token)]).toEqual(['token-revoked', 'token-revoked', 200]);
    expect(await endings(fx, WS)).toEqual([
      ['token', 'coord', `revoked ${a1!.tokenId}`],
      ['token', 'coord', `also ended ${a2!.tokenId}`],
    ]);
    expect(await endings(fx, OTHER)).toEqual([]);
  });

  it('ends with the person\'s own sign-out the sessions of every workspace, each audited in its own', async () => {
    const fx = await makeFixture();
    f = fx;
    await fx.storage.putMember({ workspace: OTHER, id: 'eda.other', name: 'Person eda', role: 'editor', units: [] });
    const inWs = await sessions(fx, WS, 'eda', 2);
    const [b1, b2] = await sessions(fx, OTHER, 'eda.other', 2);

    expect((await fx.req('/v1/session', b1!.token, { method: 'DELETE' })).status).toBe(200);
    expect(await Promise.all([...inWs, b2!].map((s) => answered(fx, s.token)))).toEqual(['token-revoked', 'token-revoked', 'token-revoked']);
    expect(await endings(fx, OTHER)).toEqual([
      ['sign-out', 'eda.other', null],
      ['sign-out', 'eda.other', `also ended ${b2!.tokenId}`],
    ]);
    const ids = inWs.map((s) => s.tokenId).sort();
    expect(await endings(fx, WS)).toEqual([['sign-out', 'eda', `also ended ${ids.join(', ')}: signed out in ${OTHER}`]]);
  });
});

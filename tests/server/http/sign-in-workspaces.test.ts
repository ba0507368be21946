/**
 * One Office SSO access token signing in to two workspaces of one store (two servers of a
 * deployment, each signing in to its own workspace): how far an ended session refuses the token
 * follows how it ended. A coordinator's revocation refuses it in that workspace only, since rights
 * are per workspace; the person's own sign-out refuses it in every workspace, also at a sign-in
 * another server noted while the sign-out ran. Fails on the code that refused the token everywhere
 * after any revocation or removal (the other workspace's sign-in answered 401 `sign-in-signed-out`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/tokens.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';
import { servicesMissing } from '../../support/services.js';
import { tempStores } from '../../support/temp-stores.js';
import { usePostgres } from '../../support/use-services.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig, type Harness } from '../auth/oidc-harness.js';
import { TOKENS, WS } from '../sync/seed.js';
import { heldAtNote, present, signOut, type Answer } from './access-token-sign-in.js';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';

const ANNA = 'anna@region.test';
/** The workspace the second server signs in to. */
const OTHER = 'hbi-other';
const missing = servicesMissing();
let op: TestProvider;
const stores = tempStores();

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], { [ANNA]: { name: 'Anna Ek' } });
}, 60_000);
afterAll(async () => op?.stop());

/**
 * A server of {@link WS} on `a` and one of {@link OTHER} on `b` (the same store, or two connections
 * to it), Anna a member of both.
 */
async function servers(a: Storage, b: Storage = a): Promise<[Harness, Harness]> {
  const ha = await harness(op, testConfig(op.issuer), undefined, { storage: a });
  await a.putWorkspace({ id: OTHER, name: 'Annan hälsoregion', createdAt: new Date().toISOString() });
  for (const workspace of [WS, OTHER]) await a.putMember({ workspace, id: ANNA, name: 'Anna Ek', role: 'editor', units: [] });
  const hb = await harness(op, testConfig(op.issuer, { workspace: OTHER }), undefined, { storage: b, seeded: true });
  return [ha, hb];
}

/** What `token` is answered at `workspace`'s REST route on `h`: 200, or the refusal's code. */
async function restWith(h: Harness, workspace: string, token: string) {
  const res = await h.req(`/v1/workspaces/${workspace}`, { token });
  return res.status === 200 ? 200 : ((await res.json()) as Answer).error?.code;
}

describe('an access token signed in to two workspaces', () => {
  it("is refused after a coordinator's revocation in that workspace only, and after the person's own sign-out in both", async () => {
    const [ha, hb] = await servers(stores.keep(openSqliteStorage(stores.dbFile('token-workspaces'))));
    try {
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const [onA, onB] = [await present(ha, token), await present(hb, token)];
      expect([onA.status, onB.status]).toEqual([200, 200]);
      const revoked = (await ha.storage.getTokenByHash(hashSecret(onA.body.token!)))?.id;
      const res = await ha.req(`/v1/workspaces/${WS}/tokens`, { method: 'DELETE', token: TOKENS.coordinator, body: JSON.stringify({ id: revoked }) });
      expect(res.status).toBe(200);

      // Refused where the coordinator governs; taken again in the other workspace, whose session lives on.
      const [againA, againB] = [await present(ha, token), await present(hb, token)];
      expect([againA.status, againA.body.error?.code, againA.body.error?.details.cause, againB.status]).toEqual([401, 'sign-in-revoked', 'revoked', 200]);
      expect(againA.body.error?.details.message).toEqual(SIGN_IN_MESSAGES.revoked);
      expect(await restWith(hb, OTHER, onB.body.token!)).toBe(200);

      // Anna signs out in the other workspace: the token is refused in both, every session of it ended.
      expect(await signOut(hb, againB.body.token!)).toBe(200);
      const [lastA, lastB] = [await present(ha, token), await present(hb, token)];
      expect([lastA.body.error?.details.cause, lastB.body.error?.details.cause]).toEqual(['signed-out', 'signed-out']);
      expect(await restWith(hb, OTHER, onB.body.token!)).toBe('token-revoked');
    } finally {
      await ha.samplan.close();
      await hb.samplan.close();
    }
  });

  it('is taken in the other workspace after the person was removed from one', async () => {
    const [ha, hb] = await servers(stores.keep(openSqliteStorage(stores.dbFile('token-removal'))));
    try {
      const token = await rawAccessToken(op, 'samplan', ANNA);
      expect([(await present(ha, token)).status, (await present(hb, token)).status]).toEqual([200, 200]);
      const removed = await ha.req(`/v1/workspaces/${WS}/members/${encodeURIComponent(ANNA)}`, { method: 'DELETE', token: TOKENS.coordinator });
      expect(removed.status).toBe(200);
      const [inA, inB] = [await present(ha, token), await present(hb, token)];
      expect([inA.status, inB.status]).toEqual([401, 200]);
    } finally {
      await ha.samplan.close();
      await hb.samplan.close();
    }
  });

  it('is refused, and audited as revoked by a coordinator, at a sign-in noted while a coordinator of its workspace revoked its session', async () => {
    const file = stores.dbFile('revoke-race');
    const a = stores.keep(openSqliteStorage(file));
    const held = heldAtNote(stores.keep(openSqliteStorage(file)));
    const ha = await harness(op, testConfig(op.issuer), undefined, { storage: a });
    await a.putMember({ workspace: WS, id: ANNA, name: 'Anna Ek', role: 'editor', units: [] });
    const hb = await harness(op, testConfig(op.issuer), undefined, { storage: held.storage, seeded: true });
    try {
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const onA = await present(ha, token);
      const revoked = (await a.getTokenByHash(hashSecret(onA.body.token!)))!.id;
      // The second server's sign-in asked before the revocation and notes its session after it.
      const onB = present(hb, token);
      await held.reached;
      const res = await ha.req(`/v1/workspaces/${WS}/tokens`, { method: 'DELETE', token: TOKENS.coordinator, body: JSON.stringify({ id: revoked }) });
      expect(res.status).toBe(200);
      held.release();
      const late = await onB;
      expect([late.status, late.body.error?.code, late.body.error?.details.cause]).toEqual([401, 'sign-in-revoked', 'revoked']);
      expect(late.body.error?.details).toMatchObject({ endedAt: expect.any(String), message: SIGN_IN_MESSAGES.revoked });
      // Its session's line says how the token ended and names the session the coordinator's own line revoked.
      const started = (await a.listTokens(WS)).find((t) => t.memberId === ANNA && t.id !== revoked)!;
      const lines = (await a.listAudit(WS, 50)).filter((l) => l.action === 'token').map((l) => [l.memberId, l.detail]);
      const at = (await a.getToken(WS, revoked))!.revokedAt;
      expect(lines).toEqual(
        expect.arrayContaining([
          ['m-coord', `revoked ${revoked}`],
          [ANNA, `revoked ${started.id}: its access token was revoked in this workspace (session ${revoked} revoked at ${at}) meanwhile`],
        ]),
      );
      expect([started.revokedAt !== null, lines.some(([, d]) => d?.includes('signed out'))]).toEqual([true, false]);
    } finally {
      await ha.samplan.close();
      await hb.samplan.close();
    }
  });

  it("is refused at a sign-in another workspace's server noted while the person signed out, on one SQLite file", async () => {
    const file = stores.dbFile('sign-out-race-workspaces');
    await signOutRace(stores.keep(openSqliteStorage(file)), stores.keep(openSqliteStorage(file)));
  });
});

describe.skipIf(missing !== null)('an access token signed in to two workspaces, on PostgreSQL', () => {
  const pg = usePostgres();
  it("is refused at a sign-in another workspace's server noted while the person signed out", async () => {
    const url = await pg.createDb('sign_out_race_ws');
    const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
    try {
      await signOutRace(a, b);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/**
 * A server of {@link WS} on `a` and one of {@link OTHER} on `b` (two connections to one store): the
 * sign-in on the other workspace's server is held after its first question, before its note, while
 * Anna signs out on the first; the sign-out does not see its session, so the sign-in must see the
 * sign-out once noted, though it was in another workspace. It is refused and leaves no live session.
 */
async function signOutRace(a: Storage, b: Storage): Promise<void> {
  const held = heldAtNote(b);
  const [ha, hb] = await servers(a, held.storage);
  try {
    const token = await rawAccessToken(op, 'samplan', ANNA);
    const onA = await present(ha, token);
    expect(onA.status).toBe(200);
    const onB = present(hb, token);
    await held.reached;
    expect(await signOut(ha, onA.body.token!)).toBe(200);
    held.release();
    const late = await onB;
    expect([late.status, late.body.error?.details.cause]).toEqual([401, 'signed-out']);
    expect((await a.listTokens(OTHER)).filter((t) => t.memberId === ANNA).map((t) => t.revokedAt !== null)).toEqual([true]);
  } finally {
    await ha.samplan.close();
    await hb.samplan.close();
  }
}

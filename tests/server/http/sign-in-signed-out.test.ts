/**
 * Signing out ends the Office SSO access token too: `POST /auth/session` refuses an access token
 * whose session was signed out (401 `sign-in-signed-out`, in Swedish and English) while it is
 * valid, on every server of the store, and the rows kept for that are dropped once the token has
 * run out. Another access token of the same person still signs in. Every other session started
 * from that token ends with the sign-out (REST 401, sockets closed with 4401 "Token revoked"),
 * also one a server started while another server signed the token out, and also when the session
 * signed out with had run out of time (it may do that and nothing else).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { syncProtocols } from '../../../shared/protocol/socket-auth.js';
import type { Storage } from '../../../server/storage/storage.js';
import { listenedSocket } from '../../support/listened-socket.js';
import { decodeJwt } from 'jose';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { accessTokenKey } from '../../../server/auth/access-token-key.js';
import { MAX_CLOCK_SKEW_SEC } from '../../../server/auth/oidc-config.js';
import { hashSecret } from '../../../server/auth/tokens.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig, type Harness } from '../auth/oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';
import { tempStores } from '../../support/temp-stores.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { TOKENS, WS } from '../sync/seed.js';
import { heldAtNote, present, signOut, type Answer } from './access-token-sign-in.js';

const ANNA = 'anna@region.test';
const missing = servicesMissing();
let op: TestProvider;
const stores = tempStores();

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], { [ANNA]: { name: 'Anna Ek' } });
}, 60_000);
afterAll(async () => op?.stop());

/**
 * `token` with its signature's last character spelled otherwise: a bit base64url leaves unused
 * changed (RFC 4648 §3.5), the signature's bytes the same, so it verifies as the token does.
 */
function respelled(token: string): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const signature = token.split('.')[2] ?? '';
  if (signature.length * 6 - Buffer.from(signature, 'base64url').length * 8 === 0) throw new Error('this signature has no unused bit');
  const other = ALPHABET[ALPHABET.indexOf(token.slice(-1)) ^ 1] ?? '';
  return token.slice(0, -1) + other;
}
const invite = (h: Harness) => h.storage.putMember({ workspace: WS, id: ANNA, name: 'Anna Ek', role: 'editor', units: ['clinic-a'] });
/** What `token` is answered at a REST route of `h`: 200, or the 401's code. */
const restWith = async (h: Harness, token: string) => {
  const res = await h.req(`/v1/workspaces/${WS}`, { token });
  return res.status === 200 ? 200 : ((await res.json()) as Answer).error?.code;
};

/** How `socket` closed within 10 s (generous under load: a revocation closes it at once, a poll within 500 ms), or 'still open'. */
const closedSoon = (socket: { closed: Promise<{ code: number; reason: string }> }) =>
  Promise.race([socket.closed, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 10_000))]);

/** `h` on a real port, for sockets: `open(token)` opens one to plan-a; `stop` closes the server (not the app). */
async function served(h: Harness) {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: h.samplan.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  h.samplan.injectWebSocket(server);
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sync/${WS}/plan-a`;
  return {
    async open(token: string) {
      const socket = listenedSocket(url, syncProtocols(token));
      await socket.opened;
      return socket;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('an access token whose session was signed out', () => {
  it('is refused at sign-in with 401 in words, while another token of the same person signs in', async () => {
    const h = await harness(op, testConfig(op.issuer));
    try {
      await invite(h);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const first = await present(h, token);
      expect(first.status).toBe(200);
      expect(await signOut(h, first.body.token!)).toBe(200);

      const again = await present(h, token);
      expect([again.status, again.body.error?.code, again.body.error?.details.cause]).toEqual([401, 'sign-in-signed-out', 'signed-out']);
      expect(again.body.error?.details.message).toEqual(SIGN_IN_MESSAGES['signed-out']);
      expect(again.body.error?.details.message?.sv).toMatch(/loggat ut/);
      // Another spelling of the same signed token is the same token.
      const other = respelled(token);
      expect([other !== token, Buffer.from(other.split('.')[2]!, 'base64url').equals(Buffer.from(token.split('.')[2]!, 'base64url'))]).toEqual([true, true]);
      expect((await present(h, other)).body.error?.details.cause).toBe('signed-out');
      // The log says why, never the token; the store keeps a hash of its signed part, never the token.
      expect(h.logs.some((l) => l.signIn === 'signed-out')).toBe(true);
      expect(JSON.stringify(h.logs)).not.toContain(token);

      const another = await present(h, await rawAccessToken(op, 'samplan', ANNA));
      expect(another.status).toBe(200);
      expect((await h.req(`/v1/workspaces/${WS}`, { token: another.body.token! })).status).toBe(200);
    } finally {
      await h.samplan.close();
    }
  });

  it('is refused by every server on one SQLite file, whichever signed it out, and its row is dropped after it runs out', async () => {
    const file = stores.dbFile('signed-out');
    const [a, b] = [stores.keep(openSqliteStorage(file)), stores.keep(openSqliteStorage(file))];
    // The servers' clock is moved past the token's end below; the verifier keeps the real time, so a fresh token still verifies.
    const real = () => new Date();
    const ha = await harness(op, testConfig(op.issuer), real, { storage: a });
    const hb = await harness(op, testConfig(op.issuer), real, { storage: b, seeded: true });
    try {
      await invite(ha);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const first = await present(ha, token);
      expect(first.status).toBe(200);
      // Signed out through the other server.
      expect(await signOut(hb, first.body.token!)).toBe(200);
      expect([(await present(ha, token)).status, (await present(hb, token)).status]).toEqual([401, 401]);

      const db = new Database(file, { readonly: true });
      const kept = () => db.prepare('SELECT token_key FROM access_token_sessions').pluck().all() as string[];
      try {
        expect(kept()).toEqual([accessTokenKey(token)]);
        expect(JSON.stringify(db.prepare('SELECT * FROM access_token_sessions').all())).not.toContain(token.split('.')[2]);
        // Past the token's end and the most clock skew any server may allow, the next sign-in drops its row.
        ha.skew.ms = ((decodeJwt(token).exp ?? 0) + MAX_CLOCK_SKEW_SEC + 1) * 1000 - Date.now();
        const later = await rawAccessToken(op, 'samplan', ANNA);
        expect((await present(ha, later)).status).toBe(200);
        expect(kept()).toEqual([accessTokenKey(later)]);
      } finally {
        db.close();
      }
    } finally {
      await ha.samplan.close();
      await hb.samplan.close();
    }
  });

  it('is refused by a server allowing more clock skew than the one that signed it in, past that one\'s skew', async () => {
    const file = stores.dbFile('skews');
    const [a, b] = [stores.keep(openSqliteStorage(file)), stores.keep(openSqliteStorage(file))];
    // One clock for the servers and their verifiers, moved past the token's end below.
    const shift = { ms: 0 };
    const clock = () => new Date(Date.now() + shift.ms);
    const ha = await harness(op, testConfig(op.issuer, { clockSkewSec: 60 }), clock, { storage: a });
    const hb = await harness(op, testConfig(op.issuer, { clockSkewSec: 600 }), clock, { storage: b, seeded: true });
    try {
      await invite(ha);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const first = await present(ha, token);
      expect(first.status).toBe(200);
      expect(await signOut(ha, first.body.token!)).toBe(200);
      // Two minutes past its end: A's verifier no longer takes it, B's (ten minutes' skew) still does.
      shift.ms = ((decodeJwt(token).exp ?? 0) + 120) * 1000 - Date.now();
      ha.skew.ms = hb.skew.ms = shift.ms;
      const answer = await present(hb, token);
      expect([answer.status, answer.body.error?.code]).toEqual([401, 'sign-in-signed-out']);
    } finally {
      await ha.samplan.close();
      await hb.samplan.close();
    }
  });

  it('ends every other session started from it: REST refused, its socket closed with 4401 and the words of a revoked sign-in, one audit line', async () => {
    const h = await harness(op, testConfig(op.issuer));
    const server = await served(h);
    try {
      await invite(h);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      // The same token presented twice (a second workbook, a reload), and a session of another token.
      const [first, second, other] = [await present(h, token), await present(h, token), await present(h, await rawAccessToken(op, 'samplan', ANNA))];
      expect([first.status, second.status, other.status]).toEqual([200, 200, 200]);
      const [socket, otherSocket] = [await server.open(first.body.token!), await server.open(other.body.token!)];

      expect(await signOut(h, second.body.token!)).toBe(200);
      expect(await closedSoon(socket)).toEqual({ code: 4401, reason: 'Token revoked' });
      expect(await restWith(h, first.body.token!)).toBe('token-revoked');
      expect(await restWith(h, other.body.token!)).toBe(200);
      expect(otherSocket.ws.readyState).toBe(otherSocket.ws.OPEN);
      const firstId = (await h.storage.getTokenByHash(hashSecret(first.body.token!)))?.id;
      expect((await h.storage.listTokens(WS)).filter((t) => t.revokedAt !== null)).toHaveLength(2);
      // The sign-out's own line, and one naming the session ended with it.
      const lines = (await h.storage.listAudit(WS, 10)).filter((a) => a.action === 'sign-out').map((a) => a.detail);
      expect([lines.length, lines.includes(null), lines.includes(`also ended ${firstId}`)]).toEqual([2, true, true]);
      otherSocket.ws.close();
    } finally {
      await h.samplan.close();
      await server.stop();
    }
  });

  it("ends with a session a coordinator revokes, the other sessions started from the same token", async () => {
    const h = await harness(op, testConfig(op.issuer));
    try {
      await invite(h);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const [first, second] = [await present(h, token), await present(h, token)];
      const secondId = (await h.storage.getTokenByHash(hashSecret(second.body.token!)))?.id;
      const res = await h.req(`/v1/workspaces/${WS}/tokens`, { method: 'DELETE', token: TOKENS.coordinator, body: JSON.stringify({ id: secondId }) });
      expect(res.status).toBe(200);
      expect([await restWith(h, first.body.token!), await restWith(h, second.body.token!)]).toEqual(['token-revoked', 'token-revoked']);
      expect((await present(h, token)).body.error?.details.cause).toBe('revoked');
    } finally {
      await h.samplan.close();
    }
  });

  it('signs out with a session whose time ran out, ending the other sessions of its sign-in, and lets that session do nothing else', async () => {
    const h = await harness(op, testConfig(op.issuer));
    try {
      await invite(h);
      const token = await rawAccessToken(op, 'samplan', ANNA);
      const [first, second] = [await present(h, token), await present(h, token)];
      // The first session's time ran out (its workbook closed, never refreshed); the second lives on.
      const ranOut = (await h.storage.getTokenByHash(hashSecret(first.body.token!)))!;
      await h.storage.putToken({ ...ranOut, expiresAt: new Date(Date.now() - 60_000).toISOString() });
      const session = (method: string, path = '/v1/session') => h.req(path, { method, token: first.body.token! });
      const codes = async (res: Response | Promise<Response>) => {
        const r = await res;
        return [r.status, r.status === 200 ? null : ((await r.json()) as Answer).error?.code];
      };
      // Nothing but the sign-out: no read, no refresh, no other route.
      expect([await codes(session('GET')), await codes(session('POST', '/v1/session/refresh')), await restWith(h, first.body.token!)]).toEqual([
        [401, 'token-expired'],
        [401, 'token-expired'],
        'token-expired',
      ]);

      expect(await codes(session('DELETE'))).toEqual([200, null]);
      expect(await restWith(h, second.body.token!)).toBe('token-revoked');
      expect((await present(h, token)).body.error?.details.cause).toBe('signed-out');
      const lines = (await h.storage.listAudit(WS, 10)).filter((a) => a.action === 'sign-out').map((a) => a.detail);
      expect(lines).toContain(`also ended ${(await h.storage.getTokenByHash(hashSecret(second.body.token!)))?.id}`);
      // Signed out, it is refused as any revoked session; an expired API token is still refused as expired.
      expect(await codes(session('DELETE'))).toEqual([401, 'token-revoked']);
      const api = (await h.storage.getTokenByHash(hashSecret(TOKENS.viewer)))!;
      await h.storage.putToken({ ...api, expiresAt: new Date(Date.now() - 60_000).toISOString() });
      expect(await codes(h.req('/v1/session', { method: 'DELETE', token: TOKENS.viewer }))).toEqual([401, 'token-expired']);
      expect((await h.storage.getToken(WS, api.id))?.revokedAt).toBeNull();
    } finally {
      await h.samplan.close();
    }
  });

  it('ends, on every server of one SQLite file, the sessions another server started from it, and refuses one started while it was signed out', async () => {
    const file = stores.dbFile('sign-in-race');
    await twoServers(stores.keep(openSqliteStorage(file)), stores.keep(openSqliteStorage(file)));
  });
});

describe.skipIf(missing !== null)('an access token whose session was signed out, on PostgreSQL', () => {
  const pg = usePostgres();
  it('ends, on every server of one database, the sessions another server started from it, and refuses one started while it was signed out', async () => {
    const url = await pg.createDb('sign_in_race');
    const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
    try {
      await twoServers(a, b);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/**
 * Two servers on one store (`a`, `b`: two connections to it): a sign-in on B held between its
 * first question and its note while A signs the token out is refused, and leaves no live session;
 * a session B started before A's sign-out ends with it, its socket on B closed.
 */
async function twoServers(a: Storage, b: Storage): Promise<void> {
  const held = heldAtNote(b);
  const ha = await harness(op, testConfig(op.issuer), undefined, { storage: a });
  const hb = await harness(op, testConfig(op.issuer), undefined, { storage: held.storage, seeded: true });
  const [serverA, serverB] = [await served(ha), await served(hb)];
  try {
    await invite(ha);
    const token = await rawAccessToken(op, 'samplan', ANNA);
    const onA = await present(ha, token);
    expect(onA.status).toBe(200);
    const onAId = (await a.getTokenByHash(hashSecret(onA.body.token!)))?.id;
    const socket = await serverA.open(onA.body.token!);
    // Server B starts a session from the same token and is held before it notes it; server A
    // signs the token out meanwhile, not seeing that session.
    const onB = present(hb, token);
    await held.reached;
    expect(await signOut(ha, onA.body.token!)).toBe(200);
    held.release();
    const late = await onB;
    expect([late.status, late.body.error?.details.cause]).toEqual([401, 'signed-out']);
    // No session of Anna's is left live, on either server.
    expect((await a.listTokens(WS)).filter((t) => t.memberId === ANNA).map((t) => t.revokedAt !== null)).toEqual([true, true]);
    // The refused session's sign-in line has its end beside it in the audit trail.
    const [signedOut, started] = (await a.listTokens(WS)).filter((t) => t.memberId === ANNA).sort((x, y) => (x.id === onAId ? -1 : y.id === onAId ? 1 : 0));
    const line = `revoked ${started!.id}: its access token was signed out by its person (session ${signedOut!.id} ended at ${signedOut!.revokedAt}) meanwhile`;
    expect((await a.listAudit(WS, 50)).filter((l) => l.detail?.endsWith(' meanwhile')).map((l) => l.detail)).toEqual([line]);
    expect(await closedSoon(socket)).toEqual({ code: 4401, reason: 'Token revoked' });

    // The other way round: B's session is noted before A signs out; A ends it, and B's socket closes.
    const fresh = await rawAccessToken(op, 'samplan', ANNA);
    const [x, y] = [await present(ha, fresh), await present(hb, fresh)];
    const onBSocket = await serverB.open(y.body.token!);
    expect(await signOut(ha, x.body.token!)).toBe(200);
    expect([await restWith(hb, y.body.token!), await restWith(ha, y.body.token!)]).toEqual(['token-revoked', 'token-revoked']);
    // Server B learns it from the store (its rights poll or the store's notices), as from any other process's write.
    expect(await closedSoon(onBSocket)).toEqual({ code: 4401, reason: 'Token revoked' });
  } finally {
    await ha.samplan.close();
    await hb.samplan.close();
    await serverA.stop();
    await serverB.stop();
  }
}

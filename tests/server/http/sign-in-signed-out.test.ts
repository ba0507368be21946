/**
 * Signing out ends the Office SSO access token too: `POST /auth/session` refuses an access token
 * whose session was signed out (401 `sign-in-signed-out`, in Swedish and English) while it is
 * valid, on every server of the store, and the rows kept for that are dropped once the token has
 * run out. Another access token of the same person still signs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { decodeJwt } from 'jose';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { accessTokenKey } from '../../../server/auth/access-token-key.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig, type Harness } from '../auth/oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';
import { tempStores } from '../../support/temp-stores.js';
import { WS } from '../sync/seed.js';

const ANNA = 'anna@region.test';
let op: TestProvider;
const stores = tempStores();

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], { [ANNA]: { name: 'Anna Ek' } });
}, 60_000);
afterAll(async () => op?.stop());

type Answer = { token?: string; error?: { code: string; message: string; details: { cause?: string; message?: { sv: string; en: string } } } };
/** `POST /auth/session` with `accessToken` on `h`: its status and body. */
async function present(h: Harness, accessToken: string): Promise<{ status: number; body: Answer }> {
  const res = await h.req('/auth/session', { method: 'POST', body: JSON.stringify({ accessToken }) });
  return { status: res.status, body: (await res.json()) as Answer };
}
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
const signOut = async (h: Harness, session: string) => (await h.req('/v1/session', { method: 'DELETE', token: session })).status;
const invite = (h: Harness) => h.storage.putMember({ workspace: WS, id: ANNA, name: 'Anna Ek', role: 'editor', units: ['clinic-a'] });

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
      expect(again.body.error?.details.message?.sv).toMatch(/avslutats/);
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
        // Past the token's end and the clock skew the verifier allows, the next sign-in drops its row.
        ha.skew.ms = ((decodeJwt(token).exp ?? 0) + testConfig(op.issuer).clockSkewSec + 1) * 1000 - Date.now();
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
});

/**
 * The claims of a presented access token (Office SSO, `POST /auth/session`) beyond signature,
 * issuer, audience and expiry: the client it was issued to (`azp` / `appid` / `client_id`) must be
 * ours, and `iat` must fit an access token's lifetime (at most a day, plus the clock skew).
 * Real tokens from `oidc-provider` on loopback.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizedParty, MAX_ACCESS_TOKEN_LIFETIME_SEC } from '../../../server/auth/oidc-verify.js';
import { WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';

const ACCOUNTS = { 'anna@region.test': { name: 'Anna Ek' } };
const CLIENTS = [
  { client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] },
  { client_id: 'other-app', redirect_uris: [TEST_REDIRECT] },
];

let op: TestProvider;
/** A provider whose access tokens claim to live two days, longer than any access token does. */
let longLived: TestProvider;

beforeAll(async () => {
  op = await startTestProvider(CLIENTS, ACCOUNTS);
  longLived = await startTestProvider(CLIENTS, ACCOUNTS, { idTokenTtl: 2 * 24 * 3600 });
}, 60_000);

afterAll(async () => {
  await op?.stop();
  await longLived?.stop();
});

type Answer = { token?: string; error?: { details: { cause?: string } } };
async function present(h: Awaited<ReturnType<typeof harness>>, accessToken: string): Promise<{ status: number; body: Answer }> {
  await h.storage.putMember({ workspace: WS, id: 'anna@region.test', name: 'Anna', role: 'editor', units: ['clinic-a'] } as never);
  const res = await h.req('/auth/session', { method: 'POST', body: JSON.stringify({ accessToken }) });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe('a presented access token', () => {
  it('is refused when issued to another client application, though its audience is accepted', async () => {
    // The server accepts both apps' audiences (as an API with two application ID URIs would).
    const h = await harness(op, testConfig(op.issuer, { audiences: ['samplan', 'other-app'] }));
    const foreign = await rawAccessToken(op, 'other-app', 'anna@region.test');
    expect(authorizedParty(decodeJwt(foreign))).toBe('other-app');
    const refused = await present(h, foreign);
    expect([refused.status, refused.body.error?.details.cause]).toEqual([401, 'other-client']);
    // The log names the client application (an app id, no personal datum) for the admin to list, never the token.
    expect(h.logs.some((l) => l.signIn === 'other-client' && JSON.stringify(l).includes('other-app') && !JSON.stringify(l).includes(foreign))).toBe(true);
    expect((await present(h, await rawAccessToken(op, 'samplan', 'anna@region.test'))).status).toBe(200);
    await h.samplan.close();
  });

  it('is accepted from a client application the server is told to trust (SAMPLAN_OIDC_CLIENT_APPS)', async () => {
    const h = await harness(op, testConfig(op.issuer, { audiences: ['samplan', 'other-app'], clientApps: ['samplan', 'other-app'] }));
    expect((await present(h, await rawAccessToken(op, 'other-app', 'anna@region.test'))).status).toBe(200);
    await h.samplan.close();
  });

  it('is refused when it claims to live longer than an access token does', async () => {
    const h = await harness(longLived, testConfig(longLived.issuer));
    const token = await rawAccessToken(longLived, 'samplan', 'anna@region.test');
    const claims = decodeJwt(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeGreaterThan(MAX_ACCESS_TOKEN_LIFETIME_SEC);
    const refused = await present(h, token);
    expect([refused.status, refused.body.error?.details.cause]).toEqual([401, 'invalid-token']);
    await h.samplan.close();
  });

  it('is refused when issued in the future beyond the clock skew', async () => {
    const token = await rawAccessToken(op, 'samplan', 'anna@region.test');
    const iat = (decodeJwt(token).iat ?? 0) * 1000;
    const behind = await harness(op, testConfig(op.issuer, { clockSkewSec: 60 }), () => new Date(iat - 5 * 60_000));
    expect((await present(behind, token)).body.error?.details.cause).toBe('clock-skew');
    await behind.samplan.close();
    const within = await harness(op, testConfig(op.issuer, { clockSkewSec: 60 }), () => new Date(iat - 30_000));
    expect((await present(within, token)).status).toBe(200);
    await within.samplan.close();
  });
});

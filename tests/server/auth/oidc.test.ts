/**
 * Work-account sign-in against a real OpenID provider (`oidc-provider` on loopback, keys made per
 * run): the whole code flow with PKCE, an Office SSO access token and every claim that matters
 * checked in it, an ID token refused at `/auth/session` (bare or as an access token), key rotation,
 * invite-only refusal, group → role provisioning, and each cause of refusal named to the pane and
 * in the admin's log, never with a token.
 */
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, rawAccessToken, rawIdToken, TEST_REDIRECT, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';
import { englishOf } from '../http/support.js';

const ACCOUNTS = {
  'anna@region.test': { name: 'Anna Ek' },
  'bertil@region.test': { name: 'Bertil Berg' },
  'cecilia@region.test': { name: 'Cecilia Ceder', groups: ['samplan-samordnare'] },
  'david@region.test': { name: 'David Dahl', groups: ['samplan-husby'] },
  'erik@region.test': { name: 'Erik 19811218-9876', groups: ['samplan-samordnare'] },
};

let op: TestProvider;
let other: TestProvider;

beforeAll(async () => {
  const clients = [
    { client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] },
    { client_id: 'other-app', redirect_uris: [TEST_REDIRECT] },
  ];
  op = await startTestProvider(clients, ACCOUNTS);
  other = await startTestProvider(clients, ACCOUNTS);
}, 60_000);

afterAll(async () => {
  await op?.stop();
  await other?.stop();
});

const invite = (h: { storage: { putMember: (m: never) => Promise<void> } }, id: string, role = 'editor', units = ['clinic-a']) =>
  h.storage.putMember({ workspace: WS, id, name: id, role, units } as never);

describe('work-account sign-in', () => {
  it('signs an invited member in through the provider and hands the session over once', async () => {
    const h = await harness(op, testConfig(op.issuer));
    await invite(h, 'anna@region.test');
    const back = await h.signIn('anna@region.test');
    expect(back.pathname).toBe('/playground');
    const code = new URLSearchParams(back.hash.slice(1)).get('samplan-handoff')!;
    expect(code).toBeTruthy();
    const res = await h.req('/auth/handoff', { method: 'POST', body: JSON.stringify({ code }) });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { token: string; memberId: string; expiresAt: string };
    expect(session.memberId).toBe('anna@region.test');
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);
    const me = await h.req(`/v1/workspaces/${WS}`, { token: session.token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { you: { role: string; units: string[] } }).you).toMatchObject({ role: 'editor', units: ['clinic-a'] });
    const again = await h.req('/auth/handoff', { method: 'POST', body: JSON.stringify({ code }) });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { details: { cause: string } } }).error.details.cause).toBe('sign-in-timeout');
    const audit = await h.storage.listAudit(WS, 10);
    expect(audit.some((a) => a.action === 'sign-in' && a.memberId === 'anna@region.test')).toBe(true);
    expect(JSON.stringify(h.logs)).not.toContain(session.token);
    await h.samplan.close();
  });

  it('in the Office dialog, ends on /auth/done, which hands the fragment to the pane', async () => {
    const h = await harness(op, testConfig(op.issuer));
    await invite(h, 'anna@region.test');
    const back = await h.signIn('anna@region.test', 'dialog');
    expect(back.pathname).toBe('/auth/done');
    expect(back.hash).toMatch(/^#samplan-handoff=/);
    const page = await h.req('/auth/done');
    expect(await page.text()).toContain('messageParent');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src[^;]*'sha256-/);
    await h.samplan.close();
  });

  it('refuses a person who is not invited, and the log says so', async () => {
    const h = await harness(op, testConfig(op.issuer));
    const back = await h.signIn('bertil@region.test');
    expect(back.hash).toBe('#samplan-error=not-invited');
    expect(await h.storage.getMember(WS, 'bertil@region.test')).toBeNull();
    expect(h.logs.some((l) => l.signIn === 'not-invited' && l.level === 40)).toBe(true);
    await h.samplan.close();
  });

  it('adds a member by a group → role rule when auto-provisioning is on', async () => {
    const rules = [
      { group: 'samplan-samordnare', role: 'coordinator' as const, units: [] },
      { group: 'samplan-husby', role: 'editor' as const, units: ['clinic-b'] },
    ];
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules }));
    const c = await h.session('cecilia@region.test');
    expect(await h.storage.getMember(WS, 'cecilia@region.test')).toMatchObject({ role: 'coordinator', name: 'Cecilia Ceder' });
    expect(c.memberId).toBe('cecilia@region.test');
    await h.session('david@region.test');
    expect(await h.storage.getMember(WS, 'david@region.test')).toMatchObject({ role: 'editor', units: ['clinic-b'] });
    // No rule matches Bertil: auto-provisioning does not let everyone in.
    expect((await h.signIn('bertil@region.test')).hash).toBe('#samplan-error=not-invited');
    // A name with a personnummer is refused and nothing is stored.
    const erik = await h.signIn('erik@region.test');
    expect(erik.hash).toBe('#samplan-error=identity-in-account');
    expect(await h.storage.getMember(WS, 'erik@region.test')).toBeNull();
    await h.samplan.close();
  });

  it('adds nobody to a sign-in workspace that does not exist, and says so in the log', async () => {
    const rules = [{ group: 'samplan-samordnare', role: 'coordinator' as const, units: [] }];
    const h = await harness(op, testConfig(op.issuer, { workspace: 'hbi-stokholm', autoProvision: true, rules }));
    expect((await h.signIn('cecilia@region.test')).hash).toBe('#samplan-error=not-invited');
    expect(await h.storage.getMember('hbi-stokholm', 'cecilia@region.test')).toBeNull();
    expect(h.logs.some((l) => l.signIn === 'not-invited' && String(l.detail).includes('the workspace hbi-stokholm (SAMPLAN_OIDC_WORKSPACE) does not exist'))).toBe(true);
    await h.samplan.close();
  });

  it('accepts tokens signed with a rotated key without a restart', async () => {
    const h = await harness(op, testConfig(op.issuer));
    await invite(h, 'anna@region.test');
    await h.session('anna@region.test');
    await op.rotate();
    expect(decodeProtectedHeader(await rawIdToken(op, 'samplan', 'anna@region.test')).kid).toBe('k2');
    const again = await h.session('anna@region.test');
    expect(again.memberId).toBe('anna@region.test');
    await h.samplan.close();
  });
});

describe('verifying a presented access token (Office SSO)', () => {
  type Answer = { token?: string; error?: { code: string; message: string; details: { cause?: string; message?: { sv: string; en: string } } } };
  const send = async (h: Awaited<ReturnType<typeof harness>>, body: Record<string, string>) => {
    const res = await h.req('/auth/session', { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const post = (h: Awaited<ReturnType<typeof harness>>, accessToken: string) => send(h, { accessToken });

  it('accepts a valid one, and refuses another app, another issuer, an expired one and a wrong clock', async () => {
    const h = await harness(op, testConfig(op.issuer));
    await invite(h, 'anna@region.test');
    const good = await rawAccessToken(op, 'samplan', 'anna@region.test');
    const ok = await post(h, good);
    expect(ok.status).toBe(200);
    const me = await h.req(`/v1/workspaces/${WS}`, { token: ok.body.token });
    expect(((await me.json()) as { you: { role: string } }).you).toMatchObject({ role: 'editor' });

    const otherApp = await post(h, await rawAccessToken(op, 'other-app', 'anna@region.test'));
    expect(otherApp.body.error?.details.cause).toBe('wrong-audience');

    const otherIssuer = await post(h, await rawAccessToken(other, 'samplan', 'anna@region.test'));
    expect(otherIssuer.body.error?.details.cause).toBe('wrong-tenant');
    expect(englishOf(otherIssuer.body.error)).toMatch(/another organisation/);

    expect((await post(h, 'not.a.token')).body.error?.details.cause).toBe('invalid-token');
    const forged = good.slice(0, -6) + (good.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect((await post(h, forged)).body.error?.details.cause).toBe('invalid-token');
    await h.samplan.close();

    const late = await harness(op, testConfig(op.issuer), () => new Date(Date.now() + 2 * 3_600_000));
    await invite(late, 'anna@region.test');
    expect((await post(late, good)).body.error?.details.cause).toBe('expired');
    await late.samplan.close();

    const behind = await harness(op, testConfig(op.issuer), () => new Date(Date.now() - 10 * 60_000));
    await invite(behind, 'anna@region.test');
    const skewed = await post(behind, good);
    expect(skewed.body.error?.details.cause).toBe('clock-skew');
    expect(behind.logs.some((l) => l.signIn === 'clock-skew' && !JSON.stringify(l).includes(good))).toBe(true);
    await behind.samplan.close();
  });

  it('refuses an ID token, bare or sent as an access token, and starts no session', async () => {
    const h = await harness(op, testConfig(op.issuer));
    await invite(h, 'anna@region.test');
    const idToken = await rawIdToken(op, 'samplan', 'anna@region.test');
    const sessionsBefore = JSON.stringify(await h.storage.listAudit(WS, 50));

    const bare = await send(h, { idToken });
    expect(bare.status).toBe(400);
    expect(bare.body.token).toBeUndefined();
    expect(bare.body.error?.code).toBe('id-token-not-accepted');
    // Asked for no language, `message` says it in Swedish; the English is in details.
    expect(bare.body.error!.message).toBe(bare.body.error!.details.message!.sv);
    for (const text of [bare.body.error!.details.message!.en]) {
      expect(text).toMatch(/ID tokens are not accepted/);
      expect(text).toContain('accessToken');
      expect(text).toContain('/auth/login');
    }
    expect(bare.body.error!.details.message!.sv).toMatch(/ID-token tas inte emot/);
    expect(bare.body.error!.details.message!.sv).toContain('/auth/login');
    // With an access token beside it, the ID token still makes the request a refusal.
    expect((await send(h, { idToken, accessToken: await rawAccessToken(op, 'samplan', 'anna@region.test') })).status).toBe(400);

    // Its aud is the client id, which is also the default access-token audience: refused all the same.
    const disguised = await post(h, idToken);
    expect(disguised.status).toBe(401);
    expect(disguised.body.error?.details.cause).toBe('invalid-token');
    expect(JSON.stringify(await h.storage.listAudit(WS, 50))).toBe(sessionsBefore);
    expect(JSON.stringify(h.logs)).not.toContain(idToken);

    const empty = await send(h, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toContain('accessToken');
    await h.samplan.close();
  });

  it('says the provider is unreachable when its address does not answer, back on the page that started the sign-in', async () => {
    const h = await harness(op, testConfig('http://127.0.0.1:9'));
    // The browser was sent here: the refusal goes back in the fragment, for the pane to say in words.
    const res = await h.req('/auth/login?mode=redirect&return=%2Fplayground%3Fa%3D1');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/playground?a=1#samplan-error=provider-unreachable');
    const dialog = await h.req('/auth/login?mode=dialog');
    expect(dialog.status).toBe(302);
    expect(dialog.headers.get('location')).toBe('/auth/done#samplan-error=provider-unreachable');
    expect(h.logs.filter((l) => l.signIn === 'provider-unreachable')).toHaveLength(2);
    await h.samplan.close();
  });
});

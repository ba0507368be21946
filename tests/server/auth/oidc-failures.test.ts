/**
 * Every failure of a work-account sign-in through the provider's pages ends on the pane's page with
 * `#samplan-error=<cause>` (a sentence in Swedish and English), never on an error page in the Office
 * dialog: a name claim holding a personnummer, and an unexpected fault of the server. The claim's
 * text reaches neither the answer nor the log. A real OpenID provider on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';

const NUMBER = '19811218-9876';
const ACCOUNTS = {
  'anna@region.test': { name: 'Anna Ek' },
  'erik@region.test': { name: `Erik ${NUMBER}`, groups: ['samplan-samordnare'] },
  'maja@region.test': { name: 'Maja\u202eEk', groups: ['samplan-samordnare'] },
  // User names (the member id claim) and a name in other spellings of one number.
  '850101-1236@region.test': { name: 'Eva Ek', groups: ['samplan-samordnare'] },
  '198501011236@region.test': { name: 'Eva Ek' },
  'eva@region.test': { name: 'Eva 850I0I-1236', groups: ['samplan-samordnare'] },
  'ove@region.test': { name: 'Ove ８５０１０１－１２３６', groups: ['samplan-samordnare'] },
};
const RULES = [{ group: 'samplan-samordnare', role: 'coordinator' as const, units: [] }];

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], ACCOUNTS);
}, 60_000);

afterAll(async () => {
  await op?.stop();
});

describe('sign-in failures end on the pane with a sentence', () => {
  it('refuses a name claim holding a personnummer with the redirect, in both modes, without the number', async () => {
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules: RULES }));
    try {
      const back = await h.signIn('erik@region.test');
      expect(back.pathname).toBe('/playground');
      expect(back.hash).toBe('#samplan-error=identity-in-account');
      const dialog = await h.signIn('erik@region.test', 'dialog');
      expect(dialog.pathname).toBe('/auth/done');
      expect(dialog.hash).toBe('#samplan-error=identity-in-account');
      expect(await h.storage.getMember(WS, 'erik@region.test')).toBeNull();
      const logged = h.logs.filter((l) => l.signIn === 'identity-in-account');
      expect(logged).toHaveLength(2);
      expect(JSON.stringify(h.logs)).not.toContain('9876');

      // An Office SSO access token: the JSON refusal with the cause, the number not echoed.
      const res = await h.req('/auth/session', { method: 'POST', body: JSON.stringify({ accessToken: await rawAccessToken(op, 'samplan', 'erik@region.test') }) });
      expect(res.status).toBe(422);
      const text = await res.text();
      expect(text).not.toContain('9876');
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'sign-in-identity-in-account', details: { cause: 'identity-in-account' } } });
      expect(await h.storage.getMember(WS, 'erik@region.test')).toBeNull();
    } finally {
      await h.samplan.close();
    }
  });

  it('stores and logs no user name or name claim holding one in another spelling, invited by a rule or not', async () => {
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules: RULES }));
    try {
      for (const login of ['850101-1236@region.test', '198501011236@region.test', 'eva@region.test', 'ove@region.test']) {
        const back = await h.signIn(login);
        expect(back.hash, login).toMatch(/samplan-error=/);
        expect(back.toString(), login).not.toMatch(/1236/);
      }
      expect((await h.storage.listMembers(WS)).map((m) => `${m.id} ${m.name}`).join('\n')).not.toMatch(/1236|１２３６/);
      expect(JSON.stringify(await h.storage.listAudit(WS, 100))).not.toMatch(/1236|１２３６/);
      expect(h.logs.filter((l) => typeof l.signIn === 'string')).toHaveLength(4);
      expect(JSON.stringify(h.logs)).not.toMatch(/1236|１２３６|\\uff11\\uff12\\uff13\\uff16/i);
    } finally {
      await h.samplan.close();
    }
  });

  it('signs in a person whose name claim holds a bidirectional override, named by the id, the audit line naming the character', async () => {
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules: RULES }));
    try {
      const back = await h.signIn('maja@region.test');
      expect(back.hash).not.toContain('samplan-error');
      expect(await h.storage.getMember(WS, 'maja@region.test')).toMatchObject({ name: 'maja@region.test', role: 'coordinator' });
      const line = (await h.storage.listAudit(WS, 100)).find((a) => a.memberId === 'maja@region.test' && a.action === 'member');
      expect(line?.detail).toContain('holds U+202E');
      expect(line?.detail).not.toContain('Maja');
    } finally {
      await h.samplan.close();
    }
  });

  it('sends an unexpected fault of the server back as server-error, the log masked', async () => {
    const h = await harness(op, testConfig(op.issuer));
    try {
      await h.storage.putMember({ workspace: WS, id: 'anna@region.test', name: 'Anna Ek', role: 'editor', units: ['clinic-a'] } as never);
      // The session and its sign-in line are one write (`putToken` with its audit line).
      h.storage.putToken = () => Promise.reject(new Error(`audit store broke on ${NUMBER}`));
      const back = await h.signIn('anna@region.test');
      expect(back.pathname).toBe('/playground');
      expect(back.hash).toBe('#samplan-error=server-error');
      const logged = h.logs.find((l) => l.signIn === 'server-error');
      expect(logged).toMatchObject({ level: 50 });
      expect(String(logged?.err)).toContain('audit store broke');
      expect(JSON.stringify(h.logs)).not.toContain('9876');
    } finally {
      await h.samplan.close();
    }
  });

  it('has a sentence in Swedish and English for both causes', () => {
    for (const cause of ['identity-in-account', 'server-error'] as const) {
      expect(SIGN_IN_MESSAGES[cause].sv).toMatch(/\w{3,}/);
      expect(SIGN_IN_MESSAGES[cause].en).toMatch(/\w{3,}/);
      expect(SIGN_IN_MESSAGES[cause].sv).not.toBe(SIGN_IN_MESSAGES[cause].en);
    }
    expect(SIGN_IN_MESSAGES['identity-in-account'].sv).toMatch(/personnummer/);
  });
});

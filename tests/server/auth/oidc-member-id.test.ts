/**
 * Work-account sign-in keys members on a claim holding what real accounts hold
 * (`shared/protocol/member-id.ts`): a UPN with `'` (`sean.o'brien@…`) and a guest's with `#EXT#`
 * sign in; a user name no member id may be (a space, an accent, a path) is refused as
 * `member-id-refused`, in words saying so, where it was `no-member-claim`, "the account lacks the
 * user name", and the log names the character's code point, never the user name. A real OpenID
 * provider on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, TEST_REDIRECT, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';

const IRISH = "Sean.O'Brien@region.test";
const GUEST = 'anna_example.com#EXT#@region.onmicrosoft.com';
const REFUSED = ['anna berg@region.test', 'åsa@region.test', '../../etc/passwd@region.test'];
const ACCOUNTS = Object.fromEntries([IRISH, GUEST, ...REFUSED].map((login) => [login, { name: 'Test Person' }]));

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], ACCOUNTS);
}, 60_000);

afterAll(async () => {
  await op?.stop();
});

describe('the member id a work account signs in as', () => {
  it("takes a UPN holding ' and a guest's holding #EXT#, lower-cased, as invited", async () => {
    const h = await harness(op, testConfig(op.issuer));
    try {
      for (const id of [IRISH, GUEST]) {
        await h.storage.putMember({ workspace: WS, id: id.toLowerCase(), name: 'Test Person', role: 'editor', units: ['clinic-a'] });
        const session = await h.session(id);
        expect(session.memberId).toBe(id.toLowerCase());
        const me = await h.req(`/v1/workspaces/${WS}`, { token: session.token });
        expect(me.status).toBe(200);
      }
    } finally {
      await h.samplan.close();
    }
  });

  it('refuses a user name no member id may be in words saying so, logging the character, never the name', async () => {
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules: [{ group: 'x', role: 'viewer', units: [] }] }));
    try {
      for (const login of REFUSED) {
        const back = await h.signIn(login);
        expect(back.hash).toBe('#samplan-error=member-id-refused');
      }
      const logged = h.logs.filter((l) => l.signIn === 'member-id-refused');
      expect(logged).toHaveLength(REFUSED.length);
      expect(JSON.stringify(logged)).toMatch(/U\+0020/);
      expect(JSON.stringify(logged)).toMatch(/U\+00E5/);
      for (const login of REFUSED) expect(JSON.stringify(h.logs)).not.toContain(login.split('@')[0]);
      expect(SIGN_IN_MESSAGES['member-id-refused'].sv).toContain('innehåller tecken som Samplan inte tar emot');
      expect(SIGN_IN_MESSAGES['member-id-refused'].sv).not.toContain('saknar');
    } finally {
      await h.samplan.close();
    }
  });
});

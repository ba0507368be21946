/**
 * Removing a member holds with group rules: a person whom work-account sign-in added by a group →
 * role rule, and whom a coordinator then removed, is refused at their next sign-in (their groups
 * still match) with the words of `not-invited` and that they were removed, until someone adds them
 * again; then they get in with the role given them, not the rule's. A real OpenID provider on
 * loopback (`oidc-test-provider.ts`), the app's own HTTP routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { TOKENS, WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, rawAccessToken, TEST_REDIRECT, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';
import { englishOf } from '../http/support.js';

const DAVID = 'david@region.test';
const ACCOUNTS = {
  [DAVID]: { name: 'David Dahl', groups: ['samplan-husby'] },
  'frida@region.test': { name: 'Frida Falk', groups: ['samplan-husby'] },
};
const RULES = [{ group: 'samplan-husby', role: 'editor' as const, units: ['clinic-b'] }];

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider([{ client_id: 'samplan', redirect_uris: [`${PUBLIC_URL}/auth/callback`, TEST_REDIRECT] }], ACCOUNTS);
}, 60_000);

afterAll(async () => {
  await op?.stop();
});

describe('removing a member who signs in by a group rule', () => {
  it('refuses their next sign-in though their groups still match, until someone adds them again', async () => {
    const h = await harness(op, testConfig(op.issuer, { autoProvision: true, rules: RULES }));
    try {
      await h.session(DAVID);
      expect(await h.storage.getMember(WS, DAVID)).toMatchObject({ role: 'editor', units: ['clinic-b'] });

      const removed = await h.req(`/v1/workspaces/${WS}/members/${DAVID}`, { method: 'DELETE', token: TOKENS.coordinator });
      expect(removed.status).toBe(200);
      expect(await h.storage.getRemoval(WS, DAVID)).toMatchObject({ removedBy: 'm-coord' });

      // Through the provider's pages: back to the pane with the cause, nobody added.
      expect((await h.signIn(DAVID)).hash).toBe('#samplan-error=removed');
      expect(await h.storage.getMember(WS, DAVID)).toBeNull();
      expect(h.logs.some((l) => l.signIn === 'removed' && l.level === 40)).toBe(true);
      // With an Office SSO access token: 403 and the sentence.
      const sso = await h.req('/auth/session', { method: 'POST', body: JSON.stringify({ accessToken: await rawAccessToken(op, 'samplan', DAVID) }) });
      expect(sso.status).toBe(403);
      const body = (await sso.json()) as { error: { code: string; message: string; details: { cause: string } } };
      expect(body.error).toMatchObject({ code: 'sign-in-removed', details: { cause: 'removed' } });
      expect(englishOf(body.error)).toContain(SIGN_IN_MESSAGES['not-invited'].en);
      expect(englishOf(body.error)).toMatch(/removed you/);
      expect(await h.storage.getMember(WS, DAVID)).toBeNull();
      // The rule still admits the others of the group.
      await h.session('frida@region.test');
      expect(await h.storage.getMember(WS, 'frida@region.test')).toMatchObject({ role: 'editor' });

      const added = await h.req(`/v1/workspaces/${WS}/members`, {
        method: 'POST',
        token: TOKENS.coordinator,
        body: JSON.stringify({ id: DAVID, name: 'David Dahl', role: 'viewer', units: [] }),
      });
      expect(added.status).toBe(201);
      expect(await h.storage.getRemoval(WS, DAVID)).toBeNull();
      const again = await h.session(DAVID);
      expect(again.memberId).toBe(DAVID);
      expect(await h.storage.getMember(WS, DAVID)).toMatchObject({ role: 'viewer', units: [] });
    } finally {
      await h.samplan.close();
    }
  });

  it('says it in Swedish too, with the words for a person not invited', () => {
    expect(SIGN_IN_MESSAGES.removed.sv.startsWith(SIGN_IN_MESSAGES['not-invited'].sv)).toBe(true);
    expect(SIGN_IN_MESSAGES.removed.sv).toMatch(/tagit bort dig/);
    expect(SIGN_IN_MESSAGES.removed.en.startsWith(SIGN_IN_MESSAGES['not-invited'].en)).toBe(true);
  });
});

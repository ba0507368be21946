/**
 * A client secret the provider does not accept (wrong, missing for a confidential client, expired)
 * is a setting of the server, not a passing fault: the sign-in ends on the pane with its own cause,
 * `client-secret`, whose sentence tells the person that trying again does not help and IT which
 * setting to check; the log keeps the provider's error, never the secret. A real OpenID provider
 * on loopback with a confidential client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerErrorCause } from '../../../server/auth/oidc-client.js';
import { SIGN_IN_MESSAGES } from '../../../shared/i18n/sign-in-messages.js';
import { WS } from '../sync/seed.js';
import { harness, PUBLIC_URL, testConfig } from './oidc-harness.js';
import { startTestProvider, type TestProvider } from '../../../scripts/oidc-test-provider.js';

const SECRET = 'the-right-secret-of-samplan';
let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider(
    [{ client_id: 'samplan', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [`${PUBLIC_URL}/auth/callback`] }],
    { 'anna@region.test': { name: 'Anna Ek' } },
  );
}, 60_000);

afterAll(async () => {
  await op?.stop();
});

async function signInWith(clientSecret: string | null): Promise<{ back: URL; logs: Record<string, unknown>[] }> {
  const h = await harness(op, testConfig(op.issuer, { clientSecret }));
  try {
    await h.storage.putMember({ workspace: WS, id: 'anna@region.test', name: 'Anna Ek', role: 'editor', units: ['clinic-a'] } as never);
    return { back: await h.signIn('anna@region.test'), logs: h.logs };
  } finally {
    await h.samplan.close();
  }
}

describe('a client secret the provider refuses', () => {
  it('signs in with the right secret', async () => {
    const { back } = await signInWith(SECRET);
    expect(back.hash).toMatch(/^#samplan-handoff=/);
  });

  it.each([
    ['a wrong secret', 'not-the-secret'],
    ['no secret for a confidential client', null],
  ])('ends %s on the pane as client-secret, the log naming the provider’s error and not the secret', async (_what, secret) => {
    const { back, logs } = await signInWith(secret);
    expect(back.pathname).toBe('/playground');
    expect(back.hash).toBe('#samplan-error=client-secret');
    const logged = logs.find((l) => l.signIn === 'client-secret');
    expect(String(logged?.detail)).toContain('invalid_client');
    expect(JSON.stringify(logs)).not.toContain(SECRET);
    if (secret) expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('reads Entra’s client-secret faults as client-secret', () => {
    for (const code of ['7000215', '7000218', '7000222']) {
      expect(providerErrorCause('invalid_client', `AADSTS${code}: …`)).toBe('client-secret');
    }
    expect(providerErrorCause('invalid_client')).toBe('client-secret');
    expect(providerErrorCause('invalid_request', 'AADSTS7000218: The request body must contain client_assertion or client_secret')).toBe('client-secret');
  });

  it('says in Swedish and English that trying again does not help and which setting IT checks', () => {
    const { sv, en } = SIGN_IN_MESSAGES['client-secret'];
    expect(sv).toContain('SAMPLAN_OIDC_CLIENT_SECRET');
    expect(en).toContain('SAMPLAN_OIDC_CLIENT_SECRET');
    expect(sv).toMatch(/hjälper inte/);
    expect(en).toMatch(/will not help/);
  });
});

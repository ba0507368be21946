/**
 * A Samplan app wired to a test OpenID provider, for the sign-in tests: memory storage with the
 * sync test workspace (units clinic-a, clinic-b, county), a clock the test can move, the log lines
 * captured, and helpers that sign in through the provider's pages or fetch a raw ID token.
 */
import { Writable } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import { createApp, type SamplanApp } from '../../../server/app.js';
import type { OidcConfig } from '../../../server/auth/oidc-config.js';
import { createOidcVerifier } from '../../../server/auth/oidc-verify.js';
import { createLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { seed, WS } from '../sync/seed.js';
import { API_SCOPE, type TestProvider } from '../../../scripts/oidc-test-provider.js';

export const PUBLIC_URL = 'http://samplan.test';
/** Where the tests' own client receives codes when it fetches raw tokens. */
export const TEST_REDIRECT = 'http://client.test/cb';

/** The OIDC settings of the tests, for a provider at `issuer`. */
export function testConfig(issuer: string, over: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer,
    clientId: 'samplan',
    clientSecret: null,
    audiences: ['samplan'],
    workspace: WS,
    memberClaim: 'preferred_username',
    nameClaim: 'name',
    groupsClaim: 'groups',
    rules: [],
    autoProvision: false,
    clockSkewSec: 60,
    sessionMinutes: 60,
    scopes: 'openid profile email',
    ...over,
  };
}

/** A running harness. */
export interface Harness {
  storage: Storage;
  samplan: SamplanApp;
  /** Milliseconds added to the real time for the server's clock. */
  skew: { ms: number };
  logs: Record<string, unknown>[];
  req(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Sign in through `/auth/login` as `login`; the address Samplan sends the browser on to. */
  signIn(login: string, mode?: 'dialog' | 'redirect'): Promise<URL>;
  /** Sign in and trade the hand-off code for the session. */
  session(login: string): Promise<{ token: string; expiresAt: string; memberId: string }>;
}

/** The harness's store: a given one (seeded already when `seeded`), or a new memory store. */
export interface HarnessStore {
  storage?: Storage;
  seeded?: boolean;
}

/**
 * Build the app for `op` with `config`; the verifier's key cooldown is short so rotation is seen.
 * The store is `store.storage` when given (the caller closes it), seeded unless `store.seeded`.
 */
export async function harness(op: TestProvider, config: OidcConfig, verifierNow?: () => Date, store: HarnessStore = {}): Promise<Harness> {
  const storage = store.storage ?? createMemoryStorage();
  if (!store.seeded) {
    await seed(storage);
    for (const code of ['county', 'clinic-a', 'clinic-b']) {
      await storage.putUnit({ workspace: WS, code, name: code, parent: code === 'county' ? null : 'county' });
    }
  }
  const skew = { ms: 0 };
  const clock = () => new Date(Date.now() + skew.ms);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const samplan = createApp({
    storage,
    logger: createLogger({ level: 'info', destination }),
    clock,
    publicUrl: PUBLIC_URL,
    oidc: config,
    oidcVerifier: createOidcVerifier(config, { jwksCooldownMs: 0, now: verifierNow ?? clock }),
    syncOptions: { graceMs: 20 },
  });
  const req: Harness['req'] = (path, init = {}) => {
    const { token, ...rest } = init;
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(rest.headers ?? {}) };
    return Promise.resolve(samplan.app.request(path, { ...rest, headers }));
  };
  const signIn = async (login: string, mode: 'dialog' | 'redirect' = 'redirect') => {
    const start = await req(`/auth/login?mode=${mode}&return=/playground`);
    if (start.status !== 302) throw new Error(`/auth/login answered ${start.status}: ${await start.text()}`);
    const back = await op.signIn(start.headers.get('location')!, login);
    const done = await req(back.pathname + back.search);
    return new URL(done.headers.get('location') ?? '', PUBLIC_URL);
  };
  return {
    storage,
    samplan,
    skew,
    logs,
    req,
    signIn,
    async session(login) {
      const url = await signIn(login);
      const code = new URLSearchParams(url.hash.slice(1)).get('samplan-handoff');
      if (!code) throw new Error(`no hand-off code: ${url.hash}`);
      const res = await req('/auth/handoff', { method: 'POST', body: JSON.stringify({ code }) });
      return (await res.json()) as { token: string; expiresAt: string; memberId: string };
    },
  };
}

/** A raw ID token for `clientId` from `op`, by the code flow with PKCE done by the test itself. */
export async function rawIdToken(op: TestProvider, clientId: string, login: string): Promise<string> {
  return (await rawTokens(op, clientId, login)).idToken;
}

/**
 * A raw access token for Samplan's API (`aud` samplan, `scp` access_as_user, as Office SSO's) issued
 * to `clientId` by `op` for `login`, by the code flow with PKCE done by the test itself.
 */
export async function rawAccessToken(op: TestProvider, clientId: string, login: string): Promise<string> {
  return (await rawTokens(op, clientId, login)).accessToken;
}

async function rawTokens(op: TestProvider, clientId: string, login: string): Promise<{ idToken: string; accessToken: string }> {
  const meta = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(meta.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: TEST_REDIRECT,
    scope: `openid profile email ${API_SCOPE}`,
    state: 's',
    nonce: 'n',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const back = await op.signIn(url.toString(), login);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code: ${back.toString()}`);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: TEST_REDIRECT, client_id: clientId, code_verifier: verifier }),
  });
  const json = (await res.json()) as { id_token?: string; access_token?: string };
  if (!json.id_token || !json.access_token) throw new Error(`no id_token or access_token: ${JSON.stringify(json)}`);
  return { idToken: json.id_token, accessToken: json.access_token };
}

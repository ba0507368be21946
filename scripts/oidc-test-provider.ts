/**
 * A real OpenID provider for tests and for an IT admin's rehearsal of work-account sign-in
 * (`oidc-rehearse.ts`, `npm run oidc:rehearse`): `oidc-provider` (a dev dependency) on loopback with signing keys generated per
 * run, its development login page (any login, any password) and accounts whose claims the test
 * chooses. `rotate()` restarts it on the same port with a new signing key (the old one still
 * published), as a provider rotating keys does. `signIn()` drives the authorization request
 * through the login and consent pages as a browser would, with a cookie jar, and answers the
 * address the provider finally redirects to (with `code` and `state`). Besides ID tokens it issues
 * JWT access tokens for Samplan's API (as Office SSO's are: `aud` the client id `samplan`, a `scp`
 * claim with the delegated scope, the account's name, user name and groups), so the tests can drive
 * `POST /auth/session {accessToken}` with real tokens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** The claims of a test account, keyed by login. */
export type Accounts = Record<string, { name: string; email?: string; groups?: string[] }>;

/** A client the provider knows. */
export interface TestClient {
  client_id: string;
  redirect_uris: string[];
  /** A confidential client's secret, with `token_endpoint_auth_method: 'client_secret_basic'`; a public client (PKCE alone) by default. */
  client_secret?: string;
  token_endpoint_auth_method?: 'none' | 'client_secret_basic';
}

/** A running test provider. */
export interface TestProvider {
  issuer: string;
  /** Restart with a new signing key first in the set; tokens are signed with it from then on. */
  rotate(): Promise<void>;
  /** Drive `authorizeUrl` through login (as `login`) and consent; the final redirect address. */
  signIn(authorizeUrl: string, login: string): Promise<URL>;
  stop(): Promise<void>;
}

async function newKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

/** The audience of Samplan's access tokens (its client id, as in Entra v2) and the delegated scope (Office SSO's `access_as_user`). */
export const API_AUDIENCE = 'samplan';
export const API_SCOPE = 'access_as_user';

const accountClaims = (accounts: Accounts, sub: string) => {
  const account = accounts[sub];
  if (!account) return undefined;
  return { sub, preferred_username: sub, name: account.name, email: account.email ?? sub, groups: account.groups ?? [] };
};

function build(issuer: string, keys: JWK[], clients: TestClient[], accounts: Accounts, idTokenTtl: number): Provider {
  return new Provider(issuer, {
    features: {
      resourceIndicators: {
        enabled: true,
        // Each client's API is its own (aud = its client id), as an Entra app registration's is.
        defaultResource: (_ctx, client) => `api://${client?.clientId ?? API_AUDIENCE}`,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({ scope: API_SCOPE, audience: resource.replace(/^api:\/\//, ''), accessTokenTTL: idTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // Entra's access tokens carry the delegated scope as `scp` and the person's claims.
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const claims = accountClaims(accounts, String(token.accountId));
      return claims ? { scp: API_SCOPE, preferred_username: claims.preferred_username, name: claims.name, groups: claims.groups } : undefined;
    },
    clients: clients.map((c) => ({ token_endpoint_auth_method: 'none', ...c, grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: { keys },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
    ttl: { IdToken: idTokenTtl, AccessToken: idTokenTtl, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    findAccount: (_ctx, sub) => {
      const claims = accountClaims(accounts, sub);
      return claims ? { accountId: sub, claims: () => claims } : undefined;
    },
  });
}

/**
 * Start a provider on 127.0.0.1, on `opts.port` (default: a free port the system picks).
 *
 * @example
 * const op = await startTestProvider([{ client_id: 'samplan', redirect_uris: ['http://samplan.test/auth/callback'] }], { anna: { name: 'Anna' } });
 */
export async function startTestProvider(clients: TestClient[], accounts: Accounts, opts: { idTokenTtl?: number; port?: number } = {}): Promise<TestProvider> {
  let handler: ((req: never, res: never) => void) | null = null;
  const listen = (port: number) =>
    new Promise<Server>((resolve) => {
      const s = createServer((req, res) => handler?.(req as never, res as never));
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  let server = await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  let keys = [await newKey('k1')];
  const ttl = opts.idTokenTtl ?? 3600;
  handler = build(issuer, keys, clients, accounts, ttl).callback() as never;
  const stopServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    issuer,
    async rotate() {
      keys = [await newKey(`k${keys.length + 1}`), ...keys];
      await stopServer();
      // Let clients see their kept-alive connections close before the next request.
      await new Promise((resolve) => setTimeout(resolve, 100));
      server = await listen(port);
      handler = build(issuer, keys, clients, accounts, ttl).callback() as never;
    },
    signIn: (authorizeUrl, login) => driveLogin(authorizeUrl, login),
    stop: stopServer,
  };
}

/** Follow the provider's redirects with a cookie jar, filling the login and consent forms. */
async function driveLogin(start: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(start).origin;
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), connection: 'close', ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  let url = start;
  for (let step = 0; step < 12; step++) {
    const res = await go(url);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.toString();
      continue;
    }
    const page = await res.text();
    const form = /<form[^>]*action="([^"]+)"/.exec(page);
    if (!form) throw new Error(`the provider showed no form at ${url}: ${page.slice(0, 300)}`);
    const body = page.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'test' })
      : new URLSearchParams({ prompt: 'consent' });
    const posted = await go(new URL(form[1]!, url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const after = posted.headers.get('location');
    if (!after) throw new Error(`the provider did not continue after the ${body.get('prompt')} form`);
    const next = new URL(after, url);
    if (next.origin !== origin) return next;
    url = next.toString();
  }
  throw new Error('the sign-in did not finish in 12 steps');
}

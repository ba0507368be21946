import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcVerifier } from '../../../server/auth/oidc-verify.js';
import { testConfig } from './oidc-harness.js';

/**
 * A provider whose issuer ends in `/` (Auth0's does: `https://<tenant>.auth0.com/`) signs tokens
 * whose `iss` ends in `/`. The configured issuer is kept without it (the discovery address is
 * built on it), and tokens were compared with that: every sign-in was refused as `wrong-tenant`
 * whichever way the operator wrote the address. Tokens are now checked against the provider's own
 * issuer from its discovery document, which must be the configured address up to that slash.
 */
describe('an issuer that ends in a slash', () => {
  let server: Server;
  let base = '';
  let key: CryptoKey;
  let published = '';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: published, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks` }));
      } else if (req.url === '/jwks') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const idToken = (iss: string): Promise<string> =>
    new SignJWT({ preferred_username: 'anna@region.se', nonce: 'n1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(iss)
      .setAudience('samplan')
      .setSubject('anna')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  it('accepts the provider\'s tokens whether the address was configured with the slash or without it', async () => {
    published = `${base}/`;
    // The configuration keeps the issuer without its trailing slash (oidc-config.ts).
    const verifier = createOidcVerifier(testConfig(base));
    const claims = await verifier.verify(await idToken(`${base}/`), 'id', { nonce: 'n1' });
    expect(claims.preferred_username).toBe('anna@region.se');
    // Spelled otherwise than the provider spells its issuer, a token is refused.
    await expect(verifier.verify(await idToken(base), 'id', { nonce: 'n1' })).rejects.toMatchObject({ code: 'wrong-tenant' });
  });

  it('refuses, naming both, a provider whose discovery document names another issuer', async () => {
    published = 'https://login.example/other-tenant/v2.0';
    const verifier = createOidcVerifier(testConfig(base));
    await expect(verifier.verify(await idToken(base), 'id', { nonce: 'n1' })).rejects.toMatchObject({
      code: 'provider-unreachable',
      detail: expect.stringContaining(`the discovery document names the issuer https://login.example/other-tenant/v2.0, not the configured ${base}`),
    });
  });
});

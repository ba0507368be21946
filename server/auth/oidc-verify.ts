/**
 * Verifying OpenID Connect tokens with `jose`: the provider's discovery document is read once
 * (and again after a failure), its signing keys come from `createRemoteJWKSet` (cached, fetched
 * again when a token names a key id not in the cache, so a key rotation needs no restart), and
 * every token is checked for signature, `iss`, `aud`, `exp`, `nbf` and `iat` with the configured
 * clock skew. Every refusal is an {@link OidcError} with one {@link SignInFailure} code.
 *
 * An access token presented for a session (Office SSO, `POST /auth/session`) is checked further,
 * by Microsoft's documented claims ("Access token claims reference", Microsoft identity platform,
 * learn.microsoft.com/entra/identity-platform/access-token-claims-reference):
 * - `iat` ("Issued At: when the authentication for this token occurred") may lie at most the
 *   configured clock skew (`SAMPLAN_OIDC_CLOCK_SKEW`, default 120 s) in the future, and at most
 *   {@link MAX_ACCESS_TOKEN_LIFETIME_SEC} plus that skew in the past; `exp - iat` may not exceed
 *   that lifetime either. Entra's access tokens live 60–90 minutes by default, and a configurable
 *   token lifetime policy sets 10 minutes to 1 day ("Configurable token lifetimes"), so a token
 *   claiming longer, or issued longer ago, was not issued by those rules.
 * - the client the token was issued to is one of ours: `azp` in v2.0 tokens ("the application ID
 *   of the client using the token"), `appid` in v1.0 tokens (the same, "only in v1.0 tokens"),
 *   `client_id` in RFC 9068 JWT access tokens. `aud` says which API the token is for; another
 *   application registered to call our API (or configured as an audience) gets tokens with our
 *   `aud` too, and those must not become a Samplan session. The accepted clients are
 *   `OidcConfig.clientApps`, by default the client id alone; a token of another client is refused
 *   as `other-client`, its application id named in the log, and the pane then signs in through
 *   the dialog (the server's code flow), so an unlisted Office client costs a dialog, not the sign-in.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { SignInFailure } from '../../shared/i18n/sign-in-messages.js';
import { cutText } from '../../shared/validate/cut-text.js';
import type { OidcConfig } from './oidc-config.js';

/** A refused sign-in: `code` for the pane and the log, `detail` (never a token) for the log only. */
export class OidcError extends Error {
  constructor(
    readonly code: SignInFailure,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'OidcError';
  }
}

/** The parts of the provider's discovery document Samplan uses. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

/**
 * Which kind of token is checked: an ID token (aud = client id) or an access token (aud = audiences,
 * and a delegated scope in `scp` (Microsoft Entra) or `scope` (RFC 9068), which an ID token never
 * carries: the audiences default to the client id, so without that an ID token would pass as one).
 */
export type TokenKind = 'id' | 'access';

/** Verifies tokens of one provider. */
export interface OidcVerifier {
  /** The provider's endpoints; rejects with `provider-unreachable`. */
  metadata(): Promise<ProviderMetadata>;
  /**
   * Verify `token` and return its claims. `fresh` says the token was received from the provider
   * just now (the code flow), so a time failure can only be a wrong clock.
   */
  verify(token: string, kind: TokenKind, opts?: { nonce?: string; fresh?: boolean }): Promise<JWTPayload>;
}

/** Tunables, for tests: how soon the key set may be fetched again (ms), and the clock. */
export interface VerifierOptions {
  jwksCooldownMs?: number;
  now?: () => Date;
}

const TIMEOUT_MS = 5000;

async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new OidcError('provider-unreachable', `${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new OidcError('provider-unreachable', `${url} answered ${res.status}`);
  return res.json();
}

/** Whether `payload` names a delegated scope, as access tokens do (`scp`: Entra; `scope`: RFC 9068 §2.2.3). */
const hasScope = (payload: JWTPayload): boolean =>
  [payload.scp, payload.scope].some((s) => (typeof s === 'string' && s.trim() !== '') || (Array.isArray(s) && s.length > 0));

/** The longest an access token may live, seconds: one day, Entra's longest configurable access-token lifetime. */
export const MAX_ACCESS_TOKEN_LIFETIME_SEC = 24 * 60 * 60;

/** The client an access token was issued to: `azp` (Entra v2.0), `appid` (v1.0) or `client_id` (RFC 9068 §2.2), else null. */
export function authorizedParty(payload: JWTPayload): string | null {
  for (const claim of [payload.azp, payload.appid, payload.client_id]) if (typeof claim === 'string' && claim !== '') return claim;
  return null;
}

/**
 * Refuse an access token whose times or client are not ours (see the module comment): `exp - iat`
 * or the token's age over {@link MAX_ACCESS_TOKEN_LIFETIME_SEC} plus `skewSec`, or an authorized
 * party not in `clients`. `nowSec` is seconds since the epoch.
 */
function checkAccessToken(payload: JWTPayload, clients: readonly string[], nowSec: number, skewSec: number): void {
  const iat = payload.iat as number;
  if (typeof payload.exp === 'number' && payload.exp - iat > MAX_ACCESS_TOKEN_LIFETIME_SEC + skewSec) {
    throw new OidcError('invalid-token', `the token claims a lifetime of ${payload.exp - iat} s, more than an access token lives`);
  }
  if (nowSec - iat > MAX_ACCESS_TOKEN_LIFETIME_SEC + skewSec) throw new OidcError('expired', 'iat is older than an access token lives');
  const party = authorizedParty(payload);
  if (party === null) throw new OidcError('other-client', 'no azp, appid or client_id claim');
  if (!clients.includes(party)) {
    // An application id is no personal datum: the log names it, so an admin can list it when it is
    // the Office client through which Office SSO obtains tokens (preauthorized in the registration).
    throw new OidcError('other-client', `the token was issued to client application ${cutText(party, 64)}, not in SAMPLAN_OIDC_CLIENT_APPS; list it there if it is the Office client Office SSO obtains tokens through`);
  }
}

/** Map a `jose` failure to a cause. */
function classify(err: unknown, fresh: boolean): OidcError {
  if (err instanceof OidcError) return err;
  if (err instanceof errors.JWTExpired) {
    return fresh ? new OidcError('clock-skew', 'a token just issued is already expired here') : new OidcError('expired', 'exp has passed');
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return new OidcError('wrong-tenant', `iss is not the configured issuer`);
    if (err.claim === 'aud') return new OidcError('wrong-audience', `aud is not accepted`);
    if (err.claim === 'nbf' || err.claim === 'iat') return new OidcError('clock-skew', `${err.claim} lies in the future`);
    if (err.claim === 'nonce') return new OidcError('invalid-token', 'nonce does not match');
    return new OidcError('invalid-token', `claim ${err.claim}: ${err.reason}`);
  }
  if (err instanceof errors.JWKSTimeout) return new OidcError('provider-unreachable', 'the key set did not arrive in time');
  if (err instanceof errors.JWKSNoMatchingKey) return new OidcError('invalid-token', 'no key of the provider matches the token');
  if (err instanceof errors.JOSEError) return new OidcError('invalid-token', err.code);
  if (err instanceof TypeError) return new OidcError('provider-unreachable', `key set: ${err.message}`);
  return new OidcError('invalid-token', (err as Error)?.message ?? String(err));
}

/**
 * A verifier for `config`'s provider.
 *
 * @example
 * const verifier = createOidcVerifier(config);
 * const claims = await verifier.verify(idToken, 'id', { nonce, fresh: true });
 */
export function createOidcVerifier(config: OidcConfig, options: VerifierOptions = {}): OidcVerifier {
  let meta: Promise<ProviderMetadata> | null = null;
  let keys: ReturnType<typeof createRemoteJWKSet> | null = null;
  const now = options.now ?? (() => new Date());

  const metadata = (): Promise<ProviderMetadata> => {
    meta ??= fetchJson(`${config.issuer}/.well-known/openid-configuration`).then((doc) => {
      const m = doc as Partial<ProviderMetadata>;
      if (!m.authorization_endpoint || !m.token_endpoint || !m.jwks_uri || !m.issuer) {
        throw new OidcError('provider-unreachable', 'the discovery document lacks endpoints');
      }
      // The configured issuer is kept without a trailing slash (the discovery address is built
      // on it); the provider's own, which its tokens carry exactly (Auth0's ends in `/`), must be
      // the same address.
      if (m.issuer.replace(/\/+$/, '') !== config.issuer) {
        throw new OidcError('provider-unreachable', `the discovery document names the issuer ${m.issuer}, not the configured ${config.issuer}`);
      }
      return m as ProviderMetadata;
    });
    // A failed read is not kept: the next sign-in asks again.
    meta.catch(() => (meta = null));
    return meta;
  };

  const keySet = async () => {
    if (keys) return keys;
    const m = await metadata();
    keys = createRemoteJWKSet(new URL(m.jwks_uri), {
      timeoutDuration: TIMEOUT_MS,
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
    });
    return keys;
  };

  return {
    metadata,
    async verify(token, kind, opts = {}) {
      const fresh = opts.fresh ?? false;
      try {
        // Another tenant's token is signed by keys this issuer never published; say so rather
        // than "no matching key" (the claim is read unverified only to pick the sentence).
        // The issuer as the provider's tokens spell it: the configured one, up to a trailing slash.
        const iss = decodeJwt(token).iss;
        if (iss?.replace(/\/+$/, '') !== config.issuer) throw new OidcError('wrong-tenant', `iss is not the configured issuer`);
        const issuer = (await metadata()).issuer;
        const { payload } = await jwtVerify(token, await keySet(), {
          issuer,
          audience: kind === 'id' ? config.clientId : config.audiences,
          clockTolerance: config.clockSkewSec,
          currentDate: now(),
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        if (typeof payload.iat === 'number' && payload.iat > now().getTime() / 1000 + config.clockSkewSec) {
          throw new OidcError('clock-skew', 'iat lies in the future');
        }
        if (kind === 'access' && !hasScope(payload)) {
          throw new OidcError('invalid-token', 'not an access token: no scp or scope claim (an ID token?)');
        }
        if (kind === 'access') checkAccessToken(payload, config.clientApps ?? [config.clientId], now().getTime() / 1000, config.clockSkewSec);
        if (opts.nonce !== undefined && payload.nonce !== opts.nonce) throw new OidcError('invalid-token', 'nonce does not match');
        return payload;
      } catch (err) {
        throw classify(err, fresh);
      }
    },
  };
}

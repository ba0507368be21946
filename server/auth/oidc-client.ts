/**
 * The server's side of the authorization code flow with PKCE (RFC 7636): the address that sends a
 * person to the provider, the exchange of the returned code for tokens at the token endpoint
 * (a public client with PKCE; a client secret is added when configured), and what the provider's
 * `error` answers mean for the person (Entra ID's `AADSTS` numbers included, from Microsoft's
 * "Microsoft Entra authentication and authorization error codes").
 */
import type { SignInFailure } from '../../shared/i18n/sign-in-messages.js';
import type { OidcConfig } from './oidc-config.js';
import { OidcError, type ProviderMetadata } from './oidc-verify.js';
import { codeChallenge, type PendingSignIn } from './pending-sign-ins.js';

/** The authorization request address for a pending sign-in. */
export function authorizeUrl(meta: ProviderMetadata, config: OidcConfig, redirectUri: string, state: string, entry: PendingSignIn): string {
  const url = new URL(meta.authorization_endpoint);
  const params = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: config.scopes,
    state,
    nonce: entry.nonce,
    code_challenge: codeChallenge(entry.verifier),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * The cause behind a provider's `error` (and `error_description`): consent, tenant, cancel.
 * AADSTS65001 / 65004: consent missing or declined; 50020 / 90072 / 700016: the account or the app
 * is of another tenant; 50105: the user is not assigned to the app (not invited on Entra's side);
 * `invalid_client` (RFC 6749 §5.2) or AADSTS7000215 / 7000218 / 7000222: the server's client secret
 * is wrong, missing or expired — a setting, so `client-secret`, not a fault worth retrying.
 */
export function providerErrorCause(error: string, description = ''): SignInFailure {
  if (/AADSTS(65001|65004)\b/.test(description) || error === 'consent_required') return 'consent-missing';
  if (/AADSTS(50020|90072|700016|50034)\b/.test(description)) return 'wrong-tenant';
  if (/AADSTS50105\b/.test(description)) return 'not-invited';
  if (error === 'invalid_client' || /AADSTS(7000215|7000218|7000222)\b/.test(description)) return 'client-secret';
  if (error === 'access_denied') return 'cancelled';
  if (error === 'temporarily_unavailable' || error === 'server_error') return 'provider-unreachable';
  return 'provider-error';
}

/** Trade an authorization code for the ID token (and access token) at the token endpoint. */
export async function exchangeCode(
  meta: ProviderMetadata,
  config: OidcConfig,
  input: { code: string; redirectUri: string; verifier: string },
): Promise<{ idToken: string }> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    client_id: config.clientId,
    code_verifier: input.verifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (config.clientSecret) {
    const basic = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  }
  let res: Response;
  try {
    res = await fetch(meta.token_endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new OidcError('provider-unreachable', `token endpoint: ${(err as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown; error_description?: unknown };
  if (!res.ok || typeof json.id_token !== 'string') {
    const error = typeof json.error === 'string' ? json.error : `status ${res.status}`;
    const description = typeof json.error_description === 'string' ? json.error_description : '';
    if (res.status >= 500) throw new OidcError('provider-unreachable', `token endpoint answered ${res.status}`);
    throw new OidcError(providerErrorCause(error, description), `token endpoint: ${error} ${description.slice(0, 200)}`);
  }
  return { idToken: json.id_token };
}

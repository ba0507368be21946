/**
 * Authentication of `/v1`: the token comes as `Authorization: Bearer <token>` (Power Query, curl)
 * or as `?token=` (browsers, Excel web). Every refusal is a 401 with a sentence for the case, so
 * a manager whose token expired is told so instead of guessing.
 */
import { createMiddleware } from 'hono/factory';
import type { AuthFailure, AuthResult } from '../auth/principal.js';
import type { AuthEnv } from './context.js';
import { AppError } from './errors.js';

/** The sentence for each reason a token was not accepted. */
export const AUTH_MESSAGES: Record<AuthFailure, string> = {
  missing: 'No access token was sent. Add the header "Authorization: Bearer <token>" or ?token=<token> to the address.',
  unknown: 'The access token is not valid. Check that it was copied whole, or ask your administrator for a new one.',
  expired: 'The access token has expired. Ask your administrator for a new one.',
  revoked: 'The access token has been revoked. Ask your administrator for a new one.',
};

/** {@link AUTH_MESSAGES} in Swedish, for the pane (`details.message.sv`). */
export const AUTH_MESSAGES_SV: Record<AuthFailure, string> = {
  missing: 'Ingen åtkomsttoken skickades. Lägg till rubriken "Authorization: Bearer <token>" eller ?token=<token> i adressen.',
  unknown: 'Åtkomsttoken är inte giltig. Kontrollera att den kopierades hel, eller be din administratör om en ny.',
  expired: 'Åtkomsttoken har gått ut. Be din administratör om en ny.',
  revoked: 'Åtkomsttoken har återkallats. Be din administratör om en ny.',
};

/** The token of a request: the bearer header wins over the query parameter. */
export function tokenOf(authorization: string | undefined, query: string | undefined): string | undefined {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (match?.[1]) return match[1];
  if (query && query.trim() !== '') return query.trim();
  return undefined;
}

/**
 * Middleware that resolves the token and puts the principal on the context, or answers 401.
 *
 * @example
 * app.use('/v1/*', requireAuth((token) => resolveToken(storage, secret, token, new Date())));
 */
export function requireAuth(resolve: (token: string | undefined) => Promise<AuthResult>) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const token = tokenOf(c.req.header('authorization'), c.req.query('token'));
    const result = await resolve(token);
    if (!result.ok) {
      c.header('WWW-Authenticate', 'Bearer realm="samplan"');
      const message = { sv: AUTH_MESSAGES_SV[result.reason], en: AUTH_MESSAGES[result.reason] };
      throw new AppError(401, `token-${result.reason}`, message, { reason: result.reason });
    }
    c.set('principal', result.principal);
    await next();
  });
}

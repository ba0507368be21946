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
 * What is wrong with an `Authorization` header that holds no usable bearer token, in Swedish and
 * English, or null when it is absent or fine. Names the scheme word when another one was sent
 * (Power Query's Basic or Windows sign-in), never any of the header's secret part.
 */
export function authorizationProblem(authorization: string | undefined): { sv: string; en: string } | null {
  if (authorization === undefined || authorization.trim() === '' || /^Bearer\s+(\S+)\s*$/i.test(authorization)) return null;
  const words = authorization.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (/^Bearer$/i.test(first)) {
    if (words.length === 1) return null;
    return {
      sv: 'Rubriken Authorization har mer än ett ord efter "Bearer": kontrollera att token kopierades hel, utan mellanslag eller radbrytningar.',
      en: 'The Authorization header holds more than one word after "Bearer": check that the token was copied whole, without spaces or line breaks.',
    };
  }
  if (words.length === 1) {
    return {
      sv: 'Rubriken Authorization saknar "Bearer " före token: skicka "Authorization: Bearer <token>".',
      en: 'The Authorization header lacks "Bearer " before the token: send "Authorization: Bearer <token>".',
    };
  }
  const scheme = /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(first) ? `"${first}"` : 'another scheme';
  return {
    sv: `Rubriken Authorization använder ${scheme === 'another scheme' ? 'ett annat schema' : scheme}, inte "Bearer <token>". I Power Query: välj Anonym åtkomst och skicka token som Headers = [Authorization = "Bearer " & Token].`,
    en: `The Authorization header uses ${scheme}, not "Bearer <token>". In Power Query choose Anonymous and send the token as Headers = [Authorization = "Bearer " & Token].`,
  };
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
      // A header was sent but holds no bearer token: say what is wrong with it, not that nothing was sent.
      const problem = result.reason === 'missing' ? authorizationProblem(c.req.header('authorization')) : null;
      if (problem) throw new AppError(401, 'token-malformed', problem, { reason: 'malformed' });
      const message = { sv: AUTH_MESSAGES_SV[result.reason], en: AUTH_MESSAGES[result.reason] };
      throw new AppError(401, `token-${result.reason}`, message, { reason: result.reason });
    }
    c.set('principal', result.principal);
    await next();
  });
}

/**
 * `/v1/session`: the signed-in person's own session.
 * - `GET` — who the session is and when it ends;
 * - `POST /refresh` — move its end forward (the pane does this silently at half-time), never past
 *   12 hours after sign-in; open sockets keep going until the new time;
 * - `DELETE` ({@link signOutRoutes}) — sign out: the session is revoked, and with it every other
 *   session started from the same provider access token, in every workspace of the store, each
 *   audited in its own workspace (`server/auth/sign-in-end.ts`); their open
 *   sockets close with 4401 and their event streams end, on every server process. A session whose
 *   time ran out (not revoked) still signs out, since its siblings may live on.
 * API tokens are not sessions: refreshing one answers 400, signing out with one revokes nothing. A
 * session signed out or revoked while its refresh was on the way answers 401 `token-revoked`.
 */
import { Hono } from 'hono';
import { isSessionRecord, refreshSession } from '../auth/sessions.js';
import { alsoEndedDetail, endSession } from '../auth/sign-in-end.js';
import type { AuthResult } from '../auth/principal.js';
import type { SameSignInGroup } from '../storage/access-token-store.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { AUTH_MESSAGES, AUTH_MESSAGES_SV, requireAuth } from './auth.js';
import { AppError } from './errors.js';
import type { SignedOutAnswer } from '../../shared/protocol/rights-answers.js';

/** The session routes but sign-out ({@link signOutRoutes}); `minutes` is the configured session length. */
export function sessionRoutes(deps: RouteDeps, minutes: number) {
  const { storage, clock } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/', async (c) => {
    const p = c.get('principal');
    const record = await storage.getToken(p.workspace, p.tokenId);
    return c.json({
      workspace: p.workspace,
      memberId: p.memberId,
      name: p.name,
      role: p.role,
      expiresAt: p.expiresAt ?? null,
      kind: record && isSessionRecord(record) ? 'session' : 'token',
    });
  });

  app.post('/refresh', async (c) => {
    const p = c.get('principal');
    const result = await refreshSession(storage, p, { minutes, clock });
    // Signed out or revoked since the request was let in: the end of the session, as any request with it now gets.
    if (!result.ok && result.reason === 'gone') throw new AppError(401, 'token-revoked', { sv: AUTH_MESSAGES_SV.revoked, en: AUTH_MESSAGES.revoked }, { reason: 'revoked' });
    if (!result.ok) {
      throw new AppError(400, 'not-a-session', {
        sv: 'Bara en inloggningssession kan förlängas; en API-token behåller sitt eget slutdatum.',
        en: 'Only a sign-in session can be refreshed; an API token keeps its own expiry.',
      });
    }
    await deps.rights.tokenExtended(p.tokenId, result.expiresAt);
    return c.json({ expiresAt: result.expiresAt, renewable: result.renewable });
  });

  return app;
}

/**
 * `DELETE /v1/session`, authenticated by `resolve` (`resolveSignOutToken`), which also takes a
 * session whose time ran out: mounted before `/v1`'s own authentication and write scope, so that
 * such a session reaches this handler and no other. Its writes are the session's own end, so
 * they are not checked again at the write (`write-rights.ts`): a sign-out is never refused for a
 * right lost meanwhile. An API token answers 400 `not-a-session` and revokes nothing.
 */
export function signOutRoutes(deps: RouteDeps, resolve: (token: string | undefined) => Promise<AuthResult>) {
  const { storage, clock } = deps;
  const app = new Hono<AuthEnv>();

  app.delete('/', requireAuth(resolve), async (c) => {
    const p = c.get('principal');
    const record = await storage.getToken(p.workspace, p.tokenId);
    if (!record || !isSessionRecord(record)) {
      throw new AppError(400, 'not-a-session', {
        sv: 'Det här är en API-token, inte en inloggningssession; en administratör återkallar den i vyn Medlemmar.',
        en: 'This is an API token, not a sign-in session; an administrator revokes it in the Members view.',
      });
    }
    const at = clock().toISOString();
    const line = (detail: string | null) => ({ at, workspace: p.workspace, doc: null, memberId: p.memberId, action: 'sign-out', bytes: 0, detail });
    // The sign-in is the person's own: it ends in every workspace (within null), each of which
    // audits the sessions it lost as that person's sign-out. Each revocation and its audit lines
    // in one transaction: both, or neither when the write fails.
    const also = (g: SameSignInGroup) =>
      g.workspace === p.workspace ? line(alsoEndedDetail(g.ids)) : { ...line(alsoEndedDetail(g.ids, p.workspace)), workspace: g.workspace, memberId: g.memberId };
    const { unconfirmed } = await endSession(deps, { tokenId: p.tokenId, at, lines: [line(null)], within: null, also });
    const answer: SignedOutAnswer = { signedOut: true, ...(unconfirmed ? { unconfirmed } : {}) };
    return c.json(answer);
  });

  return app;
}

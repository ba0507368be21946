/**
 * The in-memory store's {@link AccessTokenStore}, read against the store's tokens as SQLite and
 * PostgreSQL join them (`sqlite-access-tokens.ts`, `postgres-access-tokens.ts`).
 */
import { sameSignInLines, type AccessTokenEnd, type AccessTokenStore, type KeptAccessTokenSession } from './access-token-store.js';
import type { AuditRecord, TokenRecord } from './storage-records.js';

/**
 * True when `a` is named before `b` as how a token ended, as SQLite and PostgreSQL order them: a
 * sign-out first, then the latest; of sessions ended at once (a sign-out's, a member's removal),
 * the one in the workspace asked (its audit holds the line that ended it), then the first by id.
 */
function before(a: AccessTokenEnd & { here: boolean }, b: AccessTokenEnd & { here: boolean }): boolean {
  if (a.how !== b.how) return a.how === 'signed-out';
  if (a.at !== b.at) return a.at > b.at;
  if (a.here !== b.here) return a.here;
  return a.sessionId < b.sessionId;
}

/** True while the session of `tokenId` is neither revoked nor expired (nor gone) at `now` (ISO). */
function sessionLives(tokens: ReadonlyMap<string, TokenRecord>, tokenId: string, now: string): boolean {
  const t = tokens.get(tokenId);
  return t !== undefined && t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.parse(now));
}

/**
 * The access-token methods over `sessions` (by session token id; the caller keeps the map, for its
 * backup) and the store's `tokens` (by id; a revocation here sets `revokedAt` on the record itself,
 * as the store's `revokeToken` does); `open` throws when the store is closed, `audit` stores
 * audit lines.
 */
export function memoryAccessTokens(
  sessions: Map<string, KeptAccessTokenSession>,
  tokens: ReadonlyMap<string, TokenRecord>,
  open: () => void,
  audit: (lines: readonly AuditRecord[]) => void,
): AccessTokenStore {
  /**
   * Mark every kept row of the sign-in of `tokenId` as ended everywhere, those a coordinator revoked
   * before too: a row may outlast the sign-out's own (another server's clock skew).
   */
  const markSignIn = (tokenId: string): void => {
    const key = sessions.get(tokenId)?.key;
    if (key === undefined) return;
    for (const s of sessions.values()) if (s.key === key) s.endedEverywhere = true;
  };
  return {
    async noteAccessTokenSession(session, now) {
      open();
      // A row stays while a session of its key lives: signing out with one whose time ran out ends them.
      const living = new Set([...sessions].filter(([id]) => sessionLives(tokens, id, now)).map(([, s]) => s.key));
      for (const [id, s] of sessions) if (s.until <= now && !living.has(s.key)) sessions.delete(id);
      sessions.set(session.tokenId, { key: session.key, tokenId: session.tokenId, until: session.until, endedEverywhere: false });
    },
    async accessTokenEnded(key, workspace, now) {
      open();
      let found: (AccessTokenEnd & { here: boolean }) | null = null;
      for (const s of sessions.values()) {
        const t = tokens.get(s.tokenId);
        if (s.key !== key || s.until <= now || !t || t.revokedAt === null || !(s.endedEverywhere || t.workspace === workspace)) continue;
        const end = { how: s.endedEverywhere ? 'signed-out' : 'revoked', sessionId: s.tokenId, at: t.revokedAt, here: t.workspace === workspace } as const;
        if (!found || before(end, found)) found = end;
      }
      return found && { how: found.how, sessionId: found.sessionId, at: found.at };
    },
    async signOutSession(tokenId, at, lines) {
      open();
      markSignIn(tokenId);
      const t = tokens.get(tokenId);
      if (!t || t.revokedAt !== null) return false;
      t.revokedAt = at;
      if (lines) audit(lines);
      return true;
    },
    async revokeSameSignIn(tokenId, at, within, line) {
      open();
      const key = sessions.get(tokenId)?.key;
      if (key === undefined) return [];
      // A sign-out's second step marks the sign-in again: a row noted, or revoked in its own
      // workspace, between its two steps must refuse the token everywhere too.
      if (within === null) markSignIn(tokenId);
      const revoked: TokenRecord[] = [];
      for (const s of sessions.values()) {
        const t = tokens.get(s.tokenId);
        if (s.key !== key || s.tokenId === tokenId || !t || t.revokedAt !== null) continue;
        if (within !== null && t.workspace !== within) continue;
        t.revokedAt = at;
        revoked.push(t);
      }
      revoked.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (revoked.length > 0 && line) audit(sameSignInLines(revoked, line));
      return revoked.map((t) => t.id);
    },
  };
}

/**
 * The PostgreSQL store's {@link AccessTokenStore}: the table `access_token_sessions`
 * (`ended_everywhere` and the index on `token_id` from schema version 13), read against `tokens`
 * in one statement, so a session revoked by any server process of the database ends its access
 * token at once.
 */
import { sameSignInLines, type AccessTokenStore } from './access-token-store.js';
import { PG_QUERIES as Q } from './postgres-queries.js';
import { auditColumns, type PostgresRows, type PostgresTx } from './postgres-records.js';
import { str } from './record-rows.js';

/** The access-token methods over the store's `rows`, and `inTx` for a revocation with its audit line. */
export function postgresAccessTokens(rows: PostgresRows, inTx: PostgresTx): AccessTokenStore {
  return {
    async noteAccessTokenSession(session, now) {
      // One statement: the rows past their time go in the write that adds one (a new session's id
      // never clashes with a kept row's). A row stays while a session of its key lives, though its
      // token ran out: a sign-out finds the session's siblings by it, also a sign-out with a
      // session whose own time ran out. ISO times compare as text, byte order.
      await rows(
        `WITH dropped AS (DELETE FROM access_token_sessions s WHERE s.until <= $4 AND NOT EXISTS (SELECT 1 FROM access_token_sessions k
           JOIN tokens t ON t.id = k.token_id
           WHERE k.token_key = s.token_key AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at COLLATE "C" > $4)))
         INSERT INTO access_token_sessions (token_key, token_id, until) VALUES ($1, $2, $3)`,
        [session.key, session.tokenId, session.until, now],
      );
    },
    async accessTokenEnded(key, workspace, now) {
      const [row] = await rows(
        `SELECT s.token_id, t.revoked_at, s.ended_everywhere FROM access_token_sessions s JOIN tokens t ON t.id = s.token_id
         WHERE s.token_key = $1 AND s.until > $2 AND t.revoked_at IS NOT NULL AND (s.ended_everywhere OR t.workspace = $3)
         ORDER BY s.ended_everywhere DESC, t.revoked_at COLLATE "C" DESC, t.workspace = $3 DESC, t.id COLLATE "C" LIMIT 1`,
        [key, now, workspace],
      );
      return row ? { how: row.ended_everywhere === true ? 'signed-out' : 'revoked', sessionId: str(row.token_id), at: str(row.revoked_at) } : null;
    },
    async signOutSession(tokenId, at, audit) {
      const revoked = (r: Record<string, unknown>[]) => Number(r[0]?.n ?? 0) > 0;
      // The mark and the revocation are one statement; its audit lines join it in one transaction.
      if (!audit || audit.length === 0) return revoked(await rows(Q.signOutSession, [at, tokenId]));
      return inTx(async (c) => {
        const done = revoked((await c.query(Q.signOutSession, [at, tokenId])).rows as Record<string, unknown>[]);
        if (done) await c.query(Q.insertAudit, auditColumns(audit));
        return done;
      });
    },
    async revokeSameSignIn(tokenId, at, within, line) {
      const revoked = (found: Record<string, unknown>[]) => found.map((r) => ({ id: str(r.id), workspace: str(r.workspace), memberId: str(r.member_id) }));
      if (!line) return revoked(await rows(Q.revokeSameSignIn, [tokenId, at, within])).map((r) => r.id);
      return inTx(async (c) => {
        const done = revoked((await c.query(Q.revokeSameSignIn, [tokenId, at, within])).rows as Record<string, unknown>[]);
        if (done.length > 0) await c.query(Q.insertAudit, auditColumns(sameSignInLines(done, line)));
        return done.map((r) => r.id);
      });
    },
  };
}

/**
 * The SQLite store's {@link AccessTokenStore}: the table `access_token_sessions` (schema version
 * 13; `ended_everywhere` and the index on `token_id` from 15), read against `tokens` in one
 * statement, so a session revoked by any connection (another server process on the file, the CLI)
 * ends its access token at once.
 */
import type Database from 'better-sqlite3';
import { sameSignInLines, type AccessTokenSession, type AccessTokenStore } from './access-token-store.js';
import type { AuditRecord, RightsWriteKind } from './storage.js';

/** What the access-token methods need of the store that opened the connection (`openSqliteStorage`). */
export interface SqliteAccessTokensContext {
  /** Runs `transaction` holding the store's writer gate. */
  write<T>(transaction: () => T): T;
  /** Runs `change` in an IMMEDIATE transaction that bumps the rights version when `kind` says it wrote (`SqliteRecordsContext.rightsWrite`). */
  rightsWrite<T>(change: () => T, kind: (out: T) => RightsWriteKind | null): T;
  /** Inserts audit lines (details sanitized) in the transaction under way. */
  insertAudit(lines: readonly AuditRecord[]): void;
}

/**
 * Kept while the token is valid or a session of its sign-in lives (`noteAccessTokenSession`): a
 * row goes once its `until` is past and no session kept under its key lives. A session whose own
 * time ran out keeps its row while a sibling lives, since signing out with it still ends them.
 * Expiry times are ISO text, compared as text as `until` is; the key's rows are read by the
 * primary key, and each row's session by id (the tokens of a workspace keep every session ever made).
 */
const DROP = `DELETE FROM access_token_sessions WHERE until <= $now AND NOT EXISTS (SELECT 1 FROM access_token_sessions k
  JOIN tokens t ON t.id = k.token_id
  WHERE k.token_key = access_token_sessions.token_key AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $now))`;

/**
 * The access-token methods over `db` (its statements prepared at first use).
 */
export function sqliteAccessTokens(db: Database.Database, ctx: SqliteAccessTokensContext): AccessTokenStore {
  let statements: {
    note: (session: AccessTokenSession, now: string) => void;
    ended: Database.Statement;
    siblings: Database.Statement;
    revoke: Database.Statement;
    everywhere: Database.Statement;
  } | null = null;
  const prepared = () => {
    if (statements) return statements;
    const drop = db.prepare(DROP);
    const insert = db.prepare('INSERT OR REPLACE INTO access_token_sessions (token_key, token_id, until) VALUES (?, ?, ?)');
    const note = db.transaction((session: AccessTokenSession, now: string) => {
      drop.run({ now });
      insert.run(session.key, session.tokenId, session.until);
    });
    const ended = db
      .prepare(
        `SELECT s.token_id AS sessionId, t.revoked_at AS at, s.ended_everywhere AS everywhere
         FROM access_token_sessions s JOIN tokens t ON t.id = s.token_id
         WHERE s.token_key = $key AND s.until > $now AND t.revoked_at IS NOT NULL
           AND (s.ended_everywhere = 1 OR t.workspace = $workspace)
         ORDER BY s.ended_everywhere DESC, t.revoked_at DESC, t.workspace = $workspace DESC, t.id LIMIT 1`,
      );
    const siblings = db
      .prepare(
        `SELECT DISTINCT t.id, t.workspace, t.member_id AS memberId FROM access_token_sessions mine
         JOIN access_token_sessions s ON s.token_key = mine.token_key
         JOIN tokens t ON t.id = s.token_id
         WHERE mine.token_id = $id AND t.id <> mine.token_id AND t.revoked_at IS NULL
           AND ($within IS NULL OR t.workspace = $within)
         ORDER BY t.id`,
      );
    const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    // Every kept row of the sign-in of the session ?, its own found through the index on token_id
    // (schema version 15), the others by their key (the primary key's first column).
    const everywhere = db.prepare(
      'UPDATE access_token_sessions SET ended_everywhere = 1 WHERE token_key IN (SELECT token_key FROM access_token_sessions WHERE token_id = ?)',
    );
    statements = { note: (session, now) => note.immediate(session, now), ended, siblings, revoke, everywhere };
    return statements;
  };
  return {
    async noteAccessTokenSession(session, now) {
      const { note } = prepared();
      ctx.write(() => note(session, now));
    },
    async accessTokenEnded(key, workspace, now) {
      const row = prepared().ended.get({ key, workspace, now }) as { sessionId: string; at: string; everywhere: number } | undefined;
      return row ? { how: row.everywhere === 1 ? 'signed-out' : 'revoked', sessionId: row.sessionId, at: row.at } : null;
    },
    async signOutSession(tokenId, at, audit) {
      const { revoke, everywhere } = prepared();
      // The mark and the revocation in one IMMEDIATE transaction: a sign-in that sees the session
      // revoked sees it signed out, in whichever workspace it is made. Every row of the sign-in is
      // marked, those revoked before by a coordinator too: a row may outlast this one (another
      // server's clock skew), and the sign-out must refuse the token for as long as any says it ended.
      return ctx.rightsWrite(
        () => {
          everywhere.run(tokenId);
          const revoked = revoke.run(at, tokenId).changes > 0;
          if (revoked && audit && audit.length > 0) ctx.insertAudit(audit);
          return revoked;
        },
        (revoked) => (revoked ? 'token-revoked' : null),
      );
    },
    async revokeSameSignIn(tokenId, at, within, line) {
      const { siblings, revoke, everywhere } = prepared();
      // Read and revoked in one IMMEDIATE transaction: a session noted by another connection
      // before it began is among them, one noted after sees this revocation (`accessTokenEnded`).
      return ctx.rightsWrite(
        () => {
          const rows = siblings.all({ id: tokenId, within }) as { id: string; workspace: string; memberId: string }[];
          const revoked = rows.filter((r) => revoke.run(at, r.id).changes > 0);
          // A sign-out's second step marks the sign-in's rows again: one noted, or revoked in its
          // own workspace, between the two steps must refuse the token everywhere too.
          if (within === null) everywhere.run(tokenId);
          if (revoked.length > 0 && line) ctx.insertAudit(sameSignInLines(revoked, line));
          return revoked.map((r) => r.id);
        },
        (ids) => (ids.length > 0 ? 'token-revoked' : null),
      );
    },
  };
}

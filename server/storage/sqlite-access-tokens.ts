/**
 * The SQLite store's {@link AccessTokenStore}: the table `access_token_sessions` (schema version
 * 13), read against `tokens` in one statement, so a session revoked by any connection (another
 * server process on the file, the CLI) ends its access token at once.
 */
import type Database from 'better-sqlite3';
import type { AccessTokenSession, AccessTokenStore } from './access-token-store.js';

/**
 * The access-token methods over `db`; `write` runs a transaction holding the store's writer gate
 * (`openSqliteStorage`). Statements are prepared at first use.
 */
export function sqliteAccessTokens(db: Database.Database, write: <T>(transaction: () => T) => T): AccessTokenStore {
  let statements: { note: (session: AccessTokenSession, now: string) => void; ended: Database.Statement } | null = null;
  const prepared = () => {
    if (statements) return statements;
    const drop = db.prepare('DELETE FROM access_token_sessions WHERE until <= ?');
    const insert = db.prepare('INSERT OR REPLACE INTO access_token_sessions (token_key, token_id, until) VALUES (?, ?, ?)');
    const note = db.transaction((session: AccessTokenSession, now: string) => {
      drop.run(now);
      insert.run(session.key, session.tokenId, session.until);
    });
    const ended = db
      .prepare(
        `SELECT 1 FROM access_token_sessions s JOIN tokens t ON t.id = s.token_id
         WHERE s.token_key = ? AND s.until > ? AND t.revoked_at IS NOT NULL LIMIT 1`,
      )
      .pluck();
    statements = { note: (session, now) => note.immediate(session, now), ended };
    return statements;
  };
  return {
    async noteAccessTokenSession(session, now) {
      const { note } = prepared();
      write(() => note(session, now));
    },
    async accessTokenEnded(key, now) {
      return prepared().ended.get(key, now) !== undefined;
    },
  };
}

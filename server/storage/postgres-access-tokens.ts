/**
 * The PostgreSQL store's {@link AccessTokenStore}: the table `access_token_sessions`, read against
 * `tokens` in one statement, so a session revoked by any server process of the database ends its
 * access token at once.
 */
import type { AccessTokenStore } from './access-token-store.js';
import type { PostgresRows } from './postgres-records.js';

/** The access-token methods over the store's `rows`. */
export function postgresAccessTokens(rows: PostgresRows): AccessTokenStore {
  return {
    async noteAccessTokenSession(session, now) {
      // One statement: the rows past their time go in the write that adds one (a new session's id never clashes with a kept row's).
      await rows(
        `WITH dropped AS (DELETE FROM access_token_sessions WHERE until <= $4)
         INSERT INTO access_token_sessions (token_key, token_id, until) VALUES ($1, $2, $3)`,
        [session.key, session.tokenId, session.until, now],
      );
    },
    async accessTokenEnded(key, now) {
      const found = await rows(
        `SELECT 1 AS n FROM access_token_sessions s JOIN tokens t ON t.id = s.token_id
         WHERE s.token_key = $1 AND s.until > $2 AND t.revoked_at IS NOT NULL LIMIT 1`,
        [key, now],
      );
      return found.length > 0;
    },
  };
}

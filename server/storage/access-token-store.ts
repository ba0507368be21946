/**
 * Sessions started from a provider's access token (Office SSO, `POST /auth/session`), kept so that
 * ending one session ends the token too: a token whose session was signed out (or revoked by an
 * admin) must not start a new session while it is still valid, or a leaked token would outlive
 * the sign-out until its `exp`. Part of {@link Storage} (`storage.ts`), in every store the servers of
 * one deployment share (SQLite, PostgreSQL: a table of its own; memory), so a sign-out
 * on one server is seen by every other. Only a hash of the token is kept (`server/auth/access-token-key.ts`),
 * never the token.
 */

/** One session started from an access token. */
export interface AccessTokenSession {
  /** The token's key: SHA-256 hex of its signed part (`accessTokenKey`). */
  key: string;
  /** The session's token id (`TokenRecord.id`). */
  tokenId: string;
  /** ISO time after which the access token is refused anyway (its `exp` plus the allowed clock skew). */
  until: string;
}

/** What a store keeps of the sessions started from access tokens. */
export interface AccessTokenStore {
  /**
   * Keep `session` until its `until`. Entries whose `until` is at or before `now` (ISO) are dropped
   * in the same write, so the kept entries never outgrow the tokens still valid.
   */
  noteAccessTokenSession(session: AccessTokenSession, now: string): Promise<void>;
  /**
   * True when a session started from the access token of `key` was revoked (signed out, revoked by
   * an admin, its member removed) and the token is still valid at `now` (ISO): the token is then refused.
   */
  accessTokenEnded(key: string, now: string): Promise<boolean>;
}

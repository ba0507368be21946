/**
 * The in-memory store's {@link AccessTokenStore}, read against the store's tokens as SQLite and
 * PostgreSQL join them (`sqlite-access-tokens.ts`, `postgres-access-tokens.ts`).
 */
import type { AccessTokenSession, AccessTokenStore } from './access-token-store.js';
import type { TokenRecord } from './storage-records.js';

/** The access-token methods over the store's `tokens` (by id); `open` throws when the store is closed. */
export function memoryAccessTokens(tokens: ReadonlyMap<string, TokenRecord>, open: () => void): AccessTokenStore {
  /** By session token id. */
  const sessions = new Map<string, AccessTokenSession>();
  return {
    async noteAccessTokenSession(session, now) {
      open();
      for (const [id, s] of sessions) if (s.until <= now) sessions.delete(id);
      sessions.set(session.tokenId, { ...session });
    },
    async accessTokenEnded(key, now) {
      open();
      for (const s of sessions.values()) {
        if (s.key === key && s.until > now && (tokens.get(s.tokenId)?.revokedAt ?? null) !== null) return true;
      }
      return false;
    },
  };
}

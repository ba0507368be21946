/**
 * A PostgreSQL store of schema version 12, before it kept how a session made from an access token
 * ended (`access_token_sessions.ended_everywhere`) and indexed the session's id, opened by this
 * build: part of `postgres.test.ts`'s schema block, which holds the cluster.
 */
import { expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { PG_MIGRATIONS } from '../../../server/storage/postgres-schema.js';
import { listenedClient } from '../../support/listened-client.js';
import type { PgServer } from '../../support/services.js';

/** Keys as `accessTokenKey` makes them: 64 hex digits. */
const ENDED_KEY = 'a1'.repeat(32);
const LIVE_KEY = 'b2'.repeat(32);

/** Defines the test, in the caller's `describe`, on the cluster `server` stands for. */
export function postgresOldAccessTokens(server: PgServer): void {
  it('keeps a token whose session schema version 12 kept revoked refused everywhere, and one revoked after in its workspace only', async () => {
    const url = await server.createDb('v12sessions');
    const c = listenedClient({ connectionString: url });
    await c.connect();
    try {
      await c.query('CREATE TABLE samplan_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const [i, sql] of PG_MIGRATIONS.slice(0, 12).entries()) await c.query(`${sql}; INSERT INTO samplan_schema (version) VALUES (${i + 1})`);
      // t-gone was revoked in ws before the upgrade (a revocation or a sign-out: version 12 kept no difference).
      await c.query(`INSERT INTO tokens VALUES ('t-gone', '${'a'.repeat(64)}', 'ws', 'anna', 'session: sso', 'T0', 'T9', 'T1'),
          ('t-live', '${'b'.repeat(64)}', 'ws', 'anna', 'session: sso', 'T0', 'T9', NULL),
          ('t-there', '${'c'.repeat(64)}', 'other', 'anna.lind', 'session: sso', 'T0', 'T9', NULL);
        INSERT INTO access_token_sessions VALUES ('${ENDED_KEY}', 't-gone', 'T5'), ('${LIVE_KEY}', 't-live', 'T5'), ('${LIVE_KEY}', 't-there', 'T5')`);
    } finally {
      await c.end();
    }
    const s = await openPostgresStorage(url);
    try {
      const ended = async (key: string) => [(await s.accessTokenEnded(key, 'ws', 'T2'))?.how ?? null, (await s.accessTokenEnded(key, 'other', 'T2'))?.how ?? null];
      expect([await ended(ENDED_KEY), await ended(LIVE_KEY)]).toEqual([['signed-out', 'signed-out'], [null, null]]);
      expect(await s.revokeToken('t-live', 'T3')).toBe(true);
      expect(await ended(LIVE_KEY)).toEqual(['revoked', null]);
      expect(await s.signOutSession('t-there', 'T3')).toBe(true);
      expect(await ended(LIVE_KEY)).toEqual(['signed-out', 'signed-out']);
    } finally {
      await s.close();
    }
    const check = listenedClient({ connectionString: url });
    await check.connect();
    try {
      const rows = (await check.query('SELECT token_id, ended_everywhere FROM access_token_sessions ORDER BY token_id')).rows;
      expect(rows).toEqual([
        { token_id: 't-gone', ended_everywhere: true },
        // Revoked in 'ws' before the sign-out, but of the sign-in signed out: marked with it.
        { token_id: 't-live', ended_everywhere: true },
        { token_id: 't-there', ended_everywhere: true },
      ]);
      const index = (await check.query("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'access_token_sessions_by_token'")).rows;
      expect(index.map((r: { indexdef: string }) => r.indexdef)).toEqual([expect.stringMatching(/ON \S*access_token_sessions USING btree \(token_id\)$/)]);
    } finally {
      await check.end();
    }
  });
}

/**
 * A PostgreSQL store of schema version 11, before removals kept the removed member's name
 * (`RemovalRecord.name`), opened by this build: part of `postgres.test.ts`'s schema block, which
 * holds the cluster.
 */
import { expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { PG_MIGRATIONS } from '../../../server/storage/postgres-schema.js';
import { listenedClient } from '../../support/listened-client.js';
import type { PgServer } from '../../support/services.js';

/** Defines the test, in the caller's `describe`, on the cluster `server` stands for. */
export function postgresOldRemovals(server: PgServer): void {
  it('reads a removal kept by schema version 11 with no name, and keeps the name of a removal made after', async () => {
    const url = await server.createDb('v11removals');
    const c = listenedClient({ connectionString: url });
    await c.connect();
    try {
      await c.query('CREATE TABLE samplan_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const [i, sql] of PG_MIGRATIONS.slice(0, 11).entries()) await c.query(`${sql}; INSERT INTO samplan_schema (version) VALUES (${i + 1})`);
      // Olle's name is one an older Samplan stored before the guard refused it: removed, but not kept.
      await c.query(`INSERT INTO members VALUES ('ws', 'nina', 'Nina Ek', 'editor', '[]'), ('ws', 'olle', 'Olle 19121212-1212', 'viewer', '[]');
        INSERT INTO member_removals VALUES ('ws', 'per', 'anna', 'T1')`);
    } finally {
      await c.end();
    }
    const s = await openPostgresStorage(url);
    try {
      await s.deleteMember('ws', 'nina', { by: 'anna', at: 'T2' });
      await s.deleteMember('ws', 'olle', { by: null, at: 'T3' });
      expect(await s.listRemovals('ws')).toEqual([
        { workspace: 'ws', id: 'nina', name: 'Nina Ek', removedBy: 'anna', removedAt: 'T2' },
        { workspace: 'ws', id: 'olle', name: null, removedBy: null, removedAt: 'T3' },
        { workspace: 'ws', id: 'per', name: null, removedBy: 'anna', removedAt: 'T1' },
      ]);
    } finally {
      await s.close();
    }
  });
}

import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { DEFAULT_POOL_SIZE, openPostgresStorage } from '../../../server/storage/postgres.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';

const missing = servicesMissing();

describe.skipIf(missing !== null)('postgres storage pool', () => {
  const server = usePostgres();

  it('a burst of reads opens no more than the default pool of backends, which with the listening connection leaves room for eight processes under max_connections 100', async () => {
    const url = await server.createDb('pool');
    const storage = await openPostgresStorage(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Thirty documents loaded at once, as a connect storm does: each load is a transaction holding a connection.
      const refs = Array.from({ length: 30 }, (_, i) => ({ workspace: 'hbi-stockholm', doc: `plan-${i}` }));
      await Promise.all(refs.map((ref) => storage.loadDoc(ref)));
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'samplan' AND datname = current_database()",
      );
      const backends = (rows[0] as { n: number }).n;
      expect(backends).toBeGreaterThan(1);
      expect(backends).toBeLessThanOrEqual(DEFAULT_POOL_SIZE);
      // Eight processes, each with its listening connection, and a few commands fit PostgreSQL's default max_connections.
      expect((backends + 1) * 8 + 5).toBeLessThanOrEqual(100);
    } finally {
      await admin.end();
      await storage.close();
    }
  }, 60_000);
});

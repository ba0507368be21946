import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { listenedClient } from '../../support/listened-client.js';
import { DEFAULT_POOL_SIZE, openPostgresStorage } from '../../../server/storage/postgres.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { made } from './made.js';

const missing = servicesMissing();

describe.skipIf(missing !== null)('postgres storage pool', () => {
  const server = usePostgres();

  it('a burst of reads opens no more than the default pool of backends, which with the listening connection leaves room for eight processes under max_connections 100', async () => {
    const url = await server.createDb('pool');
    const storage = await openPostgresStorage(url);
    const admin = listenedClient({ connectionString: url });
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

  it('a document loads in one statement, one round trip: a storm of loads does not hold each pooled connection for a transaction of seven', async () => {
    const url = await server.createDb('pool_load');
    const storage = await openPostgresStorage(url);
    const ref = { workspace: 'hbi-stockholm', doc: 'plan-1' };
    const query = pg.Client.prototype.query;
    const sent: string[] = [];
    try {
      await made(storage, ref);
      await storage.appendUpdates(ref, [{ update: new Uint8Array([1, 2, 3]), memberId: null }]);
      pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
        const first = a[0] as string | { text?: string };
        sent.push(typeof first === 'string' ? first : (first?.text ?? ''));
        return (query as (...b: unknown[]) => unknown).apply(this, a);
      } as typeof query;
      const loaded = await storage.loadDoc(ref);
      pg.Client.prototype.query = query;
      expect(loaded.updates).toHaveLength(1);
      expect(loaded.lastSeq).toBe(1);
      expect(sent, sent.join('\n')).toHaveLength(1);
    } finally {
      pg.Client.prototype.query = query;
      await storage.close();
    }
  }, 60_000);
});

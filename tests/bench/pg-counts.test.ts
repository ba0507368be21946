/**
 * `bench/support/pg-counts.ts`: the commits and update-log rows a window of edits cost PostgreSQL,
 * read from its statistics views, against a real PostgreSQL (skipped with what to install when
 * its binaries are missing, as every PostgreSQL test).
 */
import { describe, expect, it } from 'vitest';
import { pgCounts, pgCountsCell } from '../../bench/support/pg-counts.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { made } from '../server/storage/made.js';

const item = (n: number) => ({ update: new Uint8Array([n]), memberId: null });

describe('pgCountsCell', () => {
  it('gives commits per delivery and stored edits per commit', () => {
    expect(pgCountsCell({ commits: 10, rows: 100 }, { commits: 40, rows: 160 }, 60)).toBe('0.50 / 2.00');
    expect(pgCountsCell({ commits: 5, rows: 5 }, { commits: 5, rows: 5 }, 0)).toBe('0.00 / 0.00');
  });
});

describe.skipIf(servicesMissing() !== null)('pgCounts on PostgreSQL', () => {
  const server = usePostgres();

  it('counts one commit for a group of three documents and one for a lone append, and every stored edit', async () => {
    const url = await server.createDb('counts');
    const storage = await openPostgresStorage(url);
    let closed = false;
    try {
      const docs = ['plan-husby', 'plan-rinkeby', 'plan-tensta'].map((doc) => ({ workspace: 'hbi-stockholm', doc }));
      await made(storage, ...docs);
      const before = await pgCounts(url);
      await storage.appendMany!(docs.map((ref) => ({ ref, updates: [item(1), item(2)] })));
      await storage.appendUpdates(docs[0]!, [item(3)]);
      // Closed so that its polls add no transactions, and its backends send their counts as they end.
      await storage.close();
      closed = true;
      let after = await pgCounts(url);
      let readings = 1;
      for (let waited = 0; after.rows - before.rows < 7 && waited < 20_000; waited += 250, readings++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        after = await pgCounts(url);
      }
      expect(after.rows - before.rows).toBe(7);
      // The two appends, plus each reading's own transaction (counted once its connection ended)
      // and whatever else the store ran while open (its rights poll, a few at most).
      const others = after.commits - before.commits - readings;
      expect(others).toBeGreaterThanOrEqual(2);
      expect(others).toBeLessThan(8);
    } finally {
      if (!closed) await storage.close();
    }
  }, 60_000);
});

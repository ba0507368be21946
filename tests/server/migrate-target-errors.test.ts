import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { freePort, servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cli } from './cli-capture.js';

/**
 * `samplan migrate --to` an address where no database opens says so in the sentence `samplan
 * serve` gives for `--database-url` (what answers there, which setting: `--to`), without the
 * password, and exits 1: it printed the driver's `connect ECONNREFUSED 127.0.0.1:5432`.
 */
describe('samplan migrate: a target that cannot be opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-migrate-target-'));
  const file = join(dir, 'samplan.db');

  beforeAll(async () => {
    const storage = openSqliteStorage(file);
    await storage.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-15T10:00:00Z' });
    await storage.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('nothing answering at the address names it, what answers there and --to, never the password', async () => {
    const port = await freePort();
    const { code, err } = await cli(['migrate', '--from', file, '--to', `postgres://samplan:s3cret-pw@127.0.0.1:${port}/samplan`]);
    expect(code).toBe(1);
    expect(err).toBe(
      `samplan: Cannot open the PostgreSQL database postgres://samplan:***@127.0.0.1:${port}/samplan (--to): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`,
    );
    expect(err).not.toContain('s3cret-pw');
  }, 60_000);

  it('tells an unreachable target before it reads the source through', async () => {
    // A source the scan refuses: the old order read it all and gave the scan's answer first.
    const refused = join(dir, 'refused.db');
    const storage = openSqliteStorage(refused);
    await storage.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-15T10:00:00Z' });
    await storage.close();
    const db = new Database(refused);
    db.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('Eva 850101-1236', 'hbi-stockholm');
    db.close();
    const port = await freePort();
    const { code, err } = await cli(['migrate', '--from', refused, '--to', `postgres://samplan@127.0.0.1:${port}/samplan`]);
    expect({ code, err }).toEqual({
      code: 1,
      err: `samplan: Cannot open the PostgreSQL database postgres://samplan@127.0.0.1:${port}/samplan (--to): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`,
    });
  }, 60_000);

  describe.skipIf(servicesMissing() !== null)('on a running PostgreSQL', () => {
    const server = usePostgres();

    it('a database not created yet is named with what to do', async () => {
      const missing = server.url('migrate_target_never_made');
      const { code, err } = await cli(['migrate', '--from', file, '--to', missing]);
      expect(code).toBe(1);
      expect(err).toMatch(/^samplan: Cannot open the PostgreSQL database postgres:\/\/\S+\/migrate_target_never_made \(--to\): .*create it first \(createdb, or CREATE DATABASE\)/);
    }, 60_000);
  });
});

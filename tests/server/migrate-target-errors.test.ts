import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listenedClient } from '../support/listened-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/open-storage.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { freePort, servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cli } from './cli-capture.js';
import { englishLocaleForFile } from '../support/english-locale.js';

// These tests assert the CLI's English sentences.
englishLocaleForFile();

/**
 * `samplan migrate --to` an address where no database opens says so in the sentence `samplan
 * serve` gives for `--database-url` (what answers there, which setting: `--to`), without the
 * password, and exits 1: it printed the driver's `connect ECONNREFUSED 127.0.0.1:5432`.
 */
describe('samplan migrate: a target that cannot be opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-migrate-target-'));
  const file = join(dir, 'samplan.db');

  /**
   * An SQLite file `name` in `dir` that the migration's scan refuses (a workspace named with a
   * personnummer, written past the store's checks): its path.
   */
  async function refusedSource(name: string): Promise<string> {
    const refused = join(dir, name);
    const storage = openSqliteStorage(refused);
    await storage.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-15T10:00:00Z' });
    await storage.close();
    const db = new Database(refused);
    db.prepare('UPDATE workspaces SET name = ? WHERE id = ?').run('Eva 850101-1236', 'hbi-stockholm');
    db.close();
    return refused;
  }

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
    const refused = await refusedSource('refused.db');
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

    /** A role `name` that may sign in and use the schema of `url` (`createDb`) but not create in it; the address as that role. */
    async function roleWithoutCreate(name: string, url: string, usage: boolean): Promise<{ as: string; schema: string }> {
      const schema = decodeURIComponent(url).match(/search_path=(\w+)/)?.[1] ?? '';
      const admin = listenedClient({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE ${name} LOGIN`);
        if (usage) await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${name}`);
      } finally {
        await admin.end();
      }
      return { as: url.replace('//samplan@', `//${name}@`), schema };
    }

    it('a role without the right to create tables is refused before the source is scanned, naming the right, the role and the GRANT', async () => {
      const { as, schema } = await roleWithoutCreate('planerare', await server.createDb('nocreate'), true);
      // A source the scan refuses: the old order read it all and gave the scan's answer first.
      const refused = await refusedSource('refused-nocreate.db');
      const { code, err } = await cli(['migrate', '--from', refused, '--to', as]);
      expect({ code, err }).toEqual({
        code: 1,
        err: `samplan: Cannot open the PostgreSQL database ${as} (--to): the role planerare may not create tables in the schema ${schema} (it lacks the CREATE right there); as the schema's owner or a superuser, run GRANT CREATE ON SCHEMA ${schema} TO planerare; or name a role that has it.`,
      });
      // Given the right, the same role migrates (the early check asks no more than the copy needs).
      const admin = listenedClient({ connectionString: as.replace('//planerare@', '//samplan@') });
      await admin.connect();
      await admin.query(`GRANT CREATE ON SCHEMA ${schema} TO planerare`);
      await admin.end();
      const ok = await cli(['migrate', '--from', file, '--to', as]);
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
    }, 120_000);

    it('serve and the other commands name the missing right, the role and the GRANT too, not the driver\'s words alone', async () => {
      const { as, schema } = await roleWithoutCreate('tittare', await server.createDb('servenocreate'), true);
      await expect(openStorage({ db: '', databaseUrl: as })).rejects.toThrow(
        `Cannot open the PostgreSQL database ${as} (--database-url or SAMPLAN_DATABASE_URL): the role tittare may not create tables in the schema ${schema} (it lacks the CREATE right there); as the schema's owner or a superuser, run GRANT CREATE ON SCHEMA ${schema} TO tittare; or name a role that has it.`,
      );
    }, 60_000);

    it('a role that may use no schema of its search_path is told so, with the GRANT', async () => {
      const { as, schema } = await roleWithoutCreate('lasare', await server.createDb('nousage'), false);
      const { code, err } = await cli(['migrate', '--from', file, '--to', as]);
      expect(code).toBe(1);
      expect(err).toBe(
        `samplan: Cannot open the PostgreSQL database ${as} (--to): the role lasare may create tables in no schema of its search_path (${schema}): none exists, or the role lacks the USAGE right on them; create the schema, or as its owner or a superuser run GRANT USAGE, CREATE ON SCHEMA ${schema} TO lasare; or correct the search_path in the address.`,
      );
    }, 60_000);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { englishLocaleForFile } from '../support/english-locale.js';

// These tests assert the CLI's English sentences.
englishLocaleForFile();

/**
 * `samplan export --out` and `samplan report --out/--pdf` never write onto the SQLite database
 * (nor its own files, nor another SQLite file such as a backup): `--out samplan.db` replaced the
 * database with a CSV. A missing folder is made, a folder or an unwritable place is refused in words.
 */
describe('samplan export and report: where they write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-output-'));
  const db = join(dir, 'samplan.db');
  const backup = join(dir, 'backup.db');
  const PLAN = 'aktivitetsplan-vc-tensta';

  let main: (argv: string[]) => Promise<number>;
  // Loading the CLI and everything it imports: over 10 s on a busy machine.
  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    await storage.close();
    ({ main } = await import('../../server/cli.js'));
  }, 120_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function quiet() {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return () => String(error.mock.calls.at(-1)?.[0] ?? '');
  }

  const members = (file: string): number => {
    const d = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT count(*) FROM members').pluck().get() as number;
    } finally {
      d.close();
    }
  };

  it('refuses the database itself, through a symbolic link too, and its write-ahead log, and leaves them as they were', async () => {
    const lastError = quiet();
    symlinkSync(db, join(dir, 'current.db'));
    const before = readFileSync(db);
    const count = members(db);
    for (const target of [db, join(dir, 'current.db')]) {
      expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', target, '--db', db])).toBe(2);
      expect(lastError()).toBe(`samplan: samplan export will not write onto ${target}: it is the database itself (${db}). Name a file of its own, such as plan.xlsx.`);
    }
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--out', `${db}-wal`, '--db', db])).toBe(2);
    expect(lastError()).toMatch(/will not write onto .*-wal: it is the database's write-ahead log/);
    expect(await main(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', db, '--db', db])).toBe(2);
    expect(lastError()).toMatch(/^samplan: samplan report will not write onto .*: it is the database itself/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(members(db)).toBe(count);
  });

  it('refuses another SQLite file (a backup) and a folder, and replaces an earlier export', async () => {
    const lastError = quiet();
    expect(await main(['backup', backup, '--db', db])).toBe(0);
    const kept = readFileSync(backup);
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'xlsx', '--out', backup, '--db', db])).toBe(2);
    expect(lastError()).toBe(`samplan: samplan export will not write onto ${backup}: it is an SQLite database (a Samplan database or a backup). Name a file of its own, such as plan.xlsx.`);
    expect(await main(['report', DEMO_WORKSPACE, '2025-kv-2', '--pdf', backup, '--db', db])).toBe(2);
    expect(readFileSync(backup).equals(kept)).toBe(true);
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--out', dir, '--db', db])).toBe(2);
    expect(lastError()).toBe(`samplan: ${dir} is a folder; name the file in it, such as ${join(dir, 'plan.xlsx')}.`);
    const csv = join(dir, 'plan.csv');
    for (let i = 0; i < 2; i++) {
      expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', csv, '--db', db])).toBe(0);
      expect(readFileSync(csv, 'utf8')).toContain('Aktivitet');
    }
  });

  it('makes a missing folder, and says in words when the place cannot be written', async () => {
    const lastError = quiet();
    const nested = join(dir, 'exports', '2026', 'plan.csv');
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', nested, '--db', db])).toBe(0);
    expect(readFileSync(nested, 'utf8')).toContain('Aktivitet');
    const report = join(dir, 'reports', 'styrgrupp.html');
    expect(await main(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', report, '--db', db])).toBe(0);
    expect(readFileSync(report, 'utf8')).toContain('<html');
    // A folder named through a file: refused before anything is read, naming that file.
    const underFile = join(nested, 'plan.csv');
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--out', underFile, '--db', db])).toBe(2);
    expect(lastError()).toBe(`samplan: samplan export cannot write ${underFile}: ${nested} is a file, not a folder. Name a file in a folder.`);
    expect(existsSync(underFile)).toBe(false);
  });

  it('refuses a place under a file (a file where a folder should be) in words, for export, report and backup', async () => {
    const lastError = quiet();
    const plain = join(dir, 'plan.csv');
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', plain, '--db', db])).toBe(0);
    for (const [args, command] of [
      [['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', join(plain, 'x.csv')], 'samplan export'],
      [['report', DEMO_WORKSPACE, '2025-kv-2', '--out', join(plain, 'sub', 'r.html')], 'samplan report'],
      [['backup', join(plain, 'b.db')], 'samplan backup'],
      [['backup', '/dev/null/b.db'], 'samplan backup'],
    ] as const) {
      expect(await main([...args, '--db', db])).toBe(2);
      const under = args.includes('/dev/null/b.db') ? '/dev/null' : plain;
      expect(lastError()).toContain(`${command} cannot write `);
      expect(lastError()).toContain(`: ${under} is a file, not a folder.`);
    }
    expect(readFileSync(plain, 'utf8')).toContain(';');
  });
});

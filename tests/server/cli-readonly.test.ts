import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import type { Checkpointer } from '../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';

/**
 * `samplan report`, `export`, `backup` and `history scan` only read the database: they open it read-only and
 * leave its folder as they found it, names and bytes — beside a `-wal` without its `-shm` (a
 * server that died, its files copied without the index) too, where a read-write open recovered
 * the log into the file and removed it. A file of another schema version is refused naming the
 * operator's file, not the copy read in its place — except by `backup`, which copies it as it is.
 */
describe('samplan report, export, backup and history scan leave the database folder as they found it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-readonly-'));
  const out = join(dir, 'out');
  const PLAN = 'aktivitetsplan-vc-tensta';
  /** A folder holding `samplan.db` and its `-wal` only, the demo's edits still in the log. */
  const walOnly = join(dir, 'wal-only');
  /** A folder holding `samplan.db` alone. */
  const bare = join(dir, 'bare');

  /** A checkpointer that never runs: the store's edits stay in its `-wal` until it closes. */
  const noCheckpoints = (): Checkpointer => ({ wrote() {}, write: (transaction) => transaction(), writeWith: (transaction, a, b) => transaction(a, b), runs: () => 0, restarts: () => 0, longestWaitMs: () => 0, stop: async () => {} });

  /** The folder's names with each file's bytes, in hex. */
  const folder = (at: string): Record<string, string> => Object.fromEntries(readdirSync(at).sort().map((f) => [f, readFileSync(join(at, f)).toString('hex')]));

  let main: (argv: string[]) => Promise<number>;
  beforeAll(async () => {
    for (const d of [out, walOnly, bare]) mkdirSync(d);
    const live = join(dir, 'live.db');
    const storage = openSqliteStorage(live, { startCheckpointer: noCheckpoints });
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, join(walOnly, `samplan.db${suffix}`));
    await storage.close();
    copyFileSync(live, join(bare, 'samplan.db'));
    // Loading the CLI and everything it imports: over 10 s on a busy machine.
    ({ main } = await import('../../server/cli.js'));
  }, 120_000);
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function quiet() {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return () => error.mock.calls.map((c) => String(c[0])).join('\n');
  }

  for (const [name, at] of [['a -wal without its -shm', walOnly], ['no sidecars', bare]] as const) {
    it(`reads the demo's edits and changes nothing beside a file with ${name}`, async () => {
      const errors = quiet();
      const db = join(at, 'samplan.db');
      const before = folder(at);
      const tag = at === walOnly ? 'w' : 'b';
      expect(await main(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', join(out, `${tag}.csv`), '--db', db]), errors()).toBe(0);
      expect(folder(at)).toEqual(before);
      expect(readFileSync(join(out, `${tag}.csv`), 'utf8')).toContain('Aktivitet');
      expect(await main(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', join(out, `${tag}.html`), '--db', db]), errors()).toBe(0);
      expect(folder(at)).toEqual(before);
      expect(readFileSync(join(out, `${tag}.html`), 'utf8')).toContain('2025 kv 2');
      expect(await main(['history', 'scan', '--db', db]), errors()).toBe(0);
      expect(folder(at)).toEqual(before);
      const backup = join(out, `${tag}.db`);
      expect(await main(['backup', backup, '--db', db, '--lang', 'en']), errors()).toBe(0);
      expect(folder(at)).toEqual(before);
      // The backup holds what the log held: the demo's workspace and its documents.
      const copy = new Database(backup, { readonly: true, fileMustExist: true });
      try {
        expect(copy.prepare('SELECT id FROM workspaces').pluck().all()).toEqual([DEMO_WORKSPACE]);
        expect(copy.prepare('SELECT count(*) FROM docs WHERE doc = ?').pluck().get(PLAN)).toBe(1);
      } finally {
        copy.close();
      }
    });
  }

  for (const [name, step] of [['older', -1], ['newer', 1]] as const) {
    it(`backs up a file of an ${name} schema version as it is, changing nothing (the backup before an upgrade)`, async () => {
      const errors = quiet();
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const at = join(dir, `backup-${name}`);
      mkdirSync(at);
      const db = join(at, 'samplan.db');
      // The demo's edits still in the log (a -wal without its -shm), the schema version moved by `step`.
      const scratch = join(dir, `scratch-${name}.db`);
      copyFileSync(join(bare, 'samplan.db'), scratch);
      const raw = new Database(scratch, { fileMustExist: true });
      raw.pragma('journal_mode = WAL');
      raw.pragma('wal_autocheckpoint = 0');
      const version = Number(raw.pragma('user_version', { simple: true })) + step;
      raw.pragma(`user_version = ${version}`);
      for (const suffix of ['', '-wal']) copyFileSync(`${scratch}${suffix}`, `${db}${suffix}`);
      raw.close();
      const before = folder(at);
      const backup = join(out, 'kept', `${name}.db`);
      expect(await main(['backup', backup, '--db', db, '--lang', 'en']), errors()).toBe(0);
      expect(folder(at)).toEqual(before);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain(`Backup written to ${backup}: the file as it is, schema version ${version}`);
      const copy = new Database(backup, { readonly: true, fileMustExist: true });
      try {
        expect(copy.pragma('user_version', { simple: true })).toBe(version);
        expect(copy.prepare('SELECT id FROM workspaces').pluck().all()).toEqual([DEMO_WORKSPACE]);
      } finally {
        copy.close();
      }
    });
  }

  it('refuses a file of another schema version naming that file, not the copy it read', async () => {
    const errors = quiet();
    const older = join(dir, 'older');
    mkdirSync(older);
    const db = join(older, 'samplan.db');
    // Another Samplan's file: its schema version one above this build's, the change still in its log (no -shm copied).
    const scratch = join(dir, 'scratch.db');
    copyFileSync(join(bare, 'samplan.db'), scratch);
    const raw = new Database(scratch, { fileMustExist: true });
    raw.pragma('journal_mode = WAL');
    raw.pragma('wal_autocheckpoint = 0');
    const version = Number(raw.pragma('user_version', { simple: true }));
    raw.pragma(`user_version = ${version + 1}`);
    for (const suffix of ['', '-wal']) copyFileSync(`${scratch}${suffix}`, `${db}${suffix}`);
    raw.close();
    const before = folder(older);
    expect(await main(['export', DEMO_WORKSPACE, PLAN, '--out', join(out, 'older.csv'), '--db', db])).toBe(1);
    // In the CLI's language, Swedish by default (it was English).
    expect(errors()).toContain(`SQLite-filen ${db} har schemaversion ${version + 1}, nyare än den här Samplans (${version})`);
    expect(errors()).not.toContain('.read-');
    expect(folder(older)).toEqual(before);
  });
});

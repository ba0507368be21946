import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import type { Checkpointer } from '../../server/storage/sqlite-checkpointer.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { nodeCommand } from '../support/compiled.js';

/**
 * `samplan export`, `report` and `backup` only read, so they work on a database in a folder they
 * may not write (a read-only mount: a backup volume, a snapshot). A read-only SQLite connection to
 * a file in WAL mode must make the `-shm` beside it, so they refused with "Samplan may not create
 * or write the database …: the server writes that file", telling the operator to give write access
 * to a copy that is only to be read. They now read a copy in the temporary folder and leave the
 * folder as it is. Run as another user (`nobody` through setpriv when the tests run as root, whom
 * no folder's mode stops).
 */
describe('samplan export, report and backup on a database in a folder they may not write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-rofolder-'));
  const out = join(dir, 'out');
  /** The commands' temporary folder ($TMPDIR), their own, so that what they leave there is theirs. */
  const temp = join(dir, 'tmp');
  const PLAN = 'aktivitetsplan-vc-tensta';
  /** `samplan.db` alone, and `samplan.db` with its `-wal` (the demo's edits still in the log). */
  const bare = join(dir, 'bare');
  const walOnly = join(dir, 'wal-only');
  const noCheckpoints = (): Checkpointer => ({ wrote() {}, write: (transaction) => transaction(), writeWith: (transaction, a, b) => transaction(a, b), runs: () => 0, restarts: () => 0, longestWaitMs: () => 0, stop: async () => {} });
  const folder = (at: string): Record<string, string> => Object.fromEntries(readdirSync(at).sort().map((f) => [f, readFileSync(join(at, f)).toString('hex')]));

  beforeAll(async () => {
    chmodSync(dir, 0o755);
    for (const d of [out, temp, bare, walOnly]) mkdirSync(d);
    for (const d of [out, temp]) chmodSync(d, 0o777);
    const live = join(dir, 'live.db');
    const storage = openSqliteStorage(live, { startCheckpointer: noCheckpoints });
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, join(walOnly, `samplan.db${suffix}`));
    await storage.close();
    copyFileSync(live, join(bare, 'samplan.db'));
    for (const d of [bare, walOnly]) {
      for (const f of readdirSync(d)) chmodSync(join(d, f), 0o644);
      chmodSync(d, 0o555);
    }
  }, 120_000);
  afterAll(() => {
    for (const d of [bare, walOnly]) chmodSync(d, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  /** `samplan <args>` as a user who may read but not write the database's folder. */
  async function cliAsReader(args: string[]): Promise<{ code: number | null; out: string }> {
    const [node, cli] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
    const [cmd, argv] = process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', node, ...cli, ...args]] : [node, [...cli, ...args]];
    const res = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 90_000, env: { ...process.env, TMPDIR: temp, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    return { code: res.status, out: `${res.stdout}${res.stderr}` };
  }

  for (const [name, at, tag] of [['alone', bare, 'b'], ['with its -wal', walOnly, 'w']] as const) {
    it(`exports, reports and backs up the file ${name}, leaving the folder as it is`, async () => {
      const db = join(at, 'samplan.db');
      const before = folder(at);
      const csv = join(out, `${tag}.csv`);
      const exported = await cliAsReader(['export', DEMO_WORKSPACE, PLAN, '--format', 'csv', '--out', csv, '--db', db]);
      expect(exported.out).toContain(`to ${csv}.`);
      expect(exported.code).toBe(0);
      expect(readFileSync(csv, 'utf8')).toContain('Aktivitet');
      const html = join(out, `${tag}.html`);
      const reported = await cliAsReader(['report', DEMO_WORKSPACE, '2025-kv-2', '--out', html, '--db', db]);
      expect(reported.code, reported.out).toBe(0);
      expect(readFileSync(html, 'utf8')).toContain('2025 kv 2');
      const backup = join(out, `${tag}.db`);
      const backedUp = await cliAsReader(['backup', backup, '--db', db]);
      expect(backedUp.out).toContain(`Backup written to ${backup}.`);
      expect(backedUp.code).toBe(0);
      const copy = new Database(backup, { readonly: true, fileMustExist: true });
      try {
        expect(copy.prepare('SELECT count(*) FROM docs WHERE doc = ?').pluck().get(PLAN)).toBe(1);
      } finally {
        copy.close();
      }
      expect(folder(at)).toEqual(before);
      expect(readdirSync(temp)).toEqual([]);
    }, 300_000);
  }
});

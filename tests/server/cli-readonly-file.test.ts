import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { nodeCommand } from '../support/compiled.js';

/**
 * A database file its user may only read (mode 0444) in a folder they may write: the commands
 * that only read (`token list`, `member list`, `unit list`, `rounds list`) read it, and the ones that would write
 * (`member add`, `token create`, `serve`) are refused in words, each leaving the folder as it was:
 * no `-wal` or `-shm` made by them (owned by that user, in the way of the server's own). Run as
 * `nobody` through setpriv when the tests run as root, whom no file's mode stops.
 */
describe('samplan on a database file it may only read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-rofile-'));
  const db = join(dir, 'samplan.db');

  beforeAll(async () => {
    const s = openSqliteStorage(db);
    await s.putWorkspace({ id: 'hbi-x', name: 'X', createdAt: '2026-12-07T00:00:00.000Z' });
    await s.putMember({ workspace: 'hbi-x', id: 'anna', name: 'Anna', role: 'admin', units: [] });
    await s.close();
    chmodSync(dir, 0o777);
    chmodSync(db, 0o444);
  }, 60_000);
  // What a command left is removed after it, so each is seen on the folder as it was made.
  afterEach(() => {
    for (const f of readdirSync(dir)) if (f !== 'samplan.db') rmSync(join(dir, f), { force: true });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** `samplan <args>` as a user who may read the database file but not write it. */
  async function cliAsReader(args: string[]): Promise<{ code: number | null; out: string }> {
    const [node, cli] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
    const [cmd, argv] = process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', node, ...cli, ...args]] : [node, [...cli, ...args]];
    const res = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 90_000, env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    return { code: res.status, out: `${res.stdout}${res.stderr}` };
  }

  it.each([
    [['token', 'list', '--workspace', 'hbi-x'], 0, ''],
    [['member', 'list', '--workspace', 'hbi-x'], 0, 'anna\thbi-x\tadmin'],
    [['unit', 'list', '--workspace', 'hbi-x'], 0, ''],
    [['rounds', 'list', '--workspace', 'hbi-x'], 0, ''],
    [['member', 'add', '--workspace', 'hbi-x', '--id', 'nina', '--name', 'Nina', '--role', 'viewer'], 1, `Samplan may only read the database ${db}`],
    [['token', 'create', '--workspace', 'hbi-x', '--member', 'anna'], 1, `Samplan may only read the database ${db}`],
    [['serve', '--port', '0'], 1, `Samplan may only read the database ${db}`],
  ] as const)('%j leaves no -wal or -shm beside it', async (args, code, said) => {
    const run = await cliAsReader([...args, '--db', db]);
    expect(run.out).toContain(said);
    expect(run.code, run.out).toBe(code);
    expect(readdirSync(dir)).toEqual(['samplan.db']);
  }, 120_000);
});

/**
 * A command that meets a fault of its store ends with one line on stderr naming the fault's kind
 * and, after `The store said:`, the store's own words in full: the operator at the console is the
 * one to read them (a server's answers name only the kind). SQLite's own errors raised inside a
 * command (a file grown to its size limit, EFBIG, told as such, a file the user may only read) were printed bare
 * (`samplan: disk I/O error`), with neither. A personnummer in the line is masked wherever it came
 * from (a folder of the path, a PostgreSQL role in the address and in the server's words), and
 * nothing of it, nor the database's address, reaches stdout, where a command's CSV or JSON goes.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenedClient } from '../support/listened-client.js';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../../server/demo/seed.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { nodeCommand } from '../support/compiled.js';
import { servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cliEn } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-store-said-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A workspace's SQLite file in a folder named with a personnummer (a person's home folder, say). */
async function databaseIn(name: string): Promise<string> {
  const folder = join(dir, name, 'Eva 850101-1236');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'samplan.db');
  const storage = openSqliteStorage(file);
  await storage.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: '2026-01-15T10:00:00Z' });
  await storage.close();
  return file;
}

/**
 * Run the CLI with `args` in a child process: under `ulimit -f` (KiB a file may grow to) and,
 * as root, as `nobody` (root may write any file).
 */
async function run(args: string[], opts: { fileLimitKiB?: number; otherUser?: boolean } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const [node, script] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
  // Its English lines are asserted: a locale of neither language is spoken to in Swedish.
  let command = [node, ...script, '--lang', 'en', ...args];
  if (opts.otherUser && process.getuid?.() === 0) command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...command];
  const limit = opts.fileLimitKiB === undefined ? '' : `ulimit -f ${opts.fileLimitKiB}; `;
  const res = spawnSync('bash', ['-c', `${limit}exec "$@"`, 'samplan', ...command], { encoding: 'utf8', timeout: 60_000 });
  return { code: res.status, out: res.stdout, err: res.stderr.trim() };
}

describe('samplan on an SQLite store that fails', () => {
  it('a file that may grow no more (EFBIG): the kind, then what SQLite said', async () => {
    const file = await databaseIn('full');
    // 4 KiB: the write-ahead log cannot take the member's first page.
    const res = await run(['member', 'add', '--workspace', 'hbi-x', '--id', 'm-1', '--name', 'Anna', '--role', 'admin', '--db', file], { fileLimitKiB: 4 });
    expect(res).toEqual({
      code: 1,
      out: '',
      err: 'samplan: The database failed (the file may grow no larger: it reached the file-size limit, ulimit -f, or the largest file its file system holds); the command stopped there. The store said: disk I/O error',
    });
  }, 90_000);

  it('a backup stopped by a limit above the disk probe’s own 64 KiB (EFBIG) is told as that limit, not as an I/O error', async () => {
    const file = await databaseIn('backup-limit-100');
    const backup = join(dir, 'backup-limit-100', 'kopia.db');
    // 100 KiB: room for the probe's new 64 KiB file, none for the database's 120 KiB copy.
    const res = await run(['backup', backup, '--db', file], { fileLimitKiB: 100 });
    expect(res.code).toBe(1);
    expect(res.err).toContain(`: a file in ${join(dir, 'backup-limit-100')} may grow no larger: the limit on file size of the user running Samplan`);
    expect(readdirSync(join(dir, 'backup-limit-100')).filter((f) => f.startsWith('kopia'))).toEqual([]);
  }, 90_000);

  it('a backup that may grow no more (EFBIG): what the limit is and what to do, nothing left', async () => {
    const file = await databaseIn('backup-limit');
    const backup = join(dir, 'backup-limit', 'kopia.db');
    // 48 KiB: room for the database's shared-memory file (32 KiB), none for its 120 KiB copy.
    const res = await run(['backup', backup, '--db', file], { fileLimitKiB: 48 });
    expect(res.code).toBe(1);
    expect(res.err).toContain(`: a file in ${join(dir, 'backup-limit')} may grow no larger: the limit on file size of the user running Samplan`);
    expect(res.err).toContain('Raise that limit (ulimit -f, or LimitFSIZE= in a systemd unit), or name a file on a file system that holds larger files.');
    expect(readdirSync(join(dir, 'backup-limit')).filter((f) => f.startsWith('kopia'))).toEqual([]);
  }, 90_000);

  it('a file the user may only read: refused in words before it is opened, nothing made beside it', async () => {
    const file = await databaseIn('read-only');
    chmodSync(join(file, '..'), 0o777);
    chmodSync(file, 0o444);
    const res = await run(['member', 'add', '--workspace', 'hbi-x', '--id', 'm-1', '--name', 'Anna', '--role', 'admin', '--db', file], { otherUser: true });
    // Refused before SQLite opens it (which made a -wal and -shm of this user's beside it first).
    expect(res).toMatchObject({ code: 1, out: '' });
    expect(res.err).toMatch(/^samplan: Samplan may only read the database .*Eva \[personnummer\]\/samplan\.db: /);
    expect(res.err).not.toContain('850101');
    expect(readdirSync(join(file, '..'))).toEqual(['samplan.db']);
  }, 90_000);

  it('a file that cannot be made: the sentence names the path with the personnummer of its folder masked, then what SQLite said', async () => {
    const folder = join(await databaseIn('closed'), '..');
    const file = join(folder, 'ny.db');
    chmodSync(folder, 0o555);
    try {
      const res = await run(['workspace', 'create', '--id', 'hbi-y', '--name', 'Region Y', '--db', file], { otherUser: true });
      expect(res.code).toBe(1);
      expect(res.out).toBe('');
      expect(res.err).toMatch(/^samplan: Samplan may not create or write the database \S+\/Eva \[personnummer\]\/ny\.db: .* The store said: unable to open database file$/);
      expect(res.err).not.toMatch(/850101/);
    } finally {
      chmodSync(folder, 0o755);
    }
  }, 90_000);
});

describe('a refusal naming a path', () => {
  it('masks the personnummer of a folder in the path of a database that is not there', async () => {
    const missing = join(dir, 'Eva 850101-1236', 'finns-inte.db');
    const res = await cliEn(['workspace', 'list', '--db', missing]);
    expect(res.code).toBe(2);
    expect(res.out).toBe('');
    expect(res.err).toContain(`samplan: There is no Samplan database at ${join(dir, 'Eva [personnummer]', 'finns-inte.db')}.`);
    expect(res.err).not.toContain('850101');
  }, 60_000);
});

describe.skipIf(servicesMissing() !== null)('samplan on a PostgreSQL store that refuses the sign-in', () => {
  const server = usePostgres();

  /** Roles that sign in with a password (the test cluster trusts every other one). */
  async function passwordRoles(url: string, roles: string[]): Promise<void> {
    const admin = listenedClient({ connectionString: url });
    await admin.connect();
    try {
      for (const role of roles) await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD 'ratt-losenord'`);
      const file = (await admin.query<{ hba_file: string }>('SHOW hba_file')).rows[0]?.hba_file ?? '';
      writeFileSync(file, `host all ${roles.map((r) => `"${r}"`).join(',')} 127.0.0.1/32 scram-sha-256\n${readFileSync(file, 'utf8')}`);
      await admin.query('SELECT pg_reload_conf()');
    } finally {
      await admin.end();
    }
  }

  it('a wrong password: the server\'s words on stderr, never the password, a personnummer masked, stdout empty', async () => {
    const url = server.url('postgres');
    await passwordRoles(url, ['planerare', '850101-1236']);
    // The right password signs in (the roles are real), so what follows is the password's fault.
    const right = listenedClient({ connectionString: `postgres://planerare:ratt-losenord@127.0.0.1:${server.port}/postgres` });
    await right.connect();
    await right.end();

    const wrong = `postgres://planerare:fel-losenord@127.0.0.1:${server.port}/postgres`;
    const res = await cliEn(['export', DEMO_WORKSPACE, 'aktivitetsplan-vc-tensta', '--format', 'json', '--database-url', wrong]);
    expect(res).toEqual({
      code: 1,
      out: '',
      err: `samplan: Cannot open the PostgreSQL database postgres://planerare:***@127.0.0.1:${server.port}/postgres (--database-url or SAMPLAN_DATABASE_URL): password authentication failed for user "planerare"; check the user name and password in the address.`,
    });

    const named = await cliEn(['export', DEMO_WORKSPACE, 'aktivitetsplan-vc-tensta', '--format', 'json', '--database-url', `postgres://850101-1236:fel-losenord@127.0.0.1:${server.port}/postgres`]);
    expect(named.code).toBe(1);
    expect(named.out).toBe('');
    expect(named.err).toBe(
      `samplan: Cannot open the PostgreSQL database postgres://[personnummer]:***@127.0.0.1:${server.port}/postgres (--database-url or SAMPLAN_DATABASE_URL): password authentication failed for user "[personnummer]"; check the user name and password in the address.`,
    );
    for (const r of [res, named]) expect(`${r.out}${r.err}`).not.toContain('fel-losenord');
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import fs, { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { connectRedisFanout } from '../../server/fanout/redis.js';
import { startServer } from '../../server/serve.js';
import { openStorage } from '../../server/storage/open-storage.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { nodeCommand } from '../support/compiled.js';
import { freePort } from '../support/services.js';

/**
 * The first start's common mistakes end in one sentence that says what, where and which setting,
 * not in `EADDRINUSE`, `EACCES` or `connect ECONNREFUSED 127.0.0.1:5432`.
 */
const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-start-'));
  dirs.push(dir);
  return dir;
};

describe('starting the server: sentences for the common mistakes', () => {
  it('a port in use names the port and the setting, and releases the database lock', async () => {
    const taken = net.createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    closers.push(() => new Promise<void>((done) => taken.close(() => done())));
    const port = (taken.address() as net.AddressInfo).port;
    // A first start into a folder not made yet: refused, it makes neither the folder nor the file.
    const db = join(tempDir(), 'ny', 'samplan.db');
    const config = loadConfig({ port: String(port), db, logLevel: 'silent' }, {});
    await expect(startServer(config, { checkUpdate, logger })).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is already in use, by another Samplan server or another program. Stop that one (npm stop stops the Samplan server on ./data/samplan.db, samplan stop --db <file> one on another database), or choose another port with --port or PORT.`,
    );
    expect(existsSync(`${db}.lock`)).toBe(false);
    expect(existsSync(dirname(db))).toBe(false);
  });

  it('a full disk at the start says so and leaves no lock behind: once space is freed the next start serves', async () => {
    const dir = tempDir();
    const db = join(dir, 'samplan.db');
    const config = loadConfig({ port: '0', db, logLevel: 'silent' }, {});
    // The lock is the first file the start writes; the full disk refuses its owner's bytes.
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    try {
      await expect(startServer(config, { checkUpdate, logger })).rejects.toThrow(`The disk holding the database ${db} is full: free some space`);
    } finally {
      vi.restoreAllMocks();
    }
    expect(readdirSync(dir)).toEqual([]);
    const running = await startServer(config, { checkUpdate, logger });
    closers.push(() => running.stop());
    expect(existsSync(`${db}.lock`)).toBe(true);
  });

  it('a folder or a file that is no database named as --db says what it is, not that a right is missing', async () => {
    const dir = tempDir();
    const folder = join(dir, 'data');
    mkdirSync(folder);
    await expect(startServer(loadConfig({ port: '0', db: folder, logLevel: 'silent' }, {}), { checkUpdate, logger })).rejects.toThrow(
      `${folder} is a folder, not a database file: name a file in it, e.g. ${join(folder, 'samplan.db')}, with --db or SAMPLAN_DB.`,
    );
    const csv = join(dir, 'rader.csv');
    writeFileSync(csv, 'Aktivitet;Typ\r\nPromenad;Promenadgrupp/Gågrupp\r\n'.repeat(40));
    const notADatabase = `${csv} is not a Samplan database (not an SQLite file, or a damaged one): name the server's database file with --db or SAMPLAN_DB, or restore a damaged one from its backup (samplan backup).`;
    await expect(startServer(loadConfig({ port: '0', db: csv, logLevel: 'silent' }, {}), { checkUpdate, logger })).rejects.toThrow(notADatabase);
    expect(existsSync(`${csv}.lock`)).toBe(false);
    // The other commands open it the same way.
    await expect(openStorage(loadConfig({ db: csv }, {}))).rejects.toThrow(notADatabase);
    // A file where the database's folder should be: it said "EEXIST: file already exists, mkdir …".
    for (const under of [join(csv, 'samplan.db'), join(csv, 'data', 'samplan.db')]) {
      await expect(startServer(loadConfig({ port: '0', db: under, logLevel: 'silent' }, {}), { checkUpdate, logger })).rejects.toThrow(
        `The database ${under} cannot be made: ${csv} is a file, not a folder. Choose another file with --db or SAMPLAN_DB.`,
      );
    }
  });

  it('an unreachable PostgreSQL names the address without its password, what answers there and the setting', async () => {
    const port = await freePort();
    const url = `postgres://samplan:s3cret-pw@127.0.0.1:${port}/samplan`;
    const err = await openStorage({ db: 'unused.db', databaseUrl: url }, logger).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `Cannot open the PostgreSQL database postgres://samplan:***@127.0.0.1:${port}/samplan (--database-url or SAMPLAN_DATABASE_URL): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`,
    );
    expect(err?.message).not.toContain('s3cret-pw');
  });

  it('an unknown database host is named as such', async () => {
    const err = await openStorage({ db: 'unused.db', databaseUrl: 'postgres://samplan@no-such-host.invalid/samplan' }, logger).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^Cannot open the PostgreSQL database postgres:\/\/samplan@no-such-host\.invalid\/samplan \(--database-url or SAMPLAN_DATABASE_URL\): the host name no-such-host\.invalid is not known/);
  });

  it('an unreachable Redis says why, not "Connection is closed"', async () => {
    const port = await freePort();
    await expect(connectRedisFanout(`redis://127.0.0.1:${port}`, { logger })).rejects.toThrow(
      `Cannot reach Redis at redis://127.0.0.1:${port} (--redis-url or SAMPLAN_REDIS_URL): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`,
    );
  });

  // The next two start Node processes, from the code compiled once per run (`compiled.ts`; under
  // tsx each start compiled the server again: 2-3 s apiece on a quiet machine, 17 s for the second
  // test at load 22, near the suite's 20 s default). The timeouts
  // are hang guards like the CLI tests'; these tests promise no speed.
  it('a server store refuses at open a file it may only read; a reading store still opens it', async () => {
    const dir = tempDir();
    const file = join(dir, 'samplan.db');
    await openSqliteStorage(file).close();
    chmodSync(dir, 0o777);
    chmodSync(file, 0o444);
    expect(await openAsOtherUser(file)).toBe('SQLITE_READONLY attempt to write a readonly database');
  }, 90_000);

  it('serve on a read-only database file or an unwritable folder stops with a sentence naming the file and --db', async () => {
    const dir = tempDir();
    const file = join(dir, 'samplan.db');
    await openSqliteStorage(file).close();
    const readOnly = await serveAsOtherUser(dir, file, () => chmodSync(file, 0o444));
    expect(readOnly.err).toContain(`Samplan may only read the database ${file}: the server writes that file and, beside it, its -wal, -shm, .lock and .pid files.`);
    expect(readOnly.err).toContain(`Give the user running it (${process.getuid?.() === 0 ? 'nobody' : userInfo().username}) write access to the file and its folder, or choose another file with --db or SAMPLAN_DB.`);
    expect(readOnly.code).toBe(1);

    const parent = tempDir();
    chmodSync(parent, 0o755);
    const closed = join(parent, 'closed');
    mkdirSync(closed);
    closers.push(() => chmodSync(closed, 0o755));
    const inClosed = join(closed, 'data', 'samplan.db');
    const denied = await serveAsOtherUser(closed, inClosed, () => chmodSync(closed, 0o555));
    // The folder it could not make is named: that is where the right is missing.
    expect(denied.err).toContain(`Samplan may not create or write the database ${inClosed} (refused at ${join(closed, 'data')}):`);
    expect(denied.code).toBe(1);
  }, 90_000);
});

/**
 * Open `file` as a reading store and then as a server store (`mustWrite`) in a process that may
 * only read it (see {@link serveAsOtherUser}); the server store's error code and message, or "opened".
 */
async function openAsOtherUser(file: string): Promise<string> {
  const [node, child] = await nodeCommand(join(process.cwd(), 'tests', 'server', 'open-as-reader-child.ts'));
  const res = spawnSync(...asOtherUser(node, [...child, file]), { encoding: 'utf8', timeout: 60_000 });
  return `${res.stdout}${res.stderr}`.trim();
}

/**
 * Run `samplan serve --db file` as a user other than the file's owner: as root (CI), `nobody`
 * through setpriv, since root may write anything; otherwise this user, after `restrict` took the
 * rights away.
 */
async function serveAsOtherUser(dir: string, file: string, restrict: () => void): Promise<{ code: number | null; err: string }> {
  chmodSync(dir, 0o777);
  restrict();
  const [node, cli] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
  const res = spawnSync(...asOtherUser(node, [...cli, 'serve', '--db', file, '--port', '0', '--log-level', 'warn', '--lang', 'en']), {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, USER: 'samplan' },
  });
  return { code: res.status, err: res.stderr };
}

function asOtherUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', cmd, ...args]] : [cmd, args];
}

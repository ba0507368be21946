/**
 * Real PostgreSQL and Redis servers for tests: started on loopback from the Debian binaries in a
 * temporary directory, stopped and removed after. PostgreSQL refuses to run as root, so as root
 * (CI) the cluster belongs to `nobody` and its processes run through `setpriv`.
 *
 * When a binary is missing the suite is skipped with the line to run (`apt-get install -y
 * postgresql redis-server`); with `CI` set it fails instead, so CI never skips them silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { listenedClient } from './listened-client.js';
import { RUN_DIR_ENV } from './run-dir.js';

const PG_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];
const INSTALL = 'apt-get install -y postgresql redis-server';

function findIn(dirs: string[], name: string): string | null {
  for (const dir of dirs) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || null : null;
}

/** What is missing to run the PostgreSQL and Redis tests, as a sentence; null when nothing is. */
export function servicesMissing(): string | null {
  const missing = [findIn(PG_DIRS, 'initdb') ? null : 'PostgreSQL', findIn([], 'redis-server') ? null : 'Redis'].filter(Boolean);
  if (missing.length === 0) return null;
  const sentence = `${missing.join(' and ')} not installed: run \`${INSTALL}\` to run these tests.`;
  if (process.env.CI) throw new Error(`${sentence} (CI runs them always.)`);
  console.warn(`skipped: ${sentence}`);
  return sentence;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asUser = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', cmd, ...args]] : [cmd, args];

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A running PostgreSQL cluster. */
export interface PgServer {
  port: number;
  /** `postgres://…/<db>` for a database of this cluster. */
  url(db: string): string;
  /**
   * A fresh empty namespace and the URL to use it: a schema of its own in the one test database
   * (its search_path set in the URL), much faster to make than a database.
   */
  createDb(name: string): Promise<string>;
  /** Stop the server (fast shutdown): connections drop, the data stays. */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop it and remove its directory. */
  destroy(): Promise<void>;
}

/** `initdb` a fresh cluster into `data` (a directory that does not exist yet, in one `nobody` may write to as root). */
function initCluster(initdb: string, data: string): void {
  const [cmd, args] = asUser(initdb, ['-D', data, '-U', 'samplan', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
}

/**
 * The run's template cluster in the run's directory `runDir` (`run-dir.ts`): `initdb` takes 1–15 s
 * on a loaded machine, a copy of the 40 MB it writes half a second, so the run's first cluster is
 * made by `initdb` and kept there, and every later one is a copy of it. Made by the first caller
 * (the others, in other workers, wait on a lock directory, up to 3 minutes): the path of its data
 * directory.
 */
async function templateCluster(initdb: string, runDir: string): Promise<string> {
  const data = path.join(runDir, 'pg-template');
  const lock = path.join(runDir, 'pg-template.lock');
  const until = Date.now() + 180_000;
  for (;;) {
    if (fs.existsSync(data)) return data;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`waited 3 minutes for the PostgreSQL template (${lock})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (fs.existsSync(data)) return data;
    const making = fs.mkdtempSync(path.join(runDir, 'pg-making-'));
    if (process.getuid?.() === 0) fs.chownSync(making, 65534, 65534);
    initCluster(initdb, path.join(making, 'data'));
    fs.renameSync(path.join(making, 'data'), data);
    fs.rmSync(making, { recursive: true, force: true });
    return data;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Names server folder `dir` (a `samplan-pg-*` or `samplan-redis-*` folder under tmp) to the run's
 * watch (`office-watch.sh`), which ends the server and removes the folder should the run's process
 * die without its teardown (SIGKILL): a file in `<run dir>/services` holding `dir` and, when given,
 * the server's `pid` (PostgreSQL's is read from its `postmaster.pid`). Nothing outside a test run.
 */
function nameToWatch(dir: string, pid?: number): void {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return;
  fs.mkdirSync(path.join(runDir, 'services'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'services', path.basename(dir)), pid === undefined ? `${dir}\n` : `${dir}\n${pid}\n`);
}

/** Takes `dir` back from the run's watch: the server is stopped and its folder removed. */
function unnameToWatch(dir: string): void {
  const runDir = process.env[RUN_DIR_ENV];
  if (runDir) fs.rmSync(path.join(runDir, 'services', path.basename(dir)), { force: true });
}

/**
 * A cluster in a temp dir, started on a free loopback port: made by `initdb`, or in a test run a
 * copy of the run's template (`cp -a`: owner and modes kept).
 */
export async function startPostgres(): Promise<PgServer> {
  const initdb = findIn(PG_DIRS, 'initdb');
  const postgres = findIn(PG_DIRS, 'postgres');
  if (!initdb || !postgres) throw new Error(`PostgreSQL is not installed: ${INSTALL}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pg-'));
  nameToWatch(dir);
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) fs.chownSync(dir, 65534, 65534);
  const runDir = process.env[RUN_DIR_ENV];
  if (runDir) {
    const copy = spawnSync('cp', ['-a', await templateCluster(initdb, runDir), data], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`copying the PostgreSQL template failed: ${copy.stderr}`);
  } else initCluster(initdb, data);
  const port = await freePort();
  let child: ChildProcess | null = null;
  const admin = (): pg.Client => listenedClient({ connectionString: `postgres://samplan@127.0.0.1:${port}/postgres` });
  const start = async (): Promise<void> => {
    const [c, a] = asUser(postgres, [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    const proc = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child = proc;
    await waitFor(async () => {
      if (proc.exitCode !== null) throw new Error(`postgres exited: ${err}`);
      const c = admin();
      await c.connect();
      await c.end();
      return true;
    }, 30_000, 'PostgreSQL to accept connections');
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    child = null;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGINT');
    await exited;
  };
  await start();
  let n = 0;
  return {
    port,
    url: (db) => `postgres://samplan@127.0.0.1:${port}/${db}`,
    async createDb(name) {
      const schema = `${name}_${++n}`;
      const c = admin();
      await c.connect();
      try {
        if (n === 1) await c.query('CREATE DATABASE samplan_test TEMPLATE template0');
      } finally {
        await c.end();
      }
      const url = `postgres://samplan@127.0.0.1:${port}/samplan_test`;
      const t = listenedClient({ connectionString: url });
      await t.connect();
      try {
        await t.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await t.end();
      }
      return `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    stop,
    start,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
      unnameToWatch(dir);
    },
  };
}

/** A running Redis server. */
export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Spawn redis-server on loopback `port` keeping nothing in `dir`, with `extra` arguments (a
 * renamed command, say), and resolve with the process once it says it accepts connections (its
 * log line "Ready to accept connections", written after it listens): the event, not a time, so a
 * start that a loaded machine makes slow is waited for, and one that fails (the port taken, a
 * bad argument) rejects at once with what Redis said. Redis's log is read and dropped after that.
 */
export function spawnRedis(port: number, dir: string, extra: string[] = []): Promise<ChildProcess> {
  const bin = findIn([], 'redis-server');
  if (!bin) return Promise.reject(new Error(`Redis is not installed: ${INSTALL}`));
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  return new Promise((resolve, reject) => {
    const exited = (code: number | null): void => reject(new Error(`redis-server exited (${code}) before accepting connections: ${said.slice(-2000)}`));
    proc.once('exit', exited);
    proc.once('error', reject);
    proc.stderr.on('data', (chunk: Buffer) => void (said += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      if (said.includes('Ready to accept connections')) return;
      said += chunk.toString();
      if (!said.includes('Ready to accept connections')) return;
      proc.off('exit', exited);
      resolve(proc);
    });
  });
}

/** Start redis-server on a free loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<RedisServer> {
  const bin = findIn([], 'redis-server');
  if (!bin) throw new Error(`Redis is not installed: ${INSTALL}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = await spawnRedis(port, dir);
    nameToWatch(dir, child.pid);
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    child = null;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
    nameToWatch(dir);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
      unnameToWatch(dir);
    },
  };
}

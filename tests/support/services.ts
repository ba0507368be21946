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

/** The one database of a cluster the tests' namespaces are made in (`PgServer.createDb`). */
const TEST_DB = 'samplan_test';

/**
 * `initdb` a fresh cluster into `data` (a directory that does not exist yet, in one `nobody` may
 * write to as root), with {@link TEST_DB} made in it by PostgreSQL's single-user mode (no server,
 * no port): made so in the run's template once, where each cluster's first `createDb` made it
 * with a `CREATE DATABASE` of its own (~0.3 s at load 14). WAL segments of 1 MB, not 16: the run's
 * clusters are copies of the template, and its one segment was 16 of its 39 MB.
 */
function initCluster(initdb: string, postgres: string, data: string): void {
  const [cmd, args] = asUser(initdb, ['-D', data, '-U', 'samplan', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--wal-segsize=1']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const [single, singleArgs] = asUser(postgres, ['--single', '-D', data, '-F', '-c', 'exit_on_error=true', 'template1']);
  const made = spawnSync(single, singleArgs, { encoding: 'utf8', input: `CREATE DATABASE ${TEST_DB} TEMPLATE template0;\n` });
  if (made.status !== 0) throw new Error(`making the ${TEST_DB} database failed: ${made.stderr || made.stdout}`);
}

/**
 * The run's template cluster in the run's directory `runDir` (`run-dir.ts`): `initdb` takes 1–15 s
 * on a loaded machine, a copy of the 31 MB it writes (with {@link TEST_DB}) a fraction of a second,
 * so the run's first cluster is made by `initdb` and kept there, and every later one is a copy of it. Made by the first caller
 * (the others, in other workers, wait on a lock directory, up to 3 minutes): the path of its data
 * directory.
 */
async function templateCluster(initdb: string, postgres: string, runDir: string): Promise<string> {
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
    initCluster(initdb, postgres, path.join(making, 'data'));
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
    const copy = spawnSync('cp', ['-a', await templateCluster(initdb, postgres, runDir), data], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`copying the PostgreSQL template failed: ${copy.stderr}`);
  } else initCluster(initdb, postgres, data);
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const [c, a] = asUser(postgres, [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ]);
    const proc = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    await pgReady(proc);
  };
  // `immediate`, for a cluster about to be removed: no shutdown checkpoint, nothing kept.
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    child = null;
    const ending = kept;
    kept = null;
    await ending?.client.end().catch(() => undefined);
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
  };
  const testUrl = `postgres://samplan@127.0.0.1:${port}/${TEST_DB}`;
  // One connection to TEST_DB for every `createDb` of the cluster: a connection made and ended
  // per namespace cost ~60–150 ms at load 14, most of a namespace's making. A new one after the
  // cluster stopped, or after it was ended under a test.
  let kept: { client: pg.Client; ready: Promise<pg.Client> } | null = null;
  const forget = (client: pg.Client): void => {
    if (kept?.client === client) kept = null;
  };
  const testDb = (): Promise<pg.Client> => {
    if (!kept) {
      const client = listenedClient({ connectionString: testUrl }, () => forget(client));
      client.on('end', () => forget(client));
      const ready = client.connect().then(
        () => client,
        (err: unknown) => {
          forget(client);
          throw err;
        },
      );
      kept = { client, ready };
    }
    return kept.ready;
  };
  await start();
  let n = 0;
  return {
    port,
    url: (db) => `postgres://samplan@127.0.0.1:${port}/${db}`,
    async createDb(name) {
      const schema = `${name}_${++n}`;
      const client = await testDb();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } catch {
        // Its connection ended before its end was seen here: once more on a new one.
        forget(client);
        void client.end().catch(() => undefined);
        await (await testDb()).query(`CREATE SCHEMA ${schema}`);
      }
      return `${testUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    stop: () => stop(),
    start,
    async destroy() {
      await stop('immediate');
      fs.rmSync(dir, { recursive: true, force: true });
      unnameToWatch(dir);
    },
  };
}

/**
 * Resolves once PostgreSQL process `proc` says it accepts connections (its log line, written once
 * it listens; as `spawnRedis` waits for Redis's): a start is not polled for every 100 ms, and
 * one that fails rejects at once with what PostgreSQL said. Its log is read and dropped after.
 */
function pgReady(proc: ChildProcess, ms = 30_000): Promise<void> {
  let said = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not accept connections within ${ms / 1000} s: ${said.slice(-2000)}`)), ms);
    const exited = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${code}) before accepting connections: ${said.slice(-4000)}`));
    };
    proc.once('exit', exited);
    proc.stderr?.on('data', (chunk: Buffer) => {
      if (ready) return;
      said = (said + chunk.toString()).slice(-8000);
      if (!said.includes('database system is ready to accept connections')) return;
      ready = true;
      said = '';
      clearTimeout(timer);
      proc.off('exit', exited);
      resolve();
    });
  });
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

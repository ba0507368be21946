/**
 * Starts a real Samplan server for the end-to-end tests: a child process running the CLI
 * (`samplan serve --demo`) on a free port with a SQLite file of its own, the demo seeded once per
 * run and copied ({@link seededDemo}), after making sure the pane is built. Reads the URL and the
 * demo tokens from the banner.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeCommand } from '../../support/compiled.js';
import { RUN_DIR_ENV } from '../../support/run-dir.js';

const root = resolve(import.meta.dirname, '../../..');

/** A running server, the workspace a test file works in and that workspace's demo tokens. */
export interface TestServer {
  url: string;
  /** The workspace the tokens are for: the demo's `hbi-stockholm`, or a file's own (`workspace.ts`). */
  workspace: string;
  tokens: { admin: string; editor: string; viewer: string };
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function paneIsStale(): boolean {
  const built = join(root, 'dist/addin/playground/index.html');
  const sources = ['addin', 'shared'].map((d) => join(root, d)).filter(existsSync);
  return !existsSync(built) || sources.some((d) => newestMtime(d) > statSync(built).mtimeMs);
}

/**
 * Runs `vite build` when `dist/addin` is missing or older than the pane's sources. Test files
 * run in parallel workers and vite empties `dist/addin` first, so one build at a time: the
 * others wait on a lock directory and then find the build fresh.
 */
export function ensurePaneBuilt(): void {
  if (!paneIsStale()) return;
  const lock = join(root, 'dist/.addin-build.lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes was left by a killed run.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`waited 3 minutes for ${lock}`);
      sleepSync(250);
    }
  }
  try {
    if (!paneIsStale()) return;
    const result = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr || result.stdout}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A server {@link startServer} started: its SQLite file and its process's id besides. */
export type StartedServer = TestServer & { db: string; pid: number };

/** How {@link startServer} starts the server: its port (0 or absent: a free one) and environment added. */
export interface StartOptions {
  port?: number;
  env?: Record<string, string>;
  /** A file the server's output is also appended to as it comes (the run's shared server, `shared-server.ts`). */
  log?: string;
}

/** The demo workspace every `samplan serve --demo` seeds (`server/demo/seed.ts`). */
const DEMO_WS = 'hbi-stockholm';

/**
 * Loaded into every test server before the CLI (`--import`): the server reads its fd 3, a pipe
 * whose other end only the process that started it holds, and stops as at SIGTERM when that pipe
 * closes. A test run killed (SIGKILL, or a SIGTERM that runs no teardown) thus takes its servers
 * with it, where each kept its port, its SQLite file and a share of the CPU until someone found it.
 */
const EXIT_WITH_PARENT = `data:text/javascript,${encodeURIComponent(
  "import { Socket } from 'node:net'; const parent = new Socket({ fd: 3, readable: true, writable: false }); parent.on('close', () => process.kill(process.pid, 'SIGTERM')); parent.on('error', () => undefined); parent.resume(); parent.unref();",
)}`;

/** A `samplan serve --demo` child process on `db`, once it printed its banner; `stop` ends it (SIGTERM, SIGKILL after 5 s). */
async function serveDemo(db: string, opts: StartOptions): Promise<StartedServer> {
  // The CLI compiled once per run (tests/support/compiled.ts), not under the tsx loader in each file's server.
  const [node, cli] = await nodeCommand(join(root, 'server/cli.ts'));
  const child: ChildProcess = spawn(
    node,
    ['--import', EXIT_WITH_PARENT, ...cli, 'serve', '--demo', '--lang', 'en', '--port', String(opts.port ?? 0), '--db', db, '--log-level', 'warn'],
    { cwd: root, env: { ...process.env, NODE_ENV: 'test', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (opts.log) appendFileSync(opts.log, chunk);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const started = Date.now();
  for (;;) {
    const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
    const token = (role: string) => new RegExp(`^\\s*${role}\\s.*?(\\S+)\\s*$`, 'm').exec(output)?.[1];
    const tokens = { admin: token('admin'), editor: token('editor'), viewer: token('viewer') };
    if (url && tokens.admin && tokens.editor && tokens.viewer) {
      return {
        url,
        db,
        pid: child.pid ?? 0,
        workspace: DEMO_WS,
        tokens: tokens as TestServer['tokens'],
        output: () => output,
        stop: async () => {
          if (child.exitCode !== null) return;
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    }
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not print its banner within 120 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The database's file name in a server's folder, as in the run's seeded demo's. */
const DB = 'samplan.db';

/**
 * The folder of the run's seeded demo (`<run dir>/e2e-demo`): the SQLite file a first
 * `samplan serve --demo` seeded, stopped once it printed its banner, and the demo tokens' file it
 * wrote beside it. Every server of the run starts on a copy, as a demo server starts again on its
 * own file: the same workspace, documents and tokens, seeded at this run's start. Seeding took
 * about 0.7 s of each server's 1.7 s of CPU before its banner (load 8–23). Made by the first
 * caller of the run, the others (in other workers) waiting on a lock directory up to 3 minutes;
 * null outside a test run (no run directory): each server then seeds its own file.
 */
async function seededDemo(): Promise<string | null> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return null;
  const done = join(runDir, 'e2e-demo');
  const lock = join(runDir, 'e2e-demo.lock');
  const until = Date.now() + 180_000;
  for (;;) {
    if (existsSync(done)) return done;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`waited 3 minutes for the seeded demo (${lock})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (!existsSync(done)) {
      const making = mkdtempSync(join(runDir, 'e2e-demo-making-'));
      await (await serveDemo(join(making, DB), {})).stop();
      renameSync(making, done);
    }
    return done;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts `samplan serve --demo` on a free port (or `opts.port`) on a copy of the run's seeded demo
 * (every file of {@link seededDemo}'s folder) in a folder of its own, and waits for its banner.
 * Answers its URL, its SQLite file (`db`), the demo workspace and its tokens; `stop` ends it and
 * removes the folder.
 */
export async function startServer(opts: StartOptions = {}): Promise<StartedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-e2e-'));
  try {
    const seeded = await seededDemo();
    if (seeded) for (const file of readdirSync(seeded)) copyFileSync(join(seeded, file), join(dir, file));
    const server = await serveDemo(join(dir, DB), opts);
    return {
      ...server,
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A new token (expiring in a day) for member `memberId` of workspace `ws`, made by the demo
 * admin through `POST /v1/workspaces/:ws/tokens`. Throws with the status when the server refuses.
 */
export async function memberToken(server: TestServer, ws: string, memberId: string, label: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/workspaces/${ws}/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ memberId, label, expiresInDays: 1 }),
  });
  if (res.status !== 201) throw new Error(`token for ${memberId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * The servers a bench compares, each started as its own child process on loopback, so that one
 * server's heap and event loop do not disturb another's, and all are driven by the same client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { hocuspocusFraming, plainFraming, type Framing } from './sync-client.js';
import { BENCH_TOKEN, BENCH_WS } from './bench-seed.js';
import type { TraceDump } from './edit-trace.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Which server. `samplan-unstored` is Samplan with its appends of edits numbered but not written
 * (`unstored-appends.ts`): beside `samplan` in one run, what persistence costs (the fan-out only);
 * `samplan-journal` is Samplan with its append journal on (`SAMPLAN_SQLITE_JOURNAL=on`,
 * `sqlite-journal.ts`) instead of one SQLite transaction per commit. `samplan-no-memory-reducer` is
 * Samplan's server started `node --no-memory-reducer` (V8's memory-reducing collections of an idle
 * process off; they drop the maps no live object has, and with them the optimized code that
 * embeds them: "dependency-change, weak objects" deoptimizations, `warmFanoutsInterleaved`).
 * `samplan-base` is Samplan's bench server of another checkout of this repository, the folder
 * `BENCH_BASE_CHECKOUT` names (with its own `node_modules`), compiled from that checkout's sources:
 * two versions of the server side by side in one run, for telling a regression from the machine's noise.
 */
export type ServerKind = 'samplan' | 'samplan-fsync' | 'samplan-unstored' | 'samplan-journal' | 'samplan-no-memory-reducer' | 'samplan-base' | 'samplan-pg' | 'y-websocket-server' | 'hocuspocus';

/** What `process.memoryUsage()` of a server says, in bytes (`arrayBuffers` is part of `external`). */
export type ServerMemory = Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers'>;

/** A running server child. */
export interface BenchServer {
  kind: ServerKind;
  /** The server process's id (for `strace -p`, `/proc/<pid>`). */
  pid: number;
  url(doc: string): string;
  framing(doc: string): Framing;
  /** The server process's `process.memoryUsage()` after two full GCs, in bytes (`mem` of `bench-hook.ts`). */
  mem(): Promise<ServerMemory>;
  /**
   * One major collection in the server as V8 makes one itself (`collect` of `bench-hook.ts`,
   * `major-gc.ts`): what is left of a warm-up collected without deoptimizing what it optimized.
   */
  collect(): Promise<void>;
  /** CPU time of the server process so far (user + system), in µs. */
  cpu(): Promise<number>;
  /** Arm the server's event-loop delay monitor (a 10 ms timer; `loop start` of `bench-hook.ts`). */
  loopStart(): Promise<void>;
  /** The event loop's delay since {@link loopStart}, in ms: the worst and the 99th percentile; disarms the monitor. */
  loop(): Promise<{ max: number; p99: number }>;
  /** What the server recorded about itself since the last call (`stats` of `bench-hook.ts`), parsed JSON. */
  stats(): Promise<unknown>;
  /** Start V8's CPU profiler in the server process (`profile start` of `bench-hook.ts`). */
  profileStart(): Promise<void>;
  /** Stop it and write the profile since {@link profileStart} to `file` (`.cpuprofile` JSON). */
  profileStop(file: string): Promise<void>;
  /**
   * Start V8's sampling heap profiler in the server process (`heap start` of `bench-hook.ts`); with
   * `BENCH_HEAP_SAMPLING=survivors`, of what no minor collection freed (`heap start survivors`):
   * `BENCH_HEAP_SAMPLING=survivors npm run bench -- region --parts fanout --heap-profile <dir>`
   * names the sites of what each server promotes to the old generation.
   */
  heapStart(): Promise<void>;
  /** Stop it and write what was allocated since {@link heapStart}, by stack, to `file` (`.heapprofile` JSON). */
  heapStop(file: string): Promise<void>;
  /** Begin tracing the server's main thread and the edits `<tag>-<n>` (`trace start` of `bench-hook.ts`). */
  traceStart?(tag: string): Promise<void>;
  /** End the trace and give what it recorded (`edit-trace.ts`). */
  traceStop?(): Promise<TraceDump>;
  /**
   * V8 heap bytes allocated since the last call, its minor and other collections, and their main-thread
   * ms, and the bytes the minor ones promoted to the old generation (`alloc` of `bench-hook.ts`;
   * zeros on the first call, which starts counting; `promoted` absent where a bench sums several
   * processes without it).
   */
  alloc(): Promise<{ bytes: number; scavenges: number; full: number; gcMs: number; promoted?: number }>;
  /** Write a heap snapshot of the server process to `file` (for profiling by hand). */
  snapshot(file: string): Promise<void>;
  stop(): Promise<void>;
}

/** The server processes started and not yet exited. */
const live = new Set<ChildProcess>();
// The last resort, whatever ended the bench (a failure past every `finally`, `process.exit`): a
// server left running would hold the bench's output pipe (its stderr is the bench's).
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Stop every server process still running (`teardown.ts` calls it on a failure or a signal). */
export async function stopBenchServers(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

const SCRIPTS: Record<ServerKind, string> = {
  samplan: 'samplan-server.ts',
  'samplan-fsync': 'samplan-server.ts',
  'samplan-unstored': 'samplan-server.ts',
  'samplan-journal': 'samplan-server.ts',
  'samplan-no-memory-reducer': 'samplan-server.ts',
  // Resolved against BENCH_BASE_CHECKOUT (`scriptOf`).
  'samplan-base': 'samplan-server.ts',
  // `db` is the PostgreSQL URL; Redis comes from SAMPLAN_REDIS_URL.
  'samplan-pg': 'samplan-pg-server.ts',
  'y-websocket-server': '../peers/ywebsocket-server.ts',
  hocuspocus: '../peers/hocuspocus-server.ts',
};

/**
 * The longest wait, ms, for a server's port line or a bench-hook answer (a heap snapshot of a loaded
 * server takes seconds): past it the bench fails with the request's name instead of hanging.
 */
const ANSWER_MS = 120_000;

/** The source file `kind`'s server runs; `samplan-base`'s is in `BENCH_BASE_CHECKOUT` (throws without it). */
function scriptOf(kind: ServerKind): string {
  if (kind !== 'samplan-base') return join(here, SCRIPTS[kind]);
  const base = process.env.BENCH_BASE_CHECKOUT;
  if (!base) throw new Error('samplan-base: set BENCH_BASE_CHECKOUT to the folder of the other checkout (with its node_modules)');
  return join(base, 'bench', 'support', SCRIPTS[kind]);
}

const compiled = new Map<string, Promise<string>>();

/**
 * `script` compiled once per bench process to plain JavaScript by esbuild (TypeScript stripped, the
 * project's own modules bundled in, npm packages left as imports), written to a `.compiled` folder
 * beside it so that its packages resolve as before (the peers' from `bench/peers/node_modules`).
 * Every server — Samplan and both peers — then runs as compiled JavaScript, as it does in
 * production (`npm start` runs `dist/`), not under the tsx loader, whose per-closure name wrappers
 * and transform hooks cost the TypeScript servers CPU the peers' plain-JavaScript libraries do not
 * pay. `BENCH_TSX=1` runs the sources under tsx instead (for profiles that name source lines).
 */
export function compiledScript(script: string): Promise<string> {
  let done = compiled.get(script);
  if (!done) {
    const outfile = join(dirname(script), '.compiled', basename(script).replace(/\.ts$/, '.mjs'));
    done = build({
      entryPoints: [script],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'error',
    }).then(() => outfile);
    compiled.set(script, done);
  }
  return done;
}

/** How a server is started beyond its kind and storage path. */
export interface StartOptions {
  /**
   * The stock y-websocket server keeps its documents in a LevelDB folder at `db` (its own
   * `YPERSISTENCE`, y-leveldb: every update stored as it comes, a document read back when it is
   * first opened after a restart); without it, it keeps nothing. The others always store at `db`.
   */
  persist?: boolean;
}

/**
 * Extra Node and V8 flags for every server process, the peers' as Samplan's, from
 * `BENCH_NODE_FLAGS` (space-separated; `%k` becomes the server's kind), for looking inside a run:
 * `BENCH_NODE_FLAGS='--perf-basic-prof'` names JavaScript frames for `perf record -p <pid>`;
 * `BENCH_NODE_FLAGS='--log-deopt --log-function-events --logfile=/tmp/v8-%k.log --no-logfile-per-isolate'`
 * logs each server's optimizations and deoptimizations. Figures of such a run are for comparing
 * the servers' insides, not their costs.
 */
export function nodeFlags(kind: ServerKind | 'bare'): string[] {
  const flags = process.env.BENCH_NODE_FLAGS?.trim();
  return flags ? flags.replaceAll('%k', kind).split(/\s+/) : [];
}

/**
 * Start `kind` with its SQLite file at `db` (ignored by the stock y-websocket server unless
 * `opts.persist`, then its LevelDB folder). With `BENCH_PROFILE_DIR` set, Samplan's server runs
 * under `--cpu-prof` and writes its profile there when stopped.
 */
export async function startBenchServer(kind: ServerKind, db: string, opts: StartOptions = {}): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, SAMPLAN_DURABILITY: kind === 'samplan-fsync' ? 'full' : 'normal' };
  if (kind === 'samplan-unstored') env.SAMPLAN_BENCH_APPENDS = 'unstored';
  else delete env.SAMPLAN_BENCH_APPENDS;
  if (kind === 'samplan-journal') env.SAMPLAN_SQLITE_JOURNAL = 'on';
  else delete env.SAMPLAN_SQLITE_JOURNAL;
  delete env.YPERSISTENCE;
  if (opts.persist && kind === 'y-websocket-server') env.YPERSISTENCE = db;
  const profileDir = kind.startsWith('samplan') ? process.env.BENCH_PROFILE_DIR : undefined;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const source = scriptOf(kind);
  const entry = process.env.BENCH_TSX === '1' ? ['--import', 'tsx', source] : [await compiledScript(source)];
  const v8 = kind === 'samplan-no-memory-reducer' ? ['--no-memory-reducer'] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...v8, ...nodeFlags(kind), '--expose-gc', ...entry, db], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env,
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  const lines = createInterface({ input: child.stdout! });
  type Waiter = { resolve(line: string): void; reject(err: Error): void };
  const waiting: Waiter[] = [];
  let closed = false;
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  lines.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w.reject(new Error(`${kind} (pid ${child.pid}) ended its output before answering`));
  });
  /** The child's next line; rejects when its output ends or no line comes within {@link ANSWER_MS}. */
  const nextLine = (what: string): Promise<string> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new Error(`${kind} (pid ${child.pid}) ended its output before answering ${what}`));
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`${kind} (pid ${child.pid}) did not answer ${what} within ${ANSWER_MS / 1000} s`));
      }, ANSWER_MS);
      const waiter: Waiter = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      waiting.push(waiter);
    });
  /** Sends one line to the bench hook and resolves with its answer line (rejects as {@link nextLine}). */
  const ask = (line: string): Promise<string> => {
    const answer = nextLine(`'${line}'`);
    child.stdin!.write(`${line}\n`);
    return answer;
  };
  // The stock server says where it persists before its port; a few such lines are passed over
  // (any number under BENCH_NODE_FLAGS, whose V8 tracing may print first).
  const mayPassOver = process.env.BENCH_NODE_FLAGS ? Infinity : 3;
  let first = await nextLine('its port');
  for (let skipped = 0; !first.startsWith('PORT ') && skipped < mayPassOver; skipped++) first = await nextLine('its port');
  const port = Number(/^PORT (\d+)/.exec(first)?.[1]);
  if (!port) throw new Error(`${kind} did not start: ${first}`);
  const base = `ws://127.0.0.1:${port}`;
  return {
    kind,
    pid: child.pid ?? 0,
    url: (doc) =>
      kind === 'hocuspocus'
        ? base
        : kind === 'y-websocket-server'
          ? `${base}/${doc}`
          : `${base}/v1/sync/${BENCH_WS}/${doc}?token=${BENCH_TOKEN}`,
    framing: (doc) => (kind === 'hocuspocus' ? hocuspocusFraming(doc) : plainFraming),
    async mem() {
      const answer = ask('mem');
      const [rss, heapUsed, heapTotal, external, arrayBuffers] = (await answer).split(' ').slice(1).map(Number);
      return { rss: rss as number, heapUsed: heapUsed as number, heapTotal: heapTotal as number, external: external as number, arrayBuffers: arrayBuffers as number };
    },
    async collect() {
      await ask('collect');
    },
    async cpu() {
      const answer = ask('cpu');
      const [, user, system] = (await answer).split(' ');
      return Number(user) + Number(system);
    },
    async loopStart() {
      await ask('loop start');
    },
    async loop() {
      const answer = ask('loop');
      const [, max, p99] = (await answer).split(' ');
      return { max: Number(max), p99: Number(p99) };
    },
    async alloc() {
      const answer = ask('alloc');
      const [, bytes, scavenges, full, gcMs, promoted] = (await answer).split(' ').map(Number);
      return { bytes: bytes as number, scavenges: scavenges as number, full: full as number, gcMs: gcMs as number, promoted: promoted as number };
    },
    async stats() {
      const answer = ask('stats');
      return JSON.parse((await answer).slice('STATS '.length)) as unknown;
    },
    async profileStart() {
      await ask('profile start');
    },
    async profileStop(file) {
      await ask(`profile stop ${file}`);
    },
    async heapStart() {
      await ask(process.env.BENCH_HEAP_SAMPLING === 'survivors' ? 'heap start survivors' : 'heap start');
    },
    async heapStop(file) {
      await ask(`heap stop ${file}`);
    },
    async traceStart(tag) {
      await ask(`trace start ${tag}`);
    },
    async traceStop() {
      const answer = ask('trace stop');
      return JSON.parse((await answer).slice('TRACE '.length)) as TraceDump;
    },
    async snapshot(file) {
      await ask(`snapshot ${file}`);
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        if (!profileDir) return void child.kill('SIGKILL');
        child.stdin!.write('exit\n');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Runs `fn` against a freshly started bench server of `kind` on `db`, and stops the server after (also when `fn` throws). */
export async function withServer<T>(kind: ServerKind, db: string, fn: (s: BenchServer) => Promise<T>): Promise<T> {
  const server = await startBenchServer(kind, db);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/**
 * The flags of `bench/region.ts` (listed in that file's comment) and what follows from them: sizes,
 * the parts measured, where profiles go, the servers compared. A wrong value throws before anything
 * starts.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SeedStored } from '../support/region-seed.js';
import type { ServerKind } from '../support/servers.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '30' },
    connections: { type: 'string', default: '1000' },
    docs: { type: 'string', default: '500' },
    'fanout-docs': { type: 'string', default: '100' },
    'per-doc': { type: 'string', default: '5' },
    'one-doc-clients': { type: 'string', default: '50' },
    servers: { type: 'string', default: 'samplan,y-websocket-server,hocuspocus' },
    parts: { type: 'string', default: 'memory,fanout,storm' },
    profile: { type: 'string' },
    'heap-profile': { type: 'string' },
    trace: { type: 'boolean', default: false },
    'trace-dump': { type: 'string' },
    perf: { type: 'boolean', default: false },
    stored: { type: 'string', default: 'unloaded' },
    idle: { type: 'string', default: '0' },
    'fanout-mode': { type: 'string', default: 'alternating' },
    window: { type: 'string', default: '1' },
    settle: { type: 'string', default: '2.5' },
    'client-procs': { type: 'string', default: '2' },
    'fanout-readers-in-procs': { type: 'boolean', default: false },
  },
  strict: true,
});
export const RUNS = Number(flags.runs);
/** How Samplan's plans are stored before its storms (`SeedStored` of `support/region-seed.ts`). */
export const STORED = flags.stored as SeedStored;
if (STORED !== 'log' && STORED !== 'unloaded') throw new Error(`--stored: log or unloaded, not ${STORED}`);
/**
 * `--seconds <s>`: seconds of measured edits per fan-out part and server (10 by default; 1 s
 * windows alternated). At 100 edits/s over 100 documents a 1 s window delivers 400 edits, so its
 * p99 is its 4th slowest delivery and one window's stall (a descheduled process on the shared
 * machine) decided a run's p99 with 5 windows (2,000 deliveries); 10 pool 4,000.
 */
export const SECONDS = Number(flags.seconds);
/**
 * `--client-procs <n>`: the connect storms' clients spread over `n` client processes (2 by
 * default), each owning a slice of the sockets (`support/client-pool.ts`; the same code for every
 * server); 1 runs them all in the bench process itself. One bench process was the bound of the
 * storms: busy 111–117 % of the wall time in Samplan's unequal cold storm (its clients decode a
 * 2,981-byte plan each, the stock server's 142 bytes), so that figure measured the clients as much
 * as the server (1.29 / 1.10 / 1.16× stock in the last quiet run, with the server's CPU for it
 * 0.82–0.99× stock's).
 */
export const CLIENT_PROCS = Number(flags['client-procs']);
if (!Number.isInteger(CLIENT_PROCS) || CLIENT_PROCS < 1) throw new Error(`--client-procs: a whole number ≥ 1, not ${flags['client-procs']}`);
/**
 * `--fanout-readers-in-procs`: the fan-outs' readers in the storms' client processes too (the
 * writers stay in the bench process, which stamps the edits). Off by default: the fan-outs' bench
 * clients take ~100 ms/s, far from a core, and the earlier fan-out figures had them in the bench process.
 */
export const FANOUT_READERS_IN_PROCS = flags['fanout-readers-in-procs'];
export const RATE = Number(flags.rate);
/**
 * Seconds of edits before each fan-out is measured: 30 by default, so that the figures are of the
 * servers once V8 has optimized them, the state a server that runs all day is in (`--warmup 2`, the
 * default until this stop, measures V8's warm-up as much as the steady state). With 2 s, the
 * fan-out's CPU per edit is about half TurboFan compiling and baseline code's inline-cache stubs
 * (`perf` of the server over the window), and the warm-ups are not alike: the stock server's joins
 * and edits run the same code (y-protocols' sync messages, `Y.applyUpdate`, the broadcast), so its
 * joins leave its edit path optimized, while Samplan's joins send it empty updates, which stop
 * before the check: its validation, commit and relay stay in baseline code. Samplan's platform
 * workers (the optimizing compiler) took 19.6–33.2 ms/s over 100 docs after 2 s of edits against
 * the stock server's 4.5–11.1, and 5.7 against 2.0 after 30 s. Which of the two a 2 s window
 * catches, a function optimized just before the window or in it, swung the ratios between quiet
 * runs of the same code: CPU per delivered edit at 100 docs ÷ stock 0.86–1.61 over six quiet runs
 * with 2 s (the stock server's own figure 137–295 µs); with 30 s at load ~15, 1.01 and 0.97
 * (main thread 1.13 and 1.13), 1 doc 0.80 and 0.72 (`--parts fanout --runs 2`).
 */
export const WARMUP = Number(flags.warmup);
export const CONNECTIONS = Number(flags.connections);
export const DOCS = Number(flags.docs);
export const FAN_DOCS = Number(flags['fanout-docs']);
export const PER_DOC = Number(flags['per-doc']);
export const ONE_DOC_CLIENTS = Number(flags['one-doc-clients']);
/**
 * `--idle <s>`: each server's CPU is also measured for that long with nothing connected (2 s after
 * it started) and with the 100-doc fan-out's clients connected and synced before anyone edits
 * (`fanout`'s `idleSeconds`): the fixed cost that "CPU per delivered edit" includes. 0 (the
 * default) measures neither.
 */
export const IDLE = Number(flags.idle);

/**
 * `--fanout-mode alternating` (the default): the servers are started together and each fan-out
 * part is driven in short alternating windows, one server at a time (`alternating.ts`), so that
 * every server meets the same machine load; `sequential`: each server's fan-out in one window of
 * `--seconds` on its own, after its storms (the mode of earlier figures, for comparing).
 */
export const FANOUT_MODE = flags['fanout-mode'] as 'alternating' | 'sequential';
if (FANOUT_MODE !== 'alternating' && FANOUT_MODE !== 'sequential') throw new Error(`--fanout-mode: alternating or sequential, not ${FANOUT_MODE}`);
if (IDLE > 0 && FANOUT_MODE === 'alternating') throw new Error('--idle measures one server at a time: add --fanout-mode sequential');
/**
 * `--window <s>`: the length of one alternating window, in seconds (1 by default); each server gets
 * `round(--seconds / --window)` of them (at least 1), so as many seconds of edits as sequentially.
 */
export const WINDOW_SECONDS = Number(flags.window);
if (!(WINDOW_SECONDS > 0)) throw new Error(`--window: seconds above 0, not ${flags.window}`);
/**
 * `--settle <s>`: how long the driven server is left alone after each of its alternating windows
 * (2.5 by default: Hocuspocus stores a document 2 s after its last change; see `alternating.ts`).
 */
export const SETTLE_SECONDS = Number(flags.settle);
if (!(SETTLE_SECONDS >= 0)) throw new Error(`--settle: seconds, 0 or more, not ${flags.settle}`);
/** The measured windows per server and fan-out part in the alternating mode. */
export const WINDOWS = Math.max(1, Math.round(Number(flags.seconds) / WINDOW_SECONDS));

/** The measurements made (`--parts storm` measures the connect storms alone, for profiling). */
export const PARTS = new Set(flags.parts.split(','));
for (const part of PARTS) {
  if (!['memory', 'fanout', 'storm'].includes(part)) throw new Error(`--parts: unknown part ${part} (known: memory, fanout, storm)`);
}
/**
 * Where the fan-out windows' CPU profiles go (`--profile`), or undefined. Each part's profiles are
 * also summed by samples per function and printed after the table (`support/profile-counts.ts`:
 * a profile's times, which DevTools sums, give a sample the time its thread waited for a CPU).
 */
export const PROFILE_DIR = flags.profile;
if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
/** Where the fan-out windows' heap allocation profiles go (`--heap-profile`), or undefined. */
export const HEAP_DIR = flags['heap-profile'];
if (HEAP_DIR) mkdirSync(HEAP_DIR, { recursive: true });

/**
 * `--trace`: each fan-out's measured window is traced in the server (`support/edit-trace.ts`, the
 * same hook for every server) and its slowest edits are printed with what ran meanwhile
 * (`support/trace-report.ts`). The trace costs the servers time of its own.
 *
 * Measured so (`--parts fanout --servers samplan,y-websocket-server --runs 1 --seconds 3`, 5 runs
 * at load 16.6–18.5, and 3 more at 19–28): the slowest 1 % of edits, which decide p99, spent
 * their time with the server's main thread runnable but not running (the machine's other
 * processes had the CPU), e.g. Samplan 1 doc 32.8 of 52.6 ms to the last frame, 100 docs 65.3 of
 * 78.4; the stock server's alike (97.3 of 103.0, 548 of 586). Samplan's never waited in
 * `Atomics.wait` (the checkpointer's writer gate) in any run, ran a timer callback in one slowest
 * edit's window (2.8 ms; elsewhere the timer callbacks of 0.3 ms or more were the rights and
 * foreign-write polls, 0.5–0.6 ms, once a window), and collected garbage in its
 * slowest edits' windows in 2 of 10 (2.6 and 54 ms, a minor collection stretched by the same
 * contention; the stock server in 2 of 10 too, with 2–7 minor collections per window to
 * Samplan's 0–1). On a busy machine the tail follows the CPU each edit takes, not a stall of its own.
 */
export const TRACE = flags.trace || flags['trace-dump'] !== undefined;
/**
 * `--trace-dump <prefix>`: traces as `--trace` does and also writes each traced fan-out's raw
 * trace and edits to `<prefix>-<server>-<tag>.json` (`{ dump: TraceDump, edits }`), for looking
 * at what the report sums up (e.g. what the main thread did in the gaps around one slow edit).
 */
export const TRACE_DUMP = flags['trace-dump'];

/**
 * `--perf`: each fan-out's measured window is sampled by Linux `perf record` on the server's
 * process, every server alike, and the main thread's samples are printed split by what they ran
 * (`support/perf-split.ts`: SQLite, socket writes, the receive path, the commit and relay turn,
 * GC, epoll...), in ms per second beside the table's main-thread CPU, and again by the kind of
 * code it ran (`support/perf-tiers.ts`: JavaScript by V8 tier — TurboFan, Maglev, Sparkplug, the
 * interpreter — with the builtins it called, GC, SQLite, the kernel), with the busiest functions
 * and builtins; JavaScript is named only with `BENCH_NODE_FLAGS='--perf-basic-prof'`. Costs each
 * server a sample's interrupt at 999 Hz; without `perf` the lines say why there is no split.
 *
 * Measured so (`--parts fanout --perf`, 2 s warm-up, 3 runs at load 14–20): at 100 documents
 * every server's main thread is still mostly in Sparkplug baseline code (Samplan 28–32 ms/s,
 * three quarters of it in the inline-cache builtins baseline code calls, `LoadIC` the most; stock
 * 15–23, Hocuspocus 24), TurboFan code 6–9 ms/s in each: what a 2 s warm-up measures is baseline
 * code, and Samplan runs more JavaScript per edit (the check) that has not reached TurboFan yet.
 * Its edit path reaches TurboFan 9–20 s after the first edit (`--log-code`: `onMessage` 8.5 s,
 * `judgeAndApply` 12, `appendNow` 20; the commit turn's `landed` 48 s), the stock server's 6–22 s
 * (`applyUpdateV2` early, as its joins run it too). A lower `--interrupt-budget` (16384, every server) moved main
 * thread time to the compiler threads and cost more in all (Samplan 175 → 197, 193 → 249 µs per
 * delivered edit, 2 pairs at load ~9); `--maglev` showed nothing beyond the noise (2 pairs).
 * Set by Samplan's server alone (stock without it, alternated against no flag, 100 documents):
 * `--always-sparkplug`, ÷ stock 1.22, 1.21, 1.22, 1.25, 1.53, 1.14, 1.84 against 1.18, 1.49, 1.63,
 * 1.64, 1.36, 1.66, 1.36 (Samplan's own µs mean 200 against 205; load 1–13), and
 * `--no-lazy-feedback-allocation`, 1.37, 1.26, 1.26, 1.35, 1.54, 1.25, 1.10 against 1.18, 1.49, 1.63,
 * 0.88, 1.47, 1.21, 1.13 (µs 185 against 190; load 1–22): neither beyond the noise, as the window's
 * interpreter time is already ~0. Why `landed` takes 48 s: V8
 * counts a function's own bytecode executed, 3 + length/150 budgets of 67,584 bytes, so a small
 * function called once per edit tiers up late (in plain Node 20, 32 bytes of bytecode called once
 * per macrotask: TurboFan after 4,217 calls, ~42 s at 100 edits/s; 94 bytes with a loop of 8:
 * 840 calls). Whatever tiers up sooner moves its compile into the window, where the 2 s figure
 * counts it (the compiler threads are counted): earlier tiering is not the lever, running less
 * JavaScript per edit is (at 100 documents, 2 s: Samplan's Sparkplug code 31 ms/s against stock's
 * 18; of Samplan's main-thread samples in JavaScript, the check ~17 %, Yjs' apply after the relay
 * ~17 %, the receive path without the check ~37 %, the commit turn ~15 %).
 * `BENCH_PERF_KEEP=<dir>` keeps each window's `perf script` text there.
 *
 * By thread (`--parts fanout --servers samplan,y-websocket-server`, 8 runs with 2 s and 5 with
 * 30 s, load 1.4–22; medians, µs per delivered edit at 100 documents, Samplan / stock): main
 * thread 161 / 121 at 2 s, 150 / 128 at 30 s; the other threads 30 / 23 at 2 s, 19 / 37 at 30 s
 * (the stock server's compiler threads still compile at 30 s, 14–15 ms/s to Samplan's 6). Samplan's
 * WAL checkpointer: 1.0–3.2 ms/s at 2 s and 8.0–8.6 in 2 of 8 runs (the WAL's growth to
 * `walLimitBytes`, which waits for a quiet tick or ten busy ones, fell in the window), 1.1–1.4 at
 * 30 s; the WAL is no longer grown ahead of the commits (`sqlite-checkpointer.ts`). Main-thread
 * GC ~0 in every Samplan window.
 *
 * `perf` and schedstat agree when they span the same time (`--fanout-mode sequential --perf
 * --servers samplan,y-websocket-server --seconds 5`, 3 runs, load 10–21; 100 docs, main thread,
 * perf ms/s against schedstat's µs per delivered edit × ~400 deliveries/s): Samplan 94.5 / 101,
 * 56.2 / 64.1, 77.5 / 81.2; stock 46.5 / 50.0, 65.5 / 70.8, 49.7 / 53.9; Samplan ÷ stock 2.03,
 * 0.86, 1.56 by perf and 2.02, 0.91, 1.51 by schedstat. Alternated, `--perf` once spanned every
 * window and the pauses between them (~5× the windows' time), where the servers' idle work (the
 * stock server's per-socket pings) weighed as much as their edits; it now samples each server's
 * own windows only (`alternating.ts`), as the table's main-thread row. What Samplan's main thread does
 * at 100 docs that the stock server's does not, by perf in the same runs: SQLite 14.7, 8.0, 13.9
 * ms/s and the commit-and-relay turn (setImmediate) 21.4, 17.3, 19.7 (the stock server 0 and
 * 0–0.4); the kernel's share 24.3, 11.7, 15.5 against 11.7, 14.8, 13.1.
 *
 * With the warm-ups interleaved (`--perf --servers samplan,y-websocket-server`, 2 runs, 100 docs,
 * main thread ms/s Samplan / stock): 81.3 / 79.9 and 69.0 / 67.2, the compiler and GC threads
 * 10.2 / 20.9 and 10.2 / 19.1. Samplan's receive path and commit turn together (42.7, 34.6) cost
 * less than the stock server's receive path (50.4, 39.1); what it adds is SQLite, 14.6 and 10.1
 * ms/s, ~100–145 µs per edit: about half SQLite's own B-tree code, half the kernel's (the WAL
 * page's writes and the locks: an autocommit INSERT makes ~6 `fcntl` and ~4 `pwrite` calls,
 * `strace -c` of a bare insert loop, where it costs ~35 µs with warm caches). The journal
 * (`SAMPLAN_SQLITE_JOURNAL=on`) trades the commit for one `write()` but its flush still writes
 * about one page per row, since rows are keyed by document first: it measured 0.93–1.08× direct.
 * That split is of alternated 1-s windows, where every server runs cold each second. Held at a
 * steady load instead (`--fanout-mode sequential --seconds 30`, 2 runs, 100 docs), every server
 * costs less per delivered edit and the stock server the most: Samplan 146.7/126.9, stock
 * 80.5/78.8, Hocuspocus 148.8/102.1 µs (÷ stock 1.82/1.61). Split by `perf` under that steady
 * load (`--fanout-mode sequential --seconds 30 --perf --servers samplan,y-websocket-server`, 2
 * runs, 100 docs, main thread ms/s Samplan / stock): all 50.1 / 40.3 and 56.1 / 29.2 (µs per
 * delivered edit 137.7 / 109.7 and 151.9 / 81.3); SQLite 11.3 and 12.0 / 0; socket writes 8.4, 9.4
 * / 10.0, 8.0; the receive path and the commit turn's JavaScript together 24.1, 28.4 / the
 * receive path 22.2, 14.9 (the stock server applies and relays there). SQLite's samples are
 * 35–43 % its own code, 31–39 % the kernel (four fifths `pwrite64` of the WAL frame, a third of
 * that ext4 growing the WAL file while it fills toward `walLimitBytes`: new page-cache folios,
 * delayed allocation; and the inode's time; one fifth `fcntl` locks) and the rest libc and
 * better-sqlite3's glue (a result object built per `run()`). So under steady load the commit is
 * most of the gap and the JavaScript the rest, within the stock server's own run-to-run spread
 * (its main thread 40.3 and 29.2 ms/s).
 */
export const PERF = flags.perf;

const LABELS: Partial<Record<ServerKind, string>> = {
  samplan: 'Samplan',
  'samplan-unstored': 'Samplan, edits not written',
  'samplan-journal': 'Samplan, journal on',
  'samplan-no-memory-reducer': 'Samplan, node --no-memory-reducer',
  'samplan-base': 'Samplan at BENCH_BASE_CHECKOUT',
  'y-websocket-server': 'stock y-websocket',
  hocuspocus: 'Hocuspocus',
};
/**
 * The servers compared, Samplan first (`--servers` picks fewer, for profiling). `samplan-unstored`
 * (Samplan with its edits numbered but not written, `support/unstored-appends.ts`) runs beside
 * `samplan` in the fan-out only (`--parts fanout`, alternated): the difference of the two is what
 * persisting every edit before its relay costs, in the same run; it starts on a copy of Samplan's file.
 * `samplan-journal` is Samplan with its append journal on (`SAMPLAN_SQLITE_JOURNAL=on`,
 * `server/storage/sqlite-journal.ts`), on a copy of the file too. Measured so (`--parts fanout
 * --runs 3 --servers samplan,samplan-journal,y-websocket-server,hocuspocus`, quiet machine, 100
 * docs × 5, CPU µs per delivered edit, runs 1/2/3; the journal was then on by default, so the
 * journaled server ran first, on the seeded file, and the direct one second, on its copy): journaled
 * 211.9/229.6/215.5, direct 175.3/179.1/160.4, stock 117.1/138.5/125.5, Hocuspocus 173.1/175.2/168.7;
 * with the roles swapped (direct first, journaled second, 2 runs) direct 253.7/241.4,
 * journaled 186.9/156.1, stock 136.7/109.6. That was the place, not the file: the server first in
 * this list was warmed first and idled through the others' warm-ups, and V8's memory reducer threw out
 * its optimized code meanwhile (~1.3–1.5× its CPU per delivered edit; two identical servers on copies
 * showed it too, and it followed the warm-up order when that was reversed). The warm-ups are now
 * interleaved (`warmFanoutsInterleaved`). Placed alike the journal is ~0.9–1.0× direct: no gain, so
 * it stays off by default. `samplan-no-memory-reducer` is Samplan started `node --no-memory-reducer`
 * (on a copy of the file), for what V8's memory reducer costs Samplan's edits after an idle spell.
 * With the warm-ups interleaved it saved nothing (3 runs, 100 docs × 5, CPU µs per delivered edit:
 * 208.5/249.7/204.5 against Samplan's 198.7/242.3/251.1; stock 185.7/180.1/160.3, Hocuspocus
 * 270.1/254.3/246.2), so the server is not started with it. `samplan-base` is Samplan's server of
 * the checkout `BENCH_BASE_CHECKOUT` names, on a copy of the file: two versions in one run.
 * Measured so (`--parts fanout --runs 3 --servers samplan,samplan-base,y-websocket-server`, load
 * 0.4–0.7 but the third run's end ~12), main at b3e0d97d against b396a80b (before the key check in
 * the commit's INSERT, the check's byte-array pass and the UTF-16 gate), CPU µs per delivered edit
 * at 100 docs 178.8/206.8/203.1 against 193.7/191.5/179.4 (stock 142.4/143.7/154.2), main thread
 * 162.6/173.8/175.9 against 169.2/163.5/165.6; 1 doc 24.6/23.0/23.2 against 24.6/23.8/23.8; p99 at
 * 100 docs 4.86/5.45/6.18 against 4.75/4.78/3.87 ms: each way in some run, no regression beyond
 * the runs' spread. The 1.40× stock of the quiet run before was the stock server's low side.
 */
export const KINDS = flags.servers.split(',').map((k): [ServerKind, string] => {
  const label = LABELS[k as ServerKind];
  if (!label) throw new Error(`--servers: unknown server ${k} (known: ${Object.keys(LABELS).join(', ')})`);
  return [k as ServerKind, label];
});
const VARIANTS: readonly ServerKind[] = ['samplan-unstored', 'samplan-journal', 'samplan-no-memory-reducer', 'samplan-base'];
if (KINDS.some(([k]) => VARIANTS.includes(k)) && ([...PARTS].some((p) => p !== 'fanout') || FANOUT_MODE !== 'alternating')) {
  throw new Error(`--servers ${VARIANTS.join(', ')}: with --parts fanout and --fanout-mode alternating only`);
}

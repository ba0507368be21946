/**
 * Samplan at the shape a region has (many documents, hundreds of people connected, a few edits
 * each) beside the stock `@y/websocket-server` and Hocuspocus 3 + SQLite, all started in the same
 * run as child processes and driven by the same client code (`bench/support/region-measure.ts`):
 *
 * - heap and RSS per idle connection (slope over 0–1,000 connections on one document) and per
 *   loaded document (slope over 1–500 documents, one client each), after a full GC;
 * - fan-out, 500 clients over 100 documents and 50 clients on one, 100 edits/s: p50/p99/max ms
 *   and the server process's CPU (user + system) per delivered edit, over 100 documents also the
 *   main thread's part of it (the rest is V8's compiler and GC threads, and Samplan's checkpointer);
 *   by default the servers run at once and are driven in alternating 1 s windows, so that each
 *   meets the same machine load (`region/alternating.ts`; `--fanout-mode sequential` for one
 *   window per server after its storms);
 * - connect storms, 500 clients over 100 documents at once, until all are synced; each with the
 *   server's CPU, the bench clients' CPU (cold, also as a share of the wall time: the bench
 *   process is one thread, and near 100% the storm waited on its clients applying what they
 *   were sent, not on the server), the bytes each client received (what it had to decode)
 *   and the server's longest event-loop delay:
 *   - *cold*: on a fresh server. Samplan loads and serves its 100 stored plans (2.8 KB each);
 *     the stock server keeps nothing across a restart and Hocuspocus' SQLite file starts empty,
 *     so both serve empty documents: this row compares unequal work;
 *   - *warm*: the same storm again at once, every document still loaded (the peers' still empty);
 *   - *warm, every server holding the plans*: again, once one client per document has sent the
 *     plan, so every server holds and serves the same content;
 *   - *cold, every server loading the plans from its own storage*: the fair cold figure. Each
 *     server is started afresh on storage that already holds the plans (the stock server with its
 *     y-leveldb persistence, `YPERSISTENCE`; Hocuspocus on a seeded SQLite file; Samplan as
 *     seeded), and a client is done once it holds the plan (`support/stored-storm.ts`).
 *
 * Every figure over `--runs` runs (each on fresh servers), all printed, with Samplan's ratio to
 * each peer per run. Before the storms, the bench's client code is run once against every server
 * (`warmClients`), so that the first storm measured (Samplan's, first in every run) does not pay
 * for compiling it. Sizes are flags:
 *
 *   npm run bench -- region
 *   npm run bench -- region --runs 1 --seconds 3 --connections 400 --docs 100   # smoke run
 *   npm run bench -- region --parts fanout --warmup 2    # fan-out 2 s after the first edits, V8 still compiling (default 30: optimized)
 *   npm run bench -- region --parts fanout --fanout-mode sequential   # each server's fan-out in one window on its own (earlier figures' mode)
 *   npm run bench -- region --parts fanout --window 0.5 --settle 2.5   # alternating windows of 0.5 s (the default mode, `region/alternating.ts`)
 *   npm run bench -- region --parts storm --runs 5    # the connect storms alone
 *   npm run bench -- region --parts storm --client-procs 4   # the storms' clients spread over 4 processes (default 2; 1: in the bench process; `support/client-pool.ts`)
 *   npm run bench -- region --fanout-readers-in-procs   # the fan-outs' readers in those processes too
 *   npm run bench -- region --parts storm --stored log   # Samplan's plans as one update in the log each (default: as unloaded, `region-seed.ts`)
 *   npm run bench -- region --parts storm,fanout --profile /tmp/prof   # fan-out after the storms, profiled
 *   npm run bench -- region --parts fanout --one-doc-clients 2   # the 1-doc fan-out with one reader
 *   npm run bench -- region --parts fanout --trace   # the slowest edits, and what each server ran meanwhile
 *   npm run bench -- region --parts fanout --trace-dump /tmp/t   # the same, and each trace as JSON
 *   npm run bench -- region --parts fanout --heap-profile /tmp/heap   # what each server allocates in the fan-out, by stack
 *   npm run bench -- region --parts fanout --perf   # each server's main thread in the fan-out, split by what it ran (Linux perf)
 *
 * The 1-doc figure is CPU per delivered edit, so it mixes what a server spends once per edit
 * (receive, check, apply, store) with what it spends once per reader (a frame written to a
 * socket). Run with `--one-doc-clients 2` and with the default 50, alternating, and multiply each
 * figure by its readers: the CPU per edit at 1 and 49 readers gives both parts (the difference
 * over 48 is the cost of one more reader). Measured so (3 alternated pairs, load 17–27, after
 * the 100-doc part): per edit at 1 reader Samplan 730, 780, 948 µs, stock 517, 500, 526; at 49
 * readers Samplan 951, 1156, 1034, stock 711, 784, 838; one more reader Samplan 4.6, 7.8, 1.8
 * µs, stock 4.0, 5.9, 6.5 (the stock server also sends each edit back to its writer). Samplan's
 * gap was per edit (persisting and checking every edit), not per reader.
 *
 * What the 1-doc fan-out's readers are given and what its tail is made of (the rows of
 * `read-counts.ts` and `client-stalls.ts`, `--parts fanout --fanout-docs 2 --per-doc 2 --warmup
 * 10`, 2 runs at load 4–9): per delivered edit a Samplan reader read 41.9 / 41.5 bytes in 0.996 /
 * 0.980 frames (edits committed together go out as one frame), stock's 42.0 in 1.000 and its
 * writer 42.0 back per edit, Hocuspocus's 51.0 and its writer 2 frames; the bench process
 * allocated 2.03 / 2.00 KB per delivery with Samplan, 2.08 / 2.05 with stock. The bench clients'
 * GC ms per second differs between servers only by where its 1–2 collections a second fall: they
 * fell in 0.26 / 0.40 % of Samplan's deliveries, 0.60 / 0.46 % of stock's, and without those
 * deliveries p99 moved ≤ 0.3 ms for every server (Samplan 8.53 → 8.55, stock 12.50 → 12.21). The
 * p50 of ~2 ms is the one bench thread reading an edit's 49 deliveries (~39 µs each, 173–191 ms/s
 * for every server); with one reader (`--one-doc-clients 2`, load ~15) every server's p50 fell by
 * 1–2 ms. Readers in client processes (`--fanout-readers-in-procs`) cost the two cores 252–327
 * ms/s of client CPU instead of 116–182, and did not lower p50.
 *
 * Allocation and the other threads (`alloc` of `bench-hook.ts`, per-thread CPU of `/proc`), measured
 * so at load ~20 (`--parts fanout --warmup 10`): V8 heap allocated per edit Samplan 24.6 / 26.0 KB,
 * stock 24.5 / 24.4, Hocuspocus 36.6; minor collections 0–0.3 a second, stock 0.4–0.75: Samplan
 * allocates as the stock server does, and collecting it costs either almost nothing. In Samplan's
 * 100-doc window (`--heap-profile`) Yjs's transaction is half (6.8 of 13.1 MB, as in the stock
 * server's apply), the check 2.8, the relay 1.5. The CPU off the main thread is V8's optimizing
 * compiler: over an 8 s window after 10 s of edits, `perf` sampled the four V8 worker threads
 * compiling in 141 of 164 samples (stock 117 of 129), collecting garbage in 3 (stock 7); the WAL
 * checkpointer took 17 ms, libuv's pool nothing. At one edit per document per second the edit
 * path's functions reach TurboFan slowly (`--log-code`: 5–19 optimized a second still 10–20 s into
 * the fan-out, Yjs's, `ws`'s and Samplan's check, apply and relay; next to no deoptimizations), and
 * Samplan has more of them to optimize. With 500 idle connections both use the same CPU (14.8 and
 * 14.5 ms a second, nearly all of it on the main thread): no timer or poll of Samplan's adds a
 * per-second cost.
 *
 * The other threads by name (`support/thread-cpu.ts`; every bench server names Node's startup threads
 * `node-platform`, Samplan's checkpointer names itself `sqlite-ckpt`), `--parts fanout`, load 2–20:
 * in both servers they are V8's platform workers (`perf`: TurboFan's GraphReducer, GraphTrimmer,
 * register allocation), plus Samplan's checkpointer at 0.4–1.9 ms/s (4.9 in the 1-doc window);
 * libuv's pool takes nothing in either. After 2 s of warm-up Samplan's platform workers took
 * 19.6–33.2 ms/s over 100 docs to the stock server's 4.5–11.1; after 30 s, 5.7 to 2.0 (1 doc: 12.9
 * to 1.3): compiling more of its own code, and it decays (70 deoptimizations over a run to the
 * stock server's 39, none repeated more than twice: no deopt loop). Counted per 5 s with
 * `support/v8-tiers.ts` (`--warmup 30`, load 3–14): in the 100-doc window 22 TurboFan compiles in
 * Samplan, 26 in the stock server, no function optimized more than 3 times over a whole run in
 * either, each re-optimization following a first: the 1-doc part's clients, Samplan's first
 * compaction (Yjs's V2 encoders meeting lib0's `write`), its first unload. The 1-doc figure of
 * 12.9 ms/s was the 100 rooms' unload (30 s after their clients left) compiled and collected in
 * that window; the part now waits for it (`support/unload-pause.ts`): 9.40, 8.08, 7.80 ms/s to
 * 2.83, 5.16, 3.04 (stock 1.0–1.8, alternated, load 25–29). Kernel work per delivery
 * (`strace -f -c`, 1 doc × 50, 500 edits = 24,451 deliveries): Samplan 24,260 `write` of one
 * buffer each, the stock server 24,500 `writev`; `epoll_pwait` 1,637 and 1,561, `read` 500 and
 * 499, no `epoll_ctl` or `setsockopt` in either; Samplan's own per edit is its SQLite commit, 3
 * `pwrite64` and 6 `fcntl` (locks), and 4 `fsync` in the window from its checkpointer. Idle
 * (`--idle 3`): nothing connected 6.74 and 6.63 ms/s, 500 clients connected 6.74 and 6.67.
 *
 * What Samplan's scavenges promoted (5–6 KB per edit where the stock server's promoted 1.2–1.4,
 * with 2 s of warm-up) was no per-edit object: it was what the connects and the warm-up had left
 * young, promoted by the measured window's first scavenges (Samplan's young generation is ~16 MB,
 * a scavenge every ~6 s). Sampled survivors (`BENCH_HEAP_SAMPLING=survivors`, from before the
 * connects to the end of a 5 s window): 6.0 MB of the 100 documents Samplan builds from storage at
 * their first edit (`load-doc.ts`; the peers' documents are empty), 3.5 MB of the 500 connections,
 * 0.7 MB of the rooms' take-back indexes. Objects allocated between two heap snapshots 6 s apart
 * under load and still alive at a third 6 s later (ids kept by the inspector's object tracking):
 * 71 KB, all compiled code. With 30 s of warm-up: 0.04 KB per edit, the stock server's 0.03. The
 * fan-out now starts its window after a full GC (`region-measure.ts`, with the figures). The
 * checkpointer's interval (`checkpointEveryMs`, 1 s) is about the cheapest: 3 alternated pairs of
 * 1,500 commits over 100 docs at 100/s, load 16–20, checkpointer + main thread ms/s: 250 ms
 * 55.2, 54.6, 54.2 to 1 s 55.8, 60.5, 54.8; 5 s 47.8, 44.5, 51.9 to 1 s 41.4, 36.0, 47.2 (every
 * 5 s halves the checkpointer's CPU but the main thread's commits cost more). What the
 * checkpointer's ms/s holds (perf of the `sqlite-ckpt` thread over both windows, 14 s, 10 kHz, load
 * ~10; 313 samples): one major GC of the worker's own V8 heap, 93 (9 ms, in one piece, started by
 * V8's memory reducer about 5 s into the window, some seconds after the worker started: the
 * window's full GC is the main thread's only), the WAL's fsync and its writeback 88, the copy's
 * `pread`/`pwrite` 46, the rest of SQLite 32. Whether that GC falls in a 5 s window is most of
 * the figure's spread (1.0–4.0 ms/s over six runs at load 9–20): without it ~1.5 ms/s. The
 * worker's heap is now made without a memory reducer (`server/storage/without-memory-reducer.ts`),
 * so that GC (two of them, ~40–80 ms of CPU with V8's helper threads, ~8 s after the worker's start,
 * in a window or in another server's) no longer runs.
 *
 * `--perf` splits each server's main thread over its fan-out windows by what it ran
 * (`support/perf-split.ts`, Linux `perf` on the process). Measured so at 100 docs (after the
 * one-cell write is stored and relayed before the doc applies it, c0ff88b; 3 runs, load 10–13),
 * Samplan / stock ms per second of the main thread: all 103.3 / 57.1, 82.6 / 72.4, 95.6 / 71.4;
 * SQLite 10.8, 7.2, 12.4 / none; socket writes 9.0 / 9.4, 10.2 / 15.4, 6.6 / 14.2 (one
 * pre-framed write per reader against `ws`'s writev to every client, the writer too); the
 * socket-read callbacks (framing, decoding, checks; the stock server's apply, encode and
 * broadcast) 46.4 / 43.3, 31.4 / 48.8, 43.2 / 48.0; the `setImmediate` turn less its SQLite and
 * writes (the commit's JavaScript, the relay, the doc's apply) 28.2, 28.0, 27.0 / under 1; epoll,
 * timers, GC and the rest 4–8 / 4–8. Samplan's other threads: the checkpointer 1.2–2.6 ms/s. So
 * the per-edit gap is the SQLite commit (~100 µs of a commit at a server's pace: its `pwrite`s
 * with the inode time update, 6 `fcntl` of the WAL index, the statement) and the JavaScript of
 * the check, commit and relay, which at 100 edits/s still runs largely in V8's baseline tier in a
 * 5 s window after 2 s of edits (`Builtins_LoadIC` and baseline prologues lead the turn's samples);
 * the delivery itself costs Samplan less than the stock server.
 *
 * `--profile <dir>` writes a V8 CPU profile of each server's measured fan-out windows alone
 * (`<kind>-run<n>-<docs>docs.cpuprofile`) and of its cold and warm connect storms
 * (`<kind>-run<n>-storm-cold.cpuprofile`, `-storm-warm`), through the same `profile` hook of
 * `bench-hook.ts` for every server; open it in Chrome DevTools. The profiler costs the servers CPU of its own: the
 * CPU figures of a profiled run are for comparing profiles, not servers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { regionState, seedRegion } from './support/region-seed.js';
import { ratioRows } from './support/ratio-table.js';
import { startBenchServer, stopBenchServers } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import { warmClients } from './support/stored-storm.js';
import { ClientPool } from './support/client-pool.js';
import { CLIENT_PROCS, CONNECTIONS, FANOUT_READERS_IN_PROCS, DOCS, FAN_DOCS, FANOUT_MODE, KINDS, PARTS, PER_DOC, RATE, RUNS, SECONDS, STORED, WARMUP, WINDOW_SECONDS, WINDOWS } from './region/options.js';
import { FIGURES, stormsSaid, table, threadNames, type Figures } from './region/figures.js';
import { measure, perfSplits, profileSummaries, traces } from './region/measure.js';
import { alternatingFanouts } from './region/alternating.js';

// A run that fails or is stopped (Ctrl+C, SIGTERM) stops its server processes and removes its
// folder (`support/teardown.ts`), as `scale` does; steps run last-registered first.
stopOnSignals();
const dir = mkdtempSync(join(tmpdir(), 'samplan-region-'));
onTeardown(() => rmSync(dir, { recursive: true, force: true }));
onTeardown(stopBenchServers);
try {
  const state = regionState();
  const all: Figures[][] = [];
  console.log(
    `Region: ${RUNS} runs; memory over 0–${CONNECTIONS} idle connections and 1–${DOCS} docs (${state.byteLength} B each); ` +
      `fan-out ${RATE} edits/s for ${SECONDS} s after ${WARMUP} s of edits, ${
        FANOUT_MODE === 'alternating' ? `the servers alternated in ${WINDOWS} windows of ${WINDOW_SECONDS} s each` : 'each server on its own after its storms (--fanout-mode sequential)'
      }; every run on fresh servers, Samplan persisting and validating every edit; ` +
      `Samplan's plans stored as ${STORED === 'log' ? 'one update in the log (--stored log)' : 'a server leaves them when it unloads them: snapshot and fresh state (--stored unloaded)'}\n`,
  );
  // The storms' clients (`--client-procs`) and, asked, the fan-outs' readers in their own processes, stopped with the run.
  const pool = (PARTS.has('storm') || (PARTS.has('fanout') && FANOUT_READERS_IN_PROCS)) && CLIENT_PROCS > 1 ? await ClientPool.start(CLIENT_PROCS) : null;
  if (pool) onTeardown(() => pool.close());
  const fanPool = FANOUT_READERS_IN_PROCS ? pool : null;
  if (PARTS.has('storm')) {
    console.log(stormsSaid(pool?.size ?? 1));
    // The bench's clients warmed against every server first, so no server's first storm pays for it.
    const warmDb = join(dir, 'warmup-samplan.db');
    const warmStorage = openSqliteStorage(warmDb, { durability: 'normal' });
    await seedRegion(warmStorage, FAN_DOCS, state);
    await warmStorage.close();
    for (const [kind] of KINDS) await warmClients(startBenchServer, kind, kind === 'samplan' ? warmDb : join(dir, `warmup-${kind}.db`), FAN_DOCS, PER_DOC, state, pool);
  }
  for (let run = 0; run < RUNS; run++) {
    const samplanDb = join(dir, `samplan-${run}.db`);
    const storage = openSqliteStorage(samplanDb, { durability: 'normal' });
    await seedRegion(storage, Math.max(PARTS.has('memory') ? DOCS : 0, FAN_DOCS + 1), state, STORED);
    await storage.close();
    const figures: Figures[] = [];
    const alternating = FANOUT_MODE === 'alternating' && PARTS.has('fanout');
    for (const [kind] of KINDS) figures.push(await measure(kind, dir, samplanDb, run, state, PARTS.has('fanout') && !alternating, pool, fanPool));
    if (alternating) {
      const fan = await alternatingFanouts(run, dir, samplanDb, fanPool);
      figures.forEach((f, i) => Object.assign(f, fan[i]));
    }
    all.push(figures);
    const misses = figures.flatMap((f, i) =>
      [f.many, f.one].filter((r) => r.delivered < r.expected).map((r) => `${KINDS[i]?.[1]}: ${r.delivered}/${r.expected} delivered`),
    );
    console.log(`run ${run + 1} done${misses.length ? ` (${misses.join('; ')})` : ''}`);
  }
  console.log();
  const headers = ['figure', 'run', ...KINDS.map(([, label]) => label), 'Samplan ÷ stock', 'Samplan ÷ Hocuspocus'];
  // A part not measured (`--parts`) prints no rows.
  const rows = ratioRows(KINDS.map(([kind]) => kind), ['y-websocket-server', 'hocuspocus'], all, FIGURES);
  table(headers, rows);
  const names = threadNames(all);
  if (names.length) console.log(`Other threads of each server, CPU ms per second over the measured fan-out, the busiest first:\n${names.join('\n')}\n`);
  if (traces.length) console.log(traces.join('\n'));
  if (perfSplits.length) console.log(perfSplits.join('\n'));
  const profiles = profileSummaries();
  if (profiles.length) console.log(`Main thread by CPU profile samples (100 µs each), over each part's windows:\n${profiles.join('\n')}`);
} finally {
  await teardown();
}
process.exit(0);

/**
 * `bench/region`'s default fan-out mode: every server started at once with its clients connected
 * (one server's connects after the other's), warmed as long as in the sequential mode but in interleaved
 * 1-s slices (`warmFanoutsInterleaved` of `support/fanout-warm.ts`: no server idles through the others' warm-ups), then driven in
 * short alternating windows (`--window`, 1 s; `windowOrder` of `scale/windows.ts`: ABCABC ACB CBACBA
 * for five each, every server following each other one about as often, the second half the first
 * backwards), one
 * server at a time with the same client code and edit rate, each window's deliveries awaited
 * before the next starts. Each server's figures are over its own windows alone (`support/fanout.ts`:
 * latencies pooled, its own process's CPU, threads, allocation and collections summed over them),
 * so a load spike of the shared machine falls on every server alike instead of deciding the ratio
 * of two windows measured one after the other.
 *
 * The servers not driven keep their clients connected and edit nothing; what CPU they spend
 * meanwhile (their timers, Samplan's rights polls and WAL checkpointer) is measured over the other
 * servers' windows and printed (`otherWindowsCpuMsPerSecond`), and counts against no server's own
 * figures. After each window the driven server is left alone for `--settle` seconds (2.5 by default)
 * and then until it is quiet (`QUIET_SLICE_MS`) before the next starts: Hocuspocus stores a
 * document 2 s after its last change (its `debounce`), and without the pause its stores ran in the
 * next server's window (46.8 ms/s of its CPU there in one run, 100 docs, against 0.5–0.7 for the
 * others; with the 2.5 s pause alone still 7.0–13.9 at load 14–22, its 100 stores outlasting it). What a server spends in that pause is not in
 * its CPU per delivered edit (as in the sequential mode, where what falls after the one window is
 * not either) but is printed with it (`settledCpuPerDelivery`). Every server persists and validates
 * as in the sequential mode (the same processes).
 * `--trace`, `--perf` and `--profile` cover each server's own windows only (`segments` of
 * {@link alternate}): perf is switched on for each of them and off after it, a trace is taken per
 * window and the traces joined, and a CPU profile is written per window (`-w<n>` names). Spanning
 * the whole alternation, as they once did, diluted their ms/s about 5× with the other servers'
 * windows and the pauses, and weighed each server's idle work (timers, debounced stores) as much
 * as its edits.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fanoutWindow, setUpFanout, type FanoutSetup } from '../support/fanout.js';
import { closeFanout, collectFanout } from '../support/fanout-collect.js';
import { warmFanoutsInterleaved } from '../support/fanout-warm.js';
import type { ClientPool } from '../support/client-pool.js';
import type { FanoutResult } from '../support/region-measure.js';
import { startBenchServer, type BenchServer, type ServerKind } from '../support/servers.js';
import { unloadPause } from '../support/unload-pause.js';
import { alternate } from '../support/alternate.js';
import { fanoutExtras } from './measure.js';
import { FAN_DOCS, KINDS, ONE_DOC_CLIENTS, PER_DOC, RATE, SETTLE_SECONDS, WARMUP, WINDOW_SECONDS, WINDOWS } from './options.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One fan-out part (`docs` × `perDoc`) over `servers`, alternated, the readers in `pool`'s processes if given; its figures in the order of `servers`. */
async function part(servers: readonly BenchServer[], run: number, docs: number, perDoc: number, tag: string, pool: ClientPool | null): Promise<FanoutResult[]> {
  const setups: FanoutSetup[] = [];
  try {
    for (const s of servers) setups.push(await setUpFanout(s, docs, perDoc, tag, pool));
    // Warmed interleaved in 1-s slices: warmed one after the other, the first idled through the others' warm-ups (`warmFanoutsInterleaved`).
    await warmFanoutsInterleaved(setups, RATE, WARMUP);
    const extras = servers.map((s) => fanoutExtras(s, run, docs, perDoc, tag));
    await alternate(setups, WINDOWS, RATE, WINDOW_SECONDS, SETTLE_SECONDS, fanoutWindow, extras.map((e) => e.window));
    const results = setups.map((f) => collectFanout(f));
    results.forEach((r, i) => extras[i]?.report(r));
    return results;
  } finally {
    for (const f of setups) closeFanout(f);
  }
}

/**
 * The file `kind` starts on in `run`: Samplan on `samplanDb` (seeded), its variants on a copy
 * of it (a second server on one file would be refused), the peers on new files in `dir`.
 */
function serverDb(kind: ServerKind, dir: string, run: number, samplanDb: string): string {
  if (kind === 'samplan') return samplanDb;
  const path = join(dir, `${kind}-${run}-alt.db`);
  if (kind === 'samplan-unstored' || kind === 'samplan-journal' || kind === 'samplan-no-memory-reducer' || kind === 'samplan-base') {
    copyFileSync(samplanDb, path);
    // The seeding store closed the file, which leaves no WAL behind; one left would hold part of the plans.
    if (existsSync(`${samplanDb}-wal`)) copyFileSync(`${samplanDb}-wal`, `${path}-wal`);
  }
  return path;
}

/**
 * Run `run`'s two fan-out parts (`FAN_DOCS` × `PER_DOC`, then 1 × `ONE_DOC_CLIENTS`) alternated over
 * every server of `KINDS`, started fresh (Samplan on `samplanDb`, seeded; the peers on new files in
 * `dir`); resolves with each server's two results, in the order of `KINDS`. The readers run in
 * `pool`'s processes if given (`--client-procs`), else in the bench process.
 */
export async function alternatingFanouts(run: number, dir: string, samplanDb: string, pool: ClientPool | null = null): Promise<{ many: FanoutResult; one: FanoutResult }[]> {
  const servers: BenchServer[] = [];
  try {
    // Every file first: the unstored variant's copy is taken before Samplan's server opens the seeded file.
    const files = KINDS.map(([kind]) => serverDb(kind, dir, run, samplanDb));
    for (const [i, [kind]] of KINDS.entries()) servers.push(await startBenchServer(kind, files[i] as string));
    const many = await part(servers, run, FAN_DOCS, PER_DOC, `m${run}`, pool);
    // Samplan unloads the 100 rooms 30 s after their clients left: in the 1-doc part's warm-ups, not its windows.
    await sleep(unloadPause(WARMUP * servers.length, WINDOWS * (WINDOW_SECONDS + SETTLE_SECONDS) * servers.length) * 1000);
    const one = await part(servers, run, 1, ONE_DOC_CLIENTS, `o${run}`, pool);
    return servers.map((_, i) => ({ many: many[i] as FanoutResult, one: one[i] as FanoutResult }));
  } finally {
    for (const s of servers) await s.stop();
  }
}

/**
 * `bench/sync`'s fan-out: every server started at once, each with `clients` clients on one document
 * (one writer, the rest reading), warmed in interleaved 1-s slices (`warmFanoutsInterleaved`), then driven in short alternating
 * windows by {@link alternate} (the code of `bench/region`'s alternating mode), so that both
 * benches compare the servers under the same moment's load. Measured one after the other, as it
 * once was, the machine's drift landed in the ratio: at load 12–30 the stock server's own p50 went
 * from 1.7 to 210 ms between runs and the p99 ratio from 0.03 to 1.24 (`/work/reports51/perf.md`).
 * Every window's figures are kept ({@link loggedWindow}) and printed with the run's ratios.
 */
import { loadavg } from 'node:os';
import { alternate } from './alternate.js';
import { fanoutWindow, setUpFanout, type FanoutSetup } from './fanout.js';
import { closeFanout, collectFanout } from './fanout-collect.js';
import { warmFanoutsInterleaved } from './fanout-warm.js';
import type { FanoutResult } from './region-measure.js';
import type { BenchServer } from './servers.js';

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/**
 * One measured window of one server: its place in the run (1-based), its deliveries' p50 and p99
 * (ms) and how many there were, and what the server did meanwhile that the tail may line up with:
 * its V8 collections (minor, full, and their main-thread ms) and, Samplan's alone (NaN for the
 * others), the checkpoint worker's runs and WAL restarts and the longest a commit has waited at
 * its gate so far (ms; it grew in this window when above the previous window's).
 */
export interface WindowFigures {
  window: number;
  server: string;
  p50: number;
  p99: number;
  delivered: number;
  scavenges: number;
  full: number;
  gcMs: number;
  checkpoints: number;
  walRestarts: number;
  longestGateWaitMs: number;
}

/** The checkpoint worker's counts so far, as Samplan's bench server answers `stats` (`samplan-server.ts`). */
export interface CheckpointerCounts {
  checkpoints: number;
  walRestarts: number;
  longestGateWaitMs: number;
}

const NO_COUNTS: CheckpointerCounts = { checkpoints: NaN, walRestarts: NaN, longestGateWaitMs: NaN };

/** `stats` as {@link CheckpointerCounts}, or NaNs from a server that answers without them. */
function countsOf(stats: unknown): CheckpointerCounts {
  return typeof stats === 'object' && stats !== null && 'walRestarts' in stats ? (stats as CheckpointerCounts) : NO_COUNTS;
}

/** A window driver as {@link alternate} takes it. */
export type WindowDriver = (f: FanoutSetup, rate: number, seconds: number) => Promise<void>;

/**
 * `window`, with each call's deliveries (those `f.latencies` gained in it, its wait for the
 * stragglers included) summed up and pushed to `log` under `f.server.kind`, beside the
 * collections `window` added to `f.alloc` and the server's checkpoint counts over it (`stats`).
 */
export function loggedWindow(window: WindowDriver, log: WindowFigures[]): WindowDriver {
  return async (f, rate, seconds) => {
    const from = f.latencies.length;
    const alloc = { ...f.alloc };
    const before = countsOf(await f.server.stats());
    await window(f, rate, seconds);
    const after = countsOf(await f.server.stats());
    const mine = f.latencies.slice(from).sort((a, b) => a - b);
    log.push({
      window: log.length + 1,
      server: f.server.kind,
      p50: pct(mine, 50),
      p99: pct(mine, 99),
      delivered: mine.length,
      scavenges: f.alloc.scavenges - alloc.scavenges,
      full: f.alloc.full - alloc.full,
      gcMs: f.alloc.gcMs - alloc.gcMs,
      checkpoints: after.checkpoints - before.checkpoints,
      walRestarts: after.walRestarts - before.walRestarts,
      longestGateWaitMs: after.longestGateWaitMs,
    });
  };
}

/** How {@link alternatedFanout} runs: sizes in clients, edits/s and seconds. */
export interface AlternatedFanoutOptions {
  clients: number;
  rate: number;
  /** Each window's length and how many each server gets. */
  windowSeconds: number;
  windows: number;
  /** The pause after each window (Hocuspocus stores 2 s after the last change: `alternate`). */
  settleSeconds: number;
  /** Unrecorded edits before the windows, per server. */
  warmupSeconds: number;
  /** The edits' keys are `<tag>-<n>`. */
  tag: string;
  /** The document's name (one Samplan has stored, `fanout` of `bench-seed.ts`). */
  doc: string;
}

/** One run's figures: each server's over its own windows (in the order of the servers), every window's, and the 1-minute load average before and after. */
export interface AlternatedFanout {
  kinds: string[];
  results: FanoutResult[];
  windows: WindowFigures[];
  load: [number, number];
}

/** One run of the alternated one-document fan-out over `servers` (already started); closes its clients. */
export async function alternatedFanout(servers: readonly BenchServer[], o: AlternatedFanoutOptions): Promise<AlternatedFanout> {
  const load0 = loadavg()[0] as number;
  const setups: FanoutSetup[] = [];
  try {
    for (const s of servers) setups.push(await setUpFanout(s, 1, o.clients, o.tag, null, () => o.doc));
    await warmFanoutsInterleaved(setups, o.rate, o.warmupSeconds);
    const windows: WindowFigures[] = [];
    await alternate(setups, o.windows, o.rate, o.windowSeconds, o.settleSeconds, loggedWindow(fanoutWindow, windows));
    return { kinds: servers.map((s) => s.kind), results: setups.map((f) => collectFanout(f)), windows, load: [load0, loadavg()[0] as number] };
  } finally {
    for (const f of setups) closeFanout(f);
  }
}

/**
 * `mine`'s p99 over `peer`'s in `run` (servers named by kind): pooled over their windows, and the
 * median of the windows' own ratios, paired in order (each one's i-th window); NaN where either
 * is missing.
 */
export function p99Ratios(run: AlternatedFanout, mine: string, peer: string): { pooled: number; windowsMedian: number } {
  const a = run.results[run.kinds.indexOf(mine)];
  const b = run.results[run.kinds.indexOf(peer)];
  const own = (kind: string): number[] => run.windows.filter((w) => w.server === kind).map((w) => w.p99);
  const theirs = own(peer);
  const paired = own(mine)
    .map((x, i) => x / (theirs[i] ?? NaN))
    .filter(Number.isFinite)
    .sort((x, y) => x - y);
  return { pooled: a && b ? a.p99 / b.p99 : NaN, windowsMedian: pct(paired, 50) };
}

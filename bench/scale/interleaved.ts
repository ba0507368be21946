/**
 * `bench/scale`'s default mode: the set-ups (one process on SQLite, N on PostgreSQL + Redis, and
 * the extra rows asked for) all started and their clients all connected, then one fan-out case
 * driven in short alternating windows (`windows.ts`: ABBA…), one set-up at a time while the others
 * stay connected and idle, each window's edits awaited before the next window starts. Each
 * set-up's latencies are pooled over its windows, so a load spike on a shared machine falls on
 * every set-up alike instead of deciding the ratio of two cases measured one after the other.
 * Each set-up makes as many edits with as many clients as in the sequential mode (`fanout` of
 * `support/region-measure.ts`), and every delivery is recognized the same way: an edit's key in
 * the update a reader receives, counted once per reader.
 */
import { insertRow, setCell } from '../../shared/doc/index.js';
import { connect } from '../support/region-measure.js';
import { regionDoc } from '../support/region-seed.js';
import type { SyncClient } from '../support/sync-client.js';
import type { Cluster } from './cluster.js';
import { editsPerWindow, pool, windowOrder, type Pooled } from './windows.js';
import { onFirstKeys } from '../support/marked-keys.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One set-up's figures over its windows of a case. */
export interface InterleavedResult extends Pooled {
  /** Deliveries received (each edit at each reader once) and due. */
  delivered: number;
  expected: number;
  /** The set-up's server CPU (user + system, all its processes) over its windows per delivery, in µs. */
  cpuPerDelivery: number;
}

/** What one interleaved case drives: `perDoc` clients on each of `docCount` documents, `rate` edits/s, `edits` edits per set-up. */
export interface InterleavedCase {
  docCount: number;
  perDoc: number;
  rate: number;
  edits: number;
  windows: number;
  warmupSeconds: number;
  tag: string;
}

interface Setup {
  server: Cluster;
  /** The keys' prefix: `<tag>-<n>` is edit n of this set-up. */
  tag: string;
  writers: SyncClient[];
  rowIds: string[];
  clients: SyncClient[];
  /** When each recorded edit was sent (ms, `performance.now`), and the window it belongs to. */
  sentAt: Map<string, { at: number; window: number }>;
  latencies: number[][];
  sent: number;
  cpuUs: number;
}

/**
 * Run one case over `servers` interleaved (see the file's comment). Resolves with each set-up's
 * figures, in the order of `servers`. Clients connect one set-up after the other (no set-up's
 * connects meet another's), and are closed at the end.
 */
export async function interleavedFanout(servers: readonly Cluster[], c: InterleavedCase): Promise<InterleavedResult[]> {
  const setups: Setup[] = [];
  for (const [s, server] of servers.entries()) setups.push(await ready(server, c, `${c.tag}${s}`));
  try {
    // Warm-up, unrecorded, one set-up after the other, as the sequential mode warms each case.
    for (const s of setups) await drive(s, Math.round(c.warmupSeconds * c.rate), c.rate, null, true);
    await sleep(200);
    // A major collection in every set-up (the same bench hook as the fan-out's window start,
    // `collect`: one that keeps what the warm-up optimized, `major-gc.ts`).
    for (const s of setups) await s.server.collect();
    const shares = editsPerWindow(c.edits, c.windows);
    const done = setups.map(() => 0);
    for (const which of windowOrder(setups.length, c.windows)) {
      const s = setups[which] as Setup;
      const w = done[which] as number;
      done[which] = w + 1;
      const cpuBefore = await s.server.cpu();
      await drive(s, shares[w] as number, c.rate, w, false);
      const due = (shares[w] as number) * (c.perDoc - 1);
      const until = performance.now() + 5000;
      while ((s.latencies[w] as number[]).length < due && performance.now() < until) await sleep(10);
      s.cpuUs += (await s.server.cpu()) - cpuBefore;
    }
    // A late delivery of an earlier window still counts for that window.
    return setups.map((s) => {
      const pooled = pool(s.latencies);
      const expected = s.sentAt.size * (c.perDoc - 1);
      return { ...pooled, delivered: pooled.count, expected, cpuPerDelivery: pooled.count > 0 ? s.cpuUs / pooled.count : NaN };
    });
  } finally {
    for (const s of setups) for (const client of s.clients) client.close();
  }
}

/** Connect a set-up's clients, insert each writer's row, and listen for the keys of `tag`. */
async function ready(server: Cluster, c: InterleavedCase, tag: string): Promise<Setup> {
  const groups = await Promise.all(Array.from({ length: c.docCount }, (_, d) => connect(server, Array.from({ length: c.perDoc }, () => regionDoc(d)), null)));
  const writers = groups.map((g) => g[0] as SyncClient);
  const rowIds = writers.map((w, i) => {
    let id = '';
    w.write((doc) => (id = insertRow(doc, { title: 'Hälsodag' }, { id: `${tag}-w${i}` })));
    return id;
  });
  const setup: Setup = { server, tag, writers, rowIds, clients: groups.flat(), sentAt: new Map(), latencies: Array.from({ length: c.windows }, () => []), sent: 0, cpuUs: 0 };
  onFirstKeys(groups.flatMap((g) => g.slice(1)), tag, (key, now) => {
    const sent = setup.sentAt.get(key);
    if (sent === undefined) return false;
    (setup.latencies[sent.window] as number[]).push(now - sent.at);
    return true;
  });
  return setup;
}

/**
 * `count` edits at `rate` edits/s, round robin over the set-up's writers, recorded in `window`
 * (null: warm-up, not recorded). Warming up, the bench hook is asked once a second, as the
 * sequential mode does (`fanout`), so that V8 optimizes Node's stream code knowing the hook's pipes.
 */
async function drive(s: Setup, count: number, rate: number, window: number | null, warming: boolean): Promise<void> {
  const start = performance.now();
  let done = 0;
  let asked = 0;
  while (done < count) {
    if (warming && performance.now() - start >= asked * 1000) {
      asked++;
      await s.server.cpu();
    }
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate));
    for (; done < due; done++) {
      const w = s.sent % s.writers.length;
      const key = `${s.tag}-${s.sent++}`;
      if (window !== null) s.sentAt.set(key, { at: performance.now(), window });
      (s.writers[w] as SyncClient).write((doc) => setCell(doc, s.rowIds[w] as string, 'comment', key));
    }
    await sleep(1);
  }
}

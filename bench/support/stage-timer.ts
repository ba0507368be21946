/**
 * Where the time of a bench server's fan-out path goes, recorded inside the server process: how
 * long storage takes to commit (PostgreSQL's round trip and commit), how long a message takes
 * through Redis and back (a probe published every 250 ms on a channel of its own and timed when
 * the same process receives it: the hop plus the wait for the event loop), how long the process
 * spends applying and relaying one received message, how long after its commit resolved a
 * document's batch was handed to the fan-out to publish (`publish`: what runs in between, such as
 * relaying to the peers here, delays every reader on another process), and how late the event loop
 * runs (CPU contention: how much later than due a 20 ms timer fired). All in ms, as p50 / p99 /
 * max over the samples since the last report.
 * It costs each process it runs in CPU (about 3.5 ms a second, mostly the probe and the monitor's
 * wake-ups), so `bench/scale.ts` runs it only with `--stages` (`SAMPLAN_BENCH_STAGES=1` to the
 * cluster processes), never by default: the SQLite process it is compared with has no Redis to probe.
 * With `SAMPLAN_BENCH_COUNT_QUERIES=1` each report also writes to stderr how many statements of
 * each kind the process sent PostgreSQL through its pool (the first 40 characters name a kind).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Fanout, FanoutHandlers } from '../../server/sync/fanout.js';
import type { DocRef, Storage } from '../../server/storage/storage.js';

/** p50 / p99 / max of `samples` in ms, and how many. */
export interface StageFigures {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** How often the Redis probe is sent, in ms. */
const PROBE_MS = 250;
/** The event-loop delay monitor's interval, in ms. */
const LOOP_MS = 20;

const QUERY_COUNTS = new Map<string, number>();
if (process.env.SAMPLAN_BENCH_COUNT_QUERIES) {
  const query = pg.Pool.prototype.query as (...a: unknown[]) => unknown;
  pg.Pool.prototype.query = function (this: pg.Pool, ...a: unknown[]) {
    const key = String(a[0]).replace(/\s+/g, ' ').trim().slice(0, 40);
    QUERY_COUNTS.set(key, (QUERY_COUNTS.get(key) ?? 0) + 1);
    return query.apply(this, a);
  } as typeof pg.Pool.prototype.query;
}

function figures(samples: number[]): StageFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

/** The stages of one process: `commit`, `publish`, `redisHop`, `receive`, `loopDelay`. */
export type StageReport = Record<'commit' | 'publish' | 'redisHop' | 'receive' | 'loopDelay', StageFigures>;

/**
 * Wrap `storage`'s appends and `fanout`'s received messages with timers, and start the Redis probe
 * on `redisUrl`. `report()` answers the figures since the last call and starts over.
 */
export function timeStages(storage: Storage, fanout: Fanout, redisUrl: string): { storage: Storage; fanout: Fanout; report(): StageReport } {
  const commit: number[] = [];
  const publish: number[] = [];
  const hop: number[] = [];
  const receive: number[] = [];
  /** When each document's last commit resolved (performance.now()), until its batch is published. */
  const committedAt = new Map<string, number>();
  const keyOf = (ref: DocRef): string => `${ref.workspace}\u0000${ref.doc}`;
  // A 20 ms timer, not 5 ms: each firing wakes the process, and at 5 ms that was 200 wake-ups a
  // second in each of the three processes (the one SQLite process has no such timer) on cores
  // where every wake-up may wait for a CPU. Reported as how late it fired, the interval taken off.
  const loop = monitorEventLoopDelay({ resolution: LOOP_MS });
  loop.enable();
  const timed = <A extends unknown[], R>(refsOf: (...a: A) => DocRef[], fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const t = performance.now();
    try {
      return await fn(...a);
    } finally {
      const end = performance.now();
      commit.push(end - t);
      for (const ref of refsOf(...a)) committedAt.set(keyOf(ref), end);
    }
  };
  const appendMany = storage.appendMany?.bind(storage);
  const wrappedStorage: Storage = Object.assign(Object.create(storage) as Storage, {
    appendUpdates: timed((ref: DocRef, updates: readonly unknown[]) => (updates.length > 0 ? [ref] : []), storage.appendUpdates.bind(storage)),
    ...(appendMany ? { appendMany: timed((batches: readonly { ref: DocRef }[]) => batches.map((b) => b.ref), appendMany) } : {}),
  });
  const wrappedFanout: Fanout = {
    ...fanout,
    publishUpdates(ref, firstSeq, updates) {
      const at = committedAt.get(keyOf(ref));
      if (at !== undefined) {
        publish.push(performance.now() - at);
        committedAt.delete(keyOf(ref));
      }
      fanout.publishUpdates(ref, firstSeq, updates);
    },
    listen(handlers: FanoutHandlers) {
      fanout.listen({
        ...handlers,
        updates(ref, firstSeq, updates) {
          const t = performance.now();
          handlers.updates(ref, firstSeq, updates);
          receive.push(performance.now() - t);
        },
      });
    },
  };
  const channel = `samplan:bench-probe:${process.pid}`;
  const pub = new Redis(redisUrl);
  const sub = new Redis(redisUrl);
  void sub.subscribe(channel);
  sub.on('message', (_c: string, sent: string) => hop.push(performance.now() - Number(sent)));
  // Every 250 ms, not 50: at 50 ms the probe alone cost each process about 8 ms of CPU a second
  // (a timer, a publish and a reply on a loaded machine), two thirds of an idle process's CPU,
  // counted in the CPU per delivery of the processes it observes and none of the SQLite one.
  setInterval(() => void pub.publish(channel, String(performance.now())).catch(() => undefined), PROBE_MS).unref();
  return {
    storage: wrappedStorage,
    fanout: wrappedFanout,
    report() {
      const late = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_MS);
      const loopSamples = { n: loop.count, p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) };
      const out = { commit: figures(commit), publish: figures(publish), redisHop: figures(hop), receive: figures(receive), loopDelay: loopSamples };
      if (QUERY_COUNTS.size) process.stderr.write(`queries ${process.pid} ${JSON.stringify([...QUERY_COUNTS])}\n`);
      QUERY_COUNTS.clear();
      commit.length = publish.length = hop.length = receive.length = 0;
      loop.reset();
      return out;
    },
  };
}

/**
 * The servers `bench/scale.ts` measures, seen as one {@link Cluster}: one process on SQLite, or N
 * on PostgreSQL with Redis fan-out, their CPU, memory, counts and profiles summed or gathered.
 */
import { type BenchServer, type ServerMemory } from '../support/servers.js';
import { spreadPick } from '../support/spread.js';
import { sumCounts, type ProcCounts } from '../support/proc-counts.js';
import { pgCounts, type PgCounts } from '../support/pg-counts.js';
import { pathGroups } from '../support/sched-wait.js';

/** FNV-1a of `text`, a 32-bit unsigned integer: which process a document's clients go to with affinity. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * N bench servers seen as one, CPU and memory summed. Clients are spread round robin per
 * connection (`spread`, a balancer's `round_robin`, each round of N starting one process further on
 * so that the bench's writer-then-reader order does not line up with N: `spreadPick`), or each document's clients go to one process
 * (`affinity`, a balancer hashing the document's path, as nginx's `hash $uri consistent`: the path without the query, which carries the token).
 */
export function cluster(
  nodes: BenchServer[],
  routing: 'spread' | 'affinity' = 'spread',
  onCpu?: (perNodeUs: number[]) => void,
  pgUrl?: string,
  services?: { pgPort: number; redisPort: number },
): Cluster {
  let next = 0;
  const pids = nodes.map((n) => n.pid);
  const first = nodes[0] as BenchServer;
  const pick = (doc: string): BenchServer => nodes[routing === 'affinity' ? hashOf(doc) % nodes.length : spreadPick(next++, nodes.length)] as BenchServer;
  return {
    kind: first.kind,
    pid: first.pid,
    url: (doc) => pick(doc).url(doc),
    framing: (doc) => first.framing(doc),
    async mem() {
      const all = await Promise.all(nodes.map((n) => n.mem()));
      const sum = (key: keyof ServerMemory): number => all.reduce((a, m) => a + m[key], 0);
      return { rss: sum('rss'), heapUsed: sum('heapUsed'), heapTotal: sum('heapTotal'), external: sum('external'), arrayBuffers: sum('arrayBuffers') };
    },
    collect: async () => void (await Promise.all(nodes.map((n) => n.collect()))),
    async cpu() {
      const each = await Promise.all(nodes.map((n) => n.cpu()));
      onCpu?.(each);
      return each.reduce((a, b) => a + b, 0);
    },
    loopStart: async () => void (await Promise.all(nodes.map((n) => n.loopStart()))),
    async loop() {
      const all = await Promise.all(nodes.map((n) => n.loop()));
      return { max: Math.max(...all.map((l) => l.max)), p99: Math.max(...all.map((l) => l.p99)) };
    },
    async alloc() {
      const all = await Promise.all(nodes.map((n) => n.alloc()));
      const sum = (pick: (a: (typeof all)[number]) => number): number => all.reduce((t, a) => t + pick(a), 0);
      return { bytes: sum((a) => a.bytes), scavenges: sum((a) => a.scavenges), full: sum((a) => a.full), gcMs: sum((a) => a.gcMs) };
    },
    stats: async () => Promise.all(nodes.map((n) => n.stats())),
    snapshot: (file) => first.snapshot(file),
    profileStart: async () => void (await Promise.all(nodes.map((n) => n.profileStart()))),
    /** Each process's profile to `file` with `.<process>.cpuprofile` in place of `.cpuprofile`. */
    profileStop: async (file) => void (await Promise.all(nodes.map((n, i) => n.profileStop(file.replace(/\.cpuprofile$/, `.${i + 1}.cpuprofile`))))),
    heapStart: async () => void (await Promise.all(nodes.map((n) => n.heapStart()))),
    heapStop: async (file) => void (await Promise.all(nodes.map((n, i) => n.heapStop(file.replace(/\.heapprofile$/, `.${i + 1}.heapprofile`))))),
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
    counts: () => sumCounts(pids),
    pgCounts: pgUrl ? () => pgCounts(pgUrl) : undefined,
    sched: pathGroups(pids, services),
  };
}

/** A {@link cluster}: its processes' wakeups and system calls so far, summed (`support/proc-counts.ts`). */
export type Cluster = BenchServer & { counts(): ProcCounts; pgCounts?: () => Promise<PgCounts>; sched: ReturnType<typeof pathGroups> };

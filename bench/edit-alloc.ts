/**
 * Allocation and work per edit of one sync server at the region fan-out's shape: `--docs`
 * documents × `--per-doc` clients, the first client of each writing a cell of its own row,
 * `--rate` edits/s round robin over the documents (the edits of `bench/region`'s fan-out, the same
 * client code). After `--warmup` seconds of edits and a major collection in the server, each of
 * `--windows` windows of `--seconds` is printed on its own line: V8 heap bytes the server allocated
 * per edit, bytes its scavenges promoted to the old generation per edit, its scavenges and other
 * collections, their main-thread ms, and the server process's CPU per edit (`alloc` and `cpu` of
 * `support/bench-hook.ts`). Bytes allocated and promoted per edit depend on the code, not on the
 * machine's load: a busy machine measures them as a quiet one does. CPU per edit does not.
 *
 * `--profile <dir>` CPU-profiles each window (`<server>-w<n>.cpuprofile`) and prints the samples
 * per function where they ran (`support/profile-counts.ts`), summed over the windows, per 1,000
 * edits; `--heap <dir>` samples each window's allocation instead (`<server>-w<n>.heapprofile`;
 * `BENCH_HEAP_SAMPLING=survivors` for what no scavenge freed) and prints the sampled bytes per edit
 * by the function that allocated them.
 *
 *   npx tsx --expose-gc bench/edit-alloc.ts --windows 5 --seconds 10
 *   npx tsx --expose-gc bench/edit-alloc.ts --server y-websocket-server   # the stock server, for reference
 *   npx tsx --expose-gc bench/edit-alloc.ts --profile /tmp/prof --windows 3
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { regionState, seedRegion } from './support/region-seed.js';
import { startBenchServer, stopBenchServers, type ServerKind } from './support/servers.js';
import { onTeardown, stopOnSignals, teardown } from './support/teardown.js';
import { setUpFanout, fanoutWindow, type FanoutSetup } from './support/fanout.js';
import { warmFanout } from './support/fanout-warm.js';
import { closeFanout } from './support/fanout-collect.js';
import { addProfile, noCounts, type CpuProfile } from './support/profile-counts.js';

const { values: flags } = parseArgs({
  options: {
    server: { type: 'string', default: 'samplan' },
    docs: { type: 'string', default: '100' },
    'per-doc': { type: 'string', default: '5' },
    rate: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    windows: { type: 'string', default: '5' },
    profile: { type: 'string' },
    heap: { type: 'string' },
  },
  strict: true,
});
const KIND = flags.server as ServerKind;
const [DOCS, PER_DOC, RATE, WARMUP, SECONDS, WINDOWS] = [flags.docs, flags['per-doc'], flags.rate, flags.warmup, flags.seconds, flags.windows].map(Number) as [number, number, number, number, number, number];
for (const dir of [flags.profile, flags.heap]) if (dir) mkdirSync(dir, { recursive: true });

/** A `.heapprofile` as the inspector writes it (the fields read here). */
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/**
 * Adds each function's sampled bytes (where they were allocated) of `node`'s tree to `into`. A
 * built-in (no script: `Map`, `Set`, an iterator's `next`) is named with the function that called
 * it, `Map ← judgeOffer …`, so that the site is known.
 */
function addHeap(into: Map<string, number>, node: HeapNode, caller = ''): void {
  const { functionName, url, lineNumber } = node.callFrame;
  const own = `${functionName || '(anon)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
  const name = url === '' && caller !== '' ? `${own} ← ${caller}` : own;
  if (node.selfSize > 0) into.set(name, (into.get(name) ?? 0) + node.selfSize);
  for (const child of node.children) addHeap(into, child, url === '' ? caller : own);
}

/** The `top` entries of `m` by value, each divided by `per`, as one printed line. */
function topLine(m: Map<string, number>, per: number, top: number, digits: number): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => `${name} ${(n / per).toFixed(digits)}`)
    .join('\n    ');
}

stopOnSignals();
const dir = mkdtempSync(join(tmpdir(), 'samplan-edit-alloc-'));
onTeardown(() => rmSync(dir, { recursive: true, force: true }));
onTeardown(stopBenchServers);
try {
  const db = join(dir, 'edit-alloc.db');
  if (KIND.startsWith('samplan')) {
    const storage = openSqliteStorage(db, { durability: 'normal' });
    await seedRegion(storage, DOCS, regionState(), 'unloaded');
    await storage.close();
  }
  const server = await startBenchServer(KIND, db);
  const f: FanoutSetup = await setUpFanout(server, DOCS, PER_DOC, 'a');
  await warmFanout(f, RATE, WARMUP);
  console.log(`${KIND}: ${DOCS} docs × ${PER_DOC}, ${RATE} edits/s, ${WARMUP} s warm-up, ${WINDOWS} windows of ${SECONDS} s (load ${loadavg()[0]?.toFixed(2)})`);
  console.log('window  edits  KB/edit  promoted B/edit  scavenges  full  gc ms  cpu µs/edit');
  const counts = noCounts();
  const heap = new Map<string, number>();
  let edits = 0;
  for (let w = 1; w <= WINDOWS; w++) {
    const before = { ...f.alloc, cpuMs: f.cpuMs, measured: f.measured };
    if (flags.profile) await server.profileStart();
    if (flags.heap) await server.heapStart();
    await fanoutWindow(f, RATE, SECONDS);
    if (flags.profile) {
      const file = join(flags.profile, `${KIND}-w${w}.cpuprofile`);
      await server.profileStop(file);
      addProfile(counts, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    }
    if (flags.heap) {
      const file = join(flags.heap, `${KIND}-w${w}.heapprofile`);
      await server.heapStop(file);
      addHeap(heap, (JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head);
    }
    const n = f.measured - before.measured;
    edits += n;
    const cells = [
      String(w).padStart(6),
      String(n).padStart(6),
      ((f.alloc.bytes - before.bytes) / n / 1024).toFixed(2).padStart(8),
      ((f.alloc.promoted - before.promoted) / n).toFixed(1).padStart(16),
      String(f.alloc.scavenges - before.scavenges).padStart(10),
      String(f.alloc.full - before.full).padStart(5),
      (f.alloc.gcMs - before.gcMs).toFixed(1).padStart(6),
      (((f.cpuMs - before.cpuMs) * 1000) / n).toFixed(0).padStart(12),
    ];
    console.log(cells.join(' '));
  }
  const latencies = [...f.latencies].sort((a, b) => a - b);
  console.log(`delivered ${latencies.length} of ${f.measured * (PER_DOC - 1)}; p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(2)} ms (load ${loadavg()[0]?.toFixed(2)})`);
  if (flags.profile) {
    console.log(`CPU samples per 1,000 edits (${counts.samples} not idle over ${edits} edits), where they ran:\n    ${topLine(counts.self, edits / 1000, 40, 1)}`);
  }
  if (flags.heap) console.log(`sampled bytes per edit by allocating function:\n    ${topLine(heap, edits, 40, 0)}`);
  closeFanout(f);
} finally {
  await teardown();
}

/**
 * The fixed CPU cost per second at region scale: Samplan beside the stock `@y/websocket-server`
 * and Hocuspocus 3 + SQLite, all started in the same run and driven by the same client code
 * (`bench/support/region-measure.ts`). Per server and run, on a fresh server:
 *
 * - CPU with nothing connected (the process's own timers, workers and GC), ms per second;
 * - CPU with `docs × per-doc` clients connected and synced but nobody editing, ms per second;
 * - CPU with the same clients while `rate` edits/s go round-robin over the documents, ms per
 *   second, and per delivered edit in µs; the per-edit part is what lies above the idle figure,
 *   per delivered edit.
 *
 * CPU is the server process's user + system time (all threads: the SQLite checkpointer worker
 * and V8's GC helpers count); the main thread's part is printed too, from `/proc` (Linux). `idle ms/s × 1000 ÷ deliveries per second` is what the fixed part adds to each delivery.
 *
 *   npm run bench -- idle
 *   npm run bench -- idle --runs 1 --seconds 3 --servers samplan,y-websocket-server   # smoke run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { regionState, seedRegion } from './support/region-seed.js';
import { idleCpu, type FanoutResult } from './support/region-measure.js';
import { fanout } from './support/fanout.js';
import { startBenchServer, type ServerKind } from './support/servers.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    rate: { type: 'string', default: '100' },
    docs: { type: 'string', default: '100' },
    'per-doc': { type: 'string', default: '5' },
    servers: { type: 'string', default: 'samplan,y-websocket-server,hocuspocus' },
  },
  strict: true,
});
const RUNS = Number(flags.runs);
const SECONDS = Number(flags.seconds);
const RATE = Number(flags.rate);
const DOCS = Number(flags.docs);
const PER_DOC = Number(flags['per-doc']);

const LABELS: Partial<Record<ServerKind, string>> = { samplan: 'Samplan', 'y-websocket-server': 'stock y-websocket', hocuspocus: 'Hocuspocus' };
const KINDS = flags.servers.split(',').map((k): [ServerKind, string] => {
  const label = LABELS[k as ServerKind];
  if (!label) throw new Error(`--servers: unknown server ${k} (known: ${Object.keys(LABELS).join(', ')})`);
  return [k as ServerKind, label];
});

/** One run's figures of one server. */
interface Figures {
  empty: number;
  load: FanoutResult;
}

async function measure(kind: ServerKind, db: string, run: number): Promise<Figures> {
  const server = await startBenchServer(kind, db);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const empty = await idleCpu(server, SECONDS);
    const load = await fanout(server, DOCS, PER_DOC, RATE, SECONDS, `i${run}`, SECONDS);
    return { empty, load };
  } finally {
    await server.stop();
  }
}

const perEdit = (f: Figures): number => ((f.load.cpuMsPerSecond - f.load.idleCpuMsPerSecond) * 1000) / (RATE * (PER_DOC - 1));
const FIGURES: [string, (f: Figures) => number, (x: number) => string][] = [
  ['CPU ms/s, nothing connected', (f) => f.empty, (x) => x.toFixed(1)],
  [`CPU ms/s, ${DOCS * PER_DOC} clients idle`, (f) => f.load.idleCpuMsPerSecond, (x) => x.toFixed(1)],
  ['  of which the main thread', (f) => f.load.idleMainMsPerSecond, (x) => x.toFixed(1)],
  [`CPU ms/s, ${RATE} edits/s`, (f) => f.load.cpuMsPerSecond, (x) => x.toFixed(1)],
  ['  of which the main thread', (f) => f.load.mainMsPerSecond, (x) => x.toFixed(1)],
  ['CPU µs per delivered edit', (f) => f.load.cpuPerDelivery, (x) => x.toFixed(1)],
  ['of which above idle, µs', perEdit, (x) => x.toFixed(1)],
];

const dir = mkdtempSync(join(tmpdir(), 'samplan-idle-'));
try {
  const state = regionState();
  const all: Figures[][] = [];
  console.log(
    `Idle: ${RUNS} runs; ${DOCS} docs × ${PER_DOC} clients; each window ${SECONDS} s; ${RATE} edits/s (${RATE * (PER_DOC - 1)} deliveries/s); ` +
      'server CPU = user + system of its process, every run on fresh servers\n',
  );
  for (let run = 0; run < RUNS; run++) {
    const samplanDb = join(dir, `samplan-${run}.db`);
    const storage = openSqliteStorage(samplanDb, { durability: 'normal' });
    await seedRegion(storage, DOCS, state);
    await storage.close();
    const figures: Figures[] = [];
    for (const [kind] of KINDS) figures.push(await measure(kind, kind === 'samplan' ? samplanDb : join(dir, `${kind}-${run}.db`), run));
    all.push(figures);
    const misses = figures.flatMap((f, i) => (f.load.delivered < f.load.expected ? [`${KINDS[i]?.[1]}: ${f.load.delivered}/${f.load.expected}`] : []));
    console.log(`run ${run + 1} done${misses.length ? ` (delivered ${misses.join('; ')})` : ''}`);
  }
  console.log();
  const headers = ['figure', 'run', ...KINDS.map(([, label]) => label), ...KINDS.slice(1).map(([, label]) => `Samplan ÷ ${label}`)];
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const [name, value, show] of FIGURES) {
    all.forEach((figures, run) => {
      const values = figures.map(value);
      const [s, ...peers] = values as [number, ...number[]];
      const row = [run === 0 ? name : '', run + 1, ...values.map(show), ...peers.map((p) => `${(s / p).toFixed(2)}×`)];
      console.log(`| ${row.join(' | ')} |`);
    });
  }
  console.log();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);

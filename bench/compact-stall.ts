/**
 * Edit latency around a snapshot of a large document: one writer and one reader on the seeded
 * `big` document (`bench-seed.ts`, `--rows` rows of 15 cells), the writer setting one cell per
 * edit at `--rate` edits/s in bursts of `--burst` edits with `--pause-ms` between them, for
 * `--edits` edits: past 1,000 (the server's `compactEvery`) the server writes a snapshot of the
 * whole document. Printed per run, in ms from the writer's send to the reader's receipt: p50,
 * p99 over all edits, the five slowest edits and their numbers, and the slowest of the edits
 * 995–1,040 (those around the snapshot's due point), with the load average.
 *
 * `npm run bench -- compact-stall [--runs 1] [--rows 2000] [--edits 1200] [--burst 300] [--rate 200] [--pause-ms 2500]`:
 * the snapshot falls due in the middle of the fourth burst (the seeded state is the log's first update).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type * as Y from 'yjs';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { seedBench } from './support/bench-seed.js';
import { startBenchServer } from './support/servers.js';
import { connect } from './support/region-measure.js';
import type { SyncClient } from './support/sync-client.js';
import { forEachMarkedKey } from './support/marked-keys.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    rows: { type: 'string', default: '2000' },
    edits: { type: 'string', default: '1200' },
    burst: { type: 'string', default: '300' },
    rate: { type: 'string', default: '200' },
    'pause-ms': { type: 'string', default: '2500' },
  },
  strict: true,
});
const [RUNS, ROWS, EDITS, BURST, RATE, PAUSE_MS] = [values.runs, values.rows, values.edits, values.burst, values.rate, values['pause-ms']].map(Number) as [number, number, number, number, number, number];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-compact-stall-'));
  const db = join(dir, 'stall.db');
  const storage = openSqliteStorage(db);
  await seedBench(storage, ROWS);
  await storage.close();
  const server = await startBenchServer('samplan', db);
  try {
    const [writer, reader] = (await connect(server, ['big', 'big'], null)) as [SyncClient, SyncClient];
    const sentAt: number[] = [];
    const latency: number[] = [];
    const marker = Buffer.from('stall-');
    reader.onRemote = (update) => {
      const now = performance.now();
      forEachMarkedKey(update, marker, (key) => {
        const i = Number(key.slice(marker.length));
        if (latency[i] === undefined && sentAt[i] !== undefined) latency[i] = now - sentAt[i];
      });
    };
    const row = (i: number): string => `row${(i % ROWS).toString(36).padStart(6, '0')}`;
    for (let i = 0; i < EDITS; ) {
      const start = performance.now();
      for (let b = 0; b < BURST && i < EDITS; b++, i++) {
        const due = start + (b * 1000) / RATE;
        while (performance.now() < due) await sleep(1);
        sentAt[i] = performance.now();
        const key = `stall-${i}`;
        writer.write((doc: Y.Doc) => (doc.getMap('rows').get(row(i)) as Y.Map<unknown>).set('comment', key));
      }
      await sleep(PAUSE_MS);
    }
    const until = performance.now() + 10_000;
    while (latency.filter((x) => x !== undefined).length < EDITS && performance.now() < until) await sleep(20);
    const got = latency.map((x, i) => [x, i] as const).filter(([x]) => x !== undefined);
    const sorted = got.map(([x]) => x).sort((a, b) => a - b);
    const slowest = [...got].sort((a, b) => b[0] - a[0]).slice(0, 5);
    const around = got.filter(([, i]) => i >= 995 && i <= 1040).reduce((a, b) => (b[0] > a[0] ? b : a), [0, -1] as const);
    process.stdout.write(
      `run ${n}: ${got.length}/${EDITS} delivered; ms p50 ${pct(sorted, 50).toFixed(2)}, p99 ${pct(sorted, 99).toFixed(2)}, slowest ${slowest.map(([x, i]) => `${x.toFixed(1)} (edit ${i})`).join(', ')}; slowest of edits 995–1040: ${around[0].toFixed(1)} (edit ${around[1]}); load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`,
    );
    writer.close();
    reader.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (let n = 1; n <= RUNS; n++) await run(n);

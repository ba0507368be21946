/**
 * Soak: cells of one document rewritten at 100 per second through the real sync server on an
 * SQLite file, printing the database and WAL size over time. With compaction removing the log
 * rows its checkpoints cover, the database grows until the first rows leave the retention window
 * and then stays flat; the WAL is truncated every 30 s.
 *
 *   npm run bench -- soak                       # half a minute
 *   npm run bench -- soak --minutes 10          # the real one
 *
 * The retention window is scaled to the run (a fifth of it, at least 10 s; checkpoints every half
 * window) so that a short run shows pruning; `--keep-seconds` sets it. Production keeps every
 * change for 30 days and one checkpoint per hour, which is the same rule at another scale.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { syncAuthFor } from '../server/http/sync-auth.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { startSyncServer } from '../server/sync/start-sync-server.js';
import { insertRow, rowsOf, setCell } from '../shared/doc/index.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { BENCH_TOKEN, BENCH_WS, seedBench } from './support/bench-seed.js';
import { SyncClient } from './support/sync-client.js';

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: { minutes: { type: 'string' }, 'keep-seconds': { type: 'string' }, rate: { type: 'string' } },
  strict: false,
});
const minutes = Number(flags.minutes ?? 0.5);
const rate = Number(flags.rate ?? 100);
const keepSeconds = Number(flags['keep-seconds'] ?? Math.max(10, (minutes * 60) / 5));
const WRITERS = 4;
const ROWS = 50;
const sampleEveryMs = Math.max(5000, (minutes * 60_000) / 20);

const dir = mkdtempSync(join(tmpdir(), 'samplan-soak-'));
const file = join(dir, 'samplan.db');
const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

const storage = openSqliteStorage(file, {
  retention: { keepEveryChangeMs: keepSeconds * 1000, checkpointEveryMs: (keepSeconds * 1000) / 2 },
});
await seedBench(storage, 10);
const server = await startSyncServer({
  storage,
  records: storage,
  auth: syncAuthFor(storage, () => new Date()),
  checkUpdate,
  logger: pino({ level: process.env.SOAK_LOG ?? 'silent' }, pino.destination(2)),
});
const url = `${server.url}/v1/sync/${BENCH_WS}/fanout?token=${BENCH_TOKEN}`;
const writers = Array.from({ length: WRITERS }, () => new SyncClient(url));
await Promise.all(writers.map((w) => w.synced));
let ending = false;
for (const w of writers) void w.closed.then(({ code, reason }) => ending || console.log(`a writer was closed: ${code} ${reason}`));
writers[0]?.write((doc) => {
  for (let i = 0; i < ROWS; i++) insertRow(doc, { title: `Rad ${i}`, type: 'promenadgrupp', participantsPlanned: 0 });
});
await new Promise((resolve) => setTimeout(resolve, 500));
const rowIds = rowsOf(writers[0]!.doc).map((r) => r.id);

const counter = new Database(file, { readonly: true });
const countRows = counter.prepare("SELECT count(*) AS n FROM update_log WHERE workspace = 'bench' AND doc = 'fanout'");
const countCheckpoints = counter.prepare("SELECT count(*) AS n FROM checkpoints WHERE workspace = 'bench' AND doc = 'fanout'");

console.log(`${rate} cell writes/s by ${WRITERS} clients for ${minutes} min; every change kept ${keepSeconds} s, then one checkpoint per ${keepSeconds / 2} s; compaction every 1000 updates; WAL truncated every 30 s\n`);
console.log('| elapsed s | updates written | database MB | WAL MB | log rows kept | checkpoints |');
console.log('|---|---|---|---|---|---|');
const samples: { at: number; db: number; wal: number }[] = [];
const sample = (elapsed: number, written: number): void => {
  const db = sizeOf(file);
  const wal = sizeOf(`${file}-wal`);
  samples.push({ at: elapsed, db, wal });
  const rows = (countRows.get() as { n: number }).n;
  const checkpoints = (countCheckpoints.get() as { n: number }).n;
  console.log(`| ${elapsed.toFixed(0)} | ${written} | ${mb(db)} | ${mb(wal)} | ${rows} | ${checkpoints} |`);
};

const started = Date.now();
const until = started + minutes * 60_000;
let written = 0;
let nextSample = started;
while (Date.now() < until) {
  const now = Date.now();
  if (now >= nextSample) {
    sample((now - started) / 1000, written);
    nextSample += sampleEveryMs;
  }
  // Pace by the clock, so a slow tick catches up instead of lowering the rate.
  const due = Math.floor(((now - started) / 1000) * rate);
  for (; written < due; written++) {
    const writer = writers[written % WRITERS]!;
    const row = rowIds[written % rowIds.length]!;
    writer.write((doc) => setCell(doc, row, 'participantsPlanned', written % 1000));
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
sample((Date.now() - started) / 1000, written);

const settled = samples.filter((s) => s.at >= 2 * keepSeconds);
if (settled.length > 1) {
  const dbs = settled.map((s) => s.db);
  const wals = settled.map((s) => s.wal);
  console.log(
    `\nFrom ${2 * keepSeconds} s on (after the first pruning): database ${mb(Math.min(...dbs))}–${mb(Math.max(...dbs))} MB, WAL ${mb(Math.min(...wals))}–${mb(Math.max(...wals))} MB over ${settled.length} samples.`,
  );
}
counter.close();
ending = true;
for (const w of writers) w.close();
await server.stop();
await storage.close();
rmSync(dir, { recursive: true, force: true });

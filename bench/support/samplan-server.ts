/**
 * Samplan's sync route alone on an SQLite file, as a child process of the benches:
 * `node --expose-gc --import tsx samplan-server.ts <db>`. Prints `PORT <n>`; a `mem` line on stdin
 * answers `MEM <rss> <heapUsed>` after a full GC. Validation is the sync tests' checkUpdate
 * stand-in (decode + the shared personnummer detector + row effects) until the real one lands.
 */
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { startSyncServer } from '../../server/sync/start-sync-server.js';
import { fakeAuth, fakeCheckUpdate } from '../../tests/server/sync/fakes.js';
import { BENCH_PRINCIPALS } from './bench-seed.js';

const [db] = process.argv.slice(2);
if (!db) throw new Error('usage: samplan-server.ts <db>');
const storage = openSqliteStorage(db, { durability: process.env.SAMPLAN_DURABILITY === 'full' ? 'full' : 'normal' });
const server = await startSyncServer({
  storage,
  auth: fakeAuth(BENCH_PRINCIPALS),
  checkUpdate: fakeCheckUpdate,
  logger: pino({ level: 'silent' }),
});
process.stdout.write(`PORT ${server.port}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'mem') return;
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`MEM ${m.rss} ${m.heapUsed}\n`);
});

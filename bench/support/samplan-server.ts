/**
 * Samplan's sync route alone on an SQLite file, as a child process of the benches:
 * `node --expose-gc --import tsx samplan-server.ts <db>`. Prints `PORT <n>`, then answers `mem` and
 * `cpu` lines on stdin (`bench-hook.ts`, the same hook the peers install), and `stats` with its
 * checkpoint worker's counts. Validation and auth are the real ones
 * (`checkUpdate` of shared/validate, the token store through `syncAuthFor`). With
 * `SAMPLAN_BENCH_APPENDS=unstored` (the `samplan-unstored` kind) edits are numbered but not written
 * (`unstored-appends.ts`), and `stats` says how many were written and skipped. With
 * `SAMPLAN_SQLITE_JOURNAL=on` (the `samplan-journal` kind) the store journals its edits
 * (`server/storage/sqlite-journal.ts`) instead of one SQLite transaction per commit.
 */
import { pino } from 'pino';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { journalAskedFor } from '../../server/storage/sqlite-journal-store.js';
import { startCheckpointer, type Checkpointer } from '../../server/storage/sqlite-checkpointer.js';
import { startSyncServer } from '../../server/sync/start-sync-server.js';
import { syncAuthFor } from '../../server/http/sync-auth.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { installBenchHook } from './bench-hook.js';
import { unstoredAppends } from './unstored-appends.js';

const [db] = process.argv.slice(2);
if (!db) throw new Error('usage: samplan-server.ts <db>');
// As the server opens it (`openStorage` with `server: true`): the checkpoint worker starts now, not
// at the first write, and edits are journaled (`<db>.journal`) only with SAMPLAN_SQLITE_JOURNAL=on.
let checkpointer: Checkpointer | null = null;
const storage = openSqliteStorage(db, {
  durability: process.env.SAMPLAN_DURABILITY === 'full' ? 'full' : 'normal',
  checkpointerAtOpen: true,
  notices: true,
  journal: journalAskedFor(),
  // Kept, so that `stats` can tell a window's checkpoints and WAL restarts (the worker as the server starts it).
  startCheckpointer: (...args) => (checkpointer = startCheckpointer(...args)),
});
// `samplan-unstored` (servers.ts): edits numbered but not written, to tell what persistence costs.
const unstored = process.env.SAMPLAN_BENCH_APPENDS === 'unstored' ? unstoredAppends(storage) : null;
const server = await startSyncServer({
  storage,
  records: storage,
  auth: syncAuthFor(storage, () => new Date()),
  checkUpdate,
  // SAMPLAN_BENCH_LOG=info shows the server's refusals and warnings on stderr.
  logger: pino({ level: process.env.SAMPLAN_BENCH_LOG ?? 'silent' }, pino.destination(2)),
});
process.stdout.write(`PORT ${server.port}\n`);
/** What `stats` answers: the checkpoint worker's counts so far (`CheckpointerCounts` of `sync-fanout.ts`). */
installBenchHook(() => ({
  checkpoints: checkpointer?.runs() ?? 0,
  walRestarts: checkpointer?.restarts() ?? 0,
  longestGateWaitMs: checkpointer?.longestWaitMs() ?? 0,
  ...(unstored ? { unstored: { written: unstored.written, skipped: unstored.skipped } } : {}),
}));

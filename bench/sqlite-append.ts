/**
 * CPU per append through Samplan's SQLite store against a bare better-sqlite3 INSERT of the same
 * bytes, same pragmas, same file system (a fresh file per variant in one temporary folder). One
 * append is one small update (48 bytes, about one cell edit), the documents taken in turn as the
 * room's commit log writes them (`appendUpdates.now`, one update per call). Variants, each in the
 * same process and run, alternated per round so the machine's load falls on all alike:
 *
 * - `bare`: `INSERT INTO t (at, member_id, data) VALUES (?, ?, ?)` into a plain rowid table, WAL,
 *   `synchronous = NORMAL`, `wal_autocheckpoint = 0` (Samplan's checkpoints run in a worker).
 * - `bare+key`: the same row keyed as Samplan keys it (`key * 2^32 + seq`, `INSERT OR IGNORE`), so
 *   each document's rows lie in their own leaf pages.
 * - `bare+key+dv`: that plus `PRAGMA data_version` read before each INSERT.
 * - `bare+key+guard`: `bare+key` stored only when the document's row before it is there (one
 *   statement: `data` is NULL otherwise, a NOT NULL column, and OR IGNORE skips the row).
 * - `bare+key+guard+excl`: `bare+key+guard` with `locking_mode = EXCLUSIVE` set before the first
 *   WAL access: the WAL index in the heap, no lock taken or released per commit. What the file
 *   locks cost each commit (SQLite takes and drops a read mark, the write lock and the read lock:
 *   ~6 `fcntl` per commit, counted with `perf stat` on a region fan-out's main thread), which a
 *   Samplan server cannot drop while its checkpoint worker opens the same file (`sqlite-checkpointer.ts`).
 *   Measured so (load 20.5, 3 rounds, medians, main thread): 30.1 µs per append with the locks, 18.4 without.
 * - `bare+key+guard+unix-excl`: `bare+key+guard` opened through SQLite's `unix-excl` VFS, with a
 *   second connection open as the checkpoint worker's. The process takes the file's lock once and
 *   keeps the WAL index in its heap, shared by its own connections: a worker thread's connection
 *   still checkpoints and truncates the WAL (tried), so the locks go and the worker stays. But every
 *   other process then meets SQLITE_BUSY, even to read: the `samplan` commands a coordinator runs
 *   beside a live server (`token revoke`, `member add|remove`, `import`; README) would all fail.
 * - `bare+key+guard+iso-at` and `bare+key+guard+int-at`: `at` made as the store makes it
 *   (`isoTimes`, 24 characters of text) against an INTEGER column of ms since 1970 (what a schema
 *   change of `update_rows.at` would bind).
 *   Measured so (load 11–14, 5 rounds of 3,000, main thread, medians, every round in brackets):
 *   `bare+key+guard` 27.1 µs (30.2, 27.1, 27.4, 27.1, 25.3), `unix-excl` 16.7 (16.7, 17.9, 15.4,
 *   16.0, 16.7), `iso-at` 26.9, `int-at` 24.4 (24.0–24.5; 1.452 WAL pages an append against
 *   1.543). At a server's pace (`--gap 5 --appends 400`, process around each append, medians,
 *   load 11–12): `bare+key+guard` 178.7 µs (202.8, 154.3, 139.5, 183.0, 178.7), `excl` 153.4,
 *   `unix-excl` 155.4 (154.2, 155.4, 161.9, 163.4, 147.6), `iso-at` 166.5, `int-at` 165.8. A lone
 *   commit's locks are ~25 µs of its ~150–180 and an integer time nothing measurable there: neither
 *   halves it. Also measured once, by a throwaway bench of the store's own statement
 *   (`insertAfterRecorded`, 5 rounds of 4,000–5,000 at load 3–17): a member id bound as an integer
 *   saved nothing over `int-at`; the record check by the document's integer key instead of (workspace, doc) 0.96×, no check at all
 *   0.95×; `mmap_size` 256 MiB 0.99×, `cache_size` 64 MiB 0.97×, pages of 2 KiB 0.96× and of
 *   1 KiB 1.02×: all within the rounds' spread. The statement is 58 VDBE ops (EXPLAIN).
 * - `bare+append+index`: an append-ordered layout, the row numbered in the order written (always
 *   the table's end) and found by a unique index on (document key, sequence number): what it saves
 *   in page splits of the table it pays in a second B-tree written per commit.
 * - `samplan-nogate`: Samplan's store with a checkpointer that runs no worker (no gate, no WAL
 *   checkpoints: what the store's JS and statements cost by themselves).
 * - `samplan`: Samplan's store as a server opens it (checkpoint worker at open): each append's
 *   INSERT also looks up the document's record (`docs` by primary key) in the same statement.
 * - `samplan-group`: the same, with half of the appends written two documents at a time in one
 *   transaction, as the group commit writes the rooms of a turn (`appendMany`).
 * - `samplan-journal`: `samplan` with its edits journaled (`<db>.journal`, one `write` per append,
 *   flushed to SQLite every 250 ms or at 1 MiB), as a server's store is; its last flush is measured
 *   with the appends. Measured so (100 documents, 3 rounds, load 1.3–2.5, medians, every round in
 *   brackets): with `--gap 5 --appends 400`, main thread 133.1 µs for `samplan` (140.2, 133.1,
 *   123.4) and 151.2 for `samplan-journal` (144.5, 151.2, 168.7), process around each append 77.2
 *   (77.2, 85.2, 73.3) and 84.6 (67.9, 84.6, 85.0): a lone `write` after 5 ms asleep cost ~45 µs
 *   itself on this machine, so here the journal did not beat a lone commit; in a loop (3,000
 *   appends) main thread 25.8 (24.5, 25.8, 28.8) and 12.2 (20.7, 12.2, 11.9).
 *
 * Figures: CPU of the main thread per append (µs, `/proc/self/task/<pid>/schedstat`) and of the
 * whole process (µs, `process.cpuUsage`, worker included), median of the rounds; for the `bare`
 * variants also WAL pages written per append (the WAL's size over page size + 24 bytes a frame; no
 * checkpoint runs in them; Samplan's checkpointer restarts its WAL, so not for it).
 * Measured so (load 16.7, the defaults but 3 rounds, medians): `bare` 1.043 pages and 13.9 µs,
 * `bare+key` 1.537 pages and 15.0 µs, `bare+append+index` 2.146 pages and 18.0 µs. With a 2.8 KB
 * first update per document and 70-byte appends (10,000; load 24) the same order: 1.053, 1.745
 * and 2.155 pages; on one document the key's 1.054. The interleaved key's page splits (its half
 * page over `bare`) cost less than the index's page
 * per commit: schema version 8's key stays. Samplan's store against them (3 rounds of 3,000, load
 * 7–10, medians, main thread): `bare` 16.2 µs, `bare+key+guard` 24.8, `samplan` 17.7,
 * `samplan-group` 16.2; with `--turns` 19.1, 28.2, 23.1 and 21.5: in a loop the store's own code
 * costs nothing measurable beyond its INSERT. In a server the same commit costs far more, since
 * each comes alone after ~10 ms of other work (`sqlite-commit-tail.ts`). `--gap 5` measures the
 * variants so, each append after 5 ms asleep; measured so (400 appends, 3 rounds, load 10.6,
 * process CPU around each append, medians): `bare` 164 µs, `bare+key+guard` 138,
 * `bare+key+guard+excl` 130, `samplan-nogate` 154, `samplan` 194 (its checkpoint worker's CPU
 * meanwhile included), every round within ~±40 %: a lone commit costs ~130–200 µs of CPU whatever
 * the layout, ~8× the loop's, and the store's own code a small part of it. Run:
 * `npm run bench -- sqlite-append [--docs 100] [--appends 5000] [--rounds 5] [--turns | --gap MS] [--only NAME]`.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { isoTimes } from '../server/storage/iso-time.js';
import type { Checkpointer } from '../server/storage/sqlite-checkpointer.js';
import { writeNow, type AppendItem, type DocRef } from '../server/storage/storage.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const DOCS = arg('docs', 100);
const APPENDS = arg('appends', 5000);
const ROUNDS = arg('rounds', 5);
// `--turns`: each append in a turn of the event loop of its own (after `setImmediate`), as a
// server's commits come, so that work done once per turn is counted per append (without it the
// appends run in one synchronous loop, one turn in all).
const TURNS = process.argv.includes('--turns');
// `--gap MS`: each append after MS ms of sleep (`setTimeout`), as a server at 100 edits/s over many
// documents meets them: alone, with the machine's other work between, so caches and branch
// predictors are cold. In a loop the store's code costs nothing measurable beyond its INSERT; at a
// server's pace it does (see the figures in the comment above). Implies a turn per append; the
// process column then counts the appends alone (CPU read around each), the main thread's the whole run.
const GAP_MS = arg('gap', 0);
const UPDATE_BYTES = 48;

/** Main-thread CPU so far, in µs (Linux; process CPU where `/proc` is missing). */
const mainCpuUs = (): number => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e3;
  } catch {
    const u = process.cpuUsage();
    return u.user + u.system;
  }
};
const processCpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Fresh updates, one array each (as the room gets each from its own message). */
const updates = Array.from({ length: APPENDS }, (_, i) => {
  const u = new Uint8Array(UPDATE_BYTES);
  for (let j = 0; j < UPDATE_BYTES; j++) u[j] = (i * 31 + j * 7) & 0xff;
  return u;
});
const refs: DocRef[] = Array.from({ length: DOCS }, (_, i) => ({ workspace: 'bench', doc: `doc-${i}` }));

interface Variant {
  name: string;
  /** Opens the variant on a fresh file and warms it (one append per document); returns one append and a close. */
  /** `settle`, measured with the appends: what the variant still owes them (the journal's last flush). */
  open(path: string): { append(i: number): void; close(): Promise<void>; walPages?(): number; settle?(): Promise<void> };
}

const pragmas = (db: Database.Database): void => {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
};

/**
 * `bare`'s other shapes: `at` made as the store makes it (`isoTimes`, no `toISOString` per append)
 * or as an integer (ms since 1970), the file opened through the `unix-excl` VFS.
 */
interface BareShape {
  at?: 'store' | 'integer';
  unixExcl?: boolean;
}

const bare = (keyed: boolean, dataVersion: boolean, guard = false, indexed = false, exclusive = false, shape: BareShape = {}): Variant['open'] => (path) => {
  // `unix-excl`: the process holds the file's lock and the WAL index is in its heap, shared by its
  // connections (its threads' too); a second connection stands for the checkpoint worker's.
  const named = shape.unixExcl ? `file:${path}?vfs=unix-excl` : path;
  const db = new Database(named);
  // Set before the first WAL access: SQLite then keeps the WAL index in the heap and takes no lock per commit.
  if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
  pragmas(db);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, at ${shape.at === 'integer' ? 'INTEGER' : 'TEXT'} NOT NULL, member_id TEXT, data BLOB NOT NULL)`);
  const second = shape.unixExcl ? new Database(named) : undefined;
  second?.prepare('SELECT count(*) FROM t').get();
  if (indexed) db.exec('ALTER TABLE t ADD COLUMN doc_key INTEGER; ALTER TABLE t ADD COLUMN seq INTEGER; CREATE UNIQUE INDEX t_by_doc ON t (doc_key, seq)');
  const appended = indexed ? db.prepare('INSERT INTO t (doc_key, seq, at, member_id, data) VALUES (?, ?, ?, ?, ?)') : undefined;
  const plain = db.prepare('INSERT INTO t (at, member_id, data) VALUES (?, ?, ?)');
  const byKey = db.prepare('INSERT OR IGNORE INTO t (id, at, member_id, data) VALUES (? * 4294967296 + ?, ?, ?, ?)');
  const dv = db.prepare('PRAGMA data_version').pluck();
  // (key, seq, at, member, key, seq, data): stored only when the row before it is there (else `data` is NULL, which OR IGNORE skips).
  const guarded = db.prepare(
    'INSERT OR IGNORE INTO t (id, at, member_id, data) VALUES (? * 4294967296 + ?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM t WHERE id = ? * 4294967296 + ? - 1) THEN ? END)',
  );
  const seqs = new Array<number>(DOCS).fill(0);
  const iso = isoTimes();
  const append = (i: number): void => {
    const d = i % DOCS;
    const at = shape.at === 'integer' ? Date.now() : shape.at === 'store' ? iso(Date.now()) : new Date().toISOString();
    if (dataVersion) dv.get();
    if (guard && seqs[d]! > 0) {
      const seq = ++seqs[d]!;
      if (guarded.run(d + 1, seq, at, 'member', d + 1, seq, updates[i % APPENDS]!).changes !== 1) throw new Error('guarded INSERT stored nothing');
    } else if (appended) appended.run(d + 1, ++seqs[d]!, at, 'member', updates[i % APPENDS]!);
    else if (keyed || guard) byKey.run(d + 1, ++seqs[d]!, at, 'member', updates[i % APPENDS]!);
    else plain.run(at, 'member', updates[i % APPENDS]!);
  };
  for (let d = 0; d < DOCS; d++) append(d);
  return { append, close: async () => void (second?.close(), db.close()), walPages: () => Math.max(0, statSync(`${path}-wal`).size - 32) / (Number(db.pragma('page_size', { simple: true })) + 24) };
};

/** A checkpointer that runs no worker: writes run as they are (what the store costs without the gate). */
const noCheckpointer = (): Checkpointer => ({
  wrote() {},
  write: (t) => t(),
  writeWith: (t, a, b) => t(a, b),
  runs: () => 0,
  restarts: () => 0,
 
  longestWaitMs: () => 0,
  stop: async () => {},
});

/**
 * Makes each document with its record in its first append (`creates`), as the server does: a
 * store appends only while the document's record is stored.
 */
const makeDocs = (now: (ref: DocRef, items: AppendItem[]) => number): void => {
  const at = new Date().toISOString();
  for (let d = 0; d < DOCS; d++) {
    const ref = refs[d]!;
    const record = { ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'unit', createdAt: at, updatedAt: at };
    now(ref, [{ update: updates[d % APPENDS]!, memberId: 'member', record, creates: true }]);
  }
};

/** Samplan's store; with `journal`, its edits journaled (`<db>.journal`) as a server's are, the last flush measured with the appends. */
const samplan = (gate: boolean, journal = false): Variant['open'] => (path) => {
  // As a server opens it (`openStorage` with `server: true`): with `notices`, a commit touches no notice file.
  const storage = openSqliteStorage(path, { mustWrite: true, checkpointerAtOpen: true, notices: true, journal, ...(gate ? {} : { startCheckpointer: noCheckpointer }) });
  const now = writeNow(storage.appendUpdates);
  if (!now) throw new Error('the SQLite store has no synchronous append');
  const append = (i: number): void => {
    const item: AppendItem = { update: updates[i % APPENDS]!, memberId: 'member' };
    now(refs[i % DOCS]!, [item]);
  };
  makeDocs(now);
  // A read of rows flushes the journal first.
  return { append, close: () => storage.close(), ...(journal ? { settle: async () => void (await storage.listUpdates(refs[0]!, 0, 1)) } : {}) };
};

/**
 * Samplan's store as a server's group commit writes it when several rooms have updates in one
 * turn: the appends taken in pairs (turns), half of the turns chosen at random (a fixed sequence)
 * writing both documents in one `appendMany`, the others one `appendUpdates` each, so a document's
 * appends fall now in a group commit, now alone (as at 100 documents under load).
 */
const samplanGrouped = (path: string): ReturnType<Variant['open']> => {
  const storage = openSqliteStorage(path, { mustWrite: true, checkpointerAtOpen: true, notices: true });
  const now = writeNow(storage.appendUpdates);
  const many = storage.appendMany ? writeNow(storage.appendMany) : undefined;
  if (!now || !many) throw new Error('the SQLite store has no synchronous append or group append');
  const item = (i: number): AppendItem => ({ update: updates[i % APPENDS]!, memberId: 'member' });
  const grouped = (turn: number): boolean => ((Math.imul(turn, 2654435761) >>> 16) & 1) === 1;
  const append = (i: number): void => {
    const turn = i >> 1;
    if (!grouped(turn)) now(refs[i % DOCS]!, [item(i)]);
    else if ((i & 1) === 0) many([{ ref: refs[i % DOCS]!, updates: [item(i)] }, { ref: refs[(i + 1) % DOCS]!, updates: [item(i + 1)] }]);
  };
  makeDocs(now);
  return { append, close: () => storage.close() };
};

// `unix-excl` is named in a URI filename, which better-sqlite3 reads as one only with this set
// when it loads its addon (at the first `new Database`); a plain path means the same either way.
process.env.SQLITE_USE_URI = '1';

const variants: Variant[] = [
  { name: 'bare', open: bare(false, false) },
  { name: 'bare+key', open: bare(true, false) },
  { name: 'bare+key+dv', open: bare(true, true) },
  { name: 'bare+key+guard', open: bare(true, false, true) },
  { name: 'bare+key+guard+excl', open: bare(true, false, true, false, true) },
  { name: 'bare+key+guard+unix-excl', open: bare(true, false, true, false, false, { unixExcl: true }) },
  { name: 'bare+key+guard+iso-at', open: bare(true, false, true, false, false, { at: 'store' }) },
  { name: 'bare+key+guard+int-at', open: bare(true, false, true, false, false, { at: 'integer' }) },
  { name: 'bare+append+index', open: bare(false, false, false, true) },
  { name: 'samplan-nogate', open: samplan(false) },
  { name: 'samplan', open: samplan(true) },
  { name: 'samplan-journal', open: samplan(true, true) },
  { name: 'samplan-group', open: samplanGrouped },
];

// `--only NAME[,NAME…]` runs those variants (one, to count its system calls, say).
const only = process.argv.indexOf('--only');
if (only >= 0) variants.splice(0, variants.length, ...variants.filter((v) => (process.argv[only + 1] ?? '').split(',').includes(v.name)));
if (variants.length === 0) throw new Error('--only: no such variant');
const dir = mkdtempSync(join(tmpdir(), 'samplan-append-'));
const results = new Map<string, { main: number; proc: number; pages: number }[]>(variants.map((v) => [v.name, []]));
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order per round so no variant always runs first.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const path = join(dir, `${v.name}-${round}.db`);
      const opened = v.open(path);
      // Let the checkpoint worker start and write the WAL's header (once per server start).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      (globalThis as { gc?: () => void }).gc?.();
      const pages0 = opened.walPages?.() ?? NaN;
      const main0 = mainCpuUs();
      const proc0 = processCpuUs();
      // With a gap, the process column counts the appends alone (CPU read around each, the sleeps' timers left out).
      let appendsCpu = 0;
      if (GAP_MS > 0) {
        for (let i = 0; i < APPENDS; i++) {
          const before = processCpuUs();
          opened.append(DOCS + i);
          appendsCpu += processCpuUs() - before;
          await new Promise((resolve) => setTimeout(resolve, GAP_MS));
        }
      } else if (TURNS) {
        for (let i = 0; i < APPENDS; i++) {
          opened.append(DOCS + i);
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else for (let i = 0; i < APPENDS; i++) opened.append(DOCS + i);
      if (opened.settle) {
        const before = processCpuUs();
        await opened.settle();
        appendsCpu += processCpuUs() - before;
      }
      const main = (mainCpuUs() - main0) / APPENDS;
      const proc = (GAP_MS > 0 ? appendsCpu : processCpuUs() - proc0) / APPENDS;
      const pages = ((opened.walPages?.() ?? NaN) - pages0) / APPENDS;
      await opened.close();
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      rmSync(`${path}.journal`, { force: true });
      results.get(v.name)!.push({ main, proc, pages });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const load = loadavg().map((l) => l.toFixed(1)).join(' ');
const paced = GAP_MS > 0 ? `, each after ${GAP_MS} ms asleep (main thread: over the run, the sleeps' timers included; process: around each append alone)` : TURNS ? ', each in a turn of its own' : '';
console.log(`${DOCS} documents, ${APPENDS} appends of ${UPDATE_BYTES} bytes per variant and round${paced}, ${ROUNDS} rounds; load average ${load}`);
console.log('| variant | main thread µs/append (median) | process µs/append (median) | WAL pages/append (median) | main, every round | process, every round |');
console.log('|---|---:|---:|---:|---|---|');
const bareMain = median((results.get('bare') ?? results.get(variants[0]!.name)!).map((r) => r.main));
for (const v of variants) {
  const rs = results.get(v.name)!;
  const m = median(rs.map((r) => r.main));
  const p = median(rs.map((r) => r.proc));
  const pages = median(rs.map((r) => r.pages));
  console.log(
    `| ${v.name} | ${m.toFixed(1)} (${(m / bareMain).toFixed(2)}× bare) | ${p.toFixed(1)} | ${Number.isFinite(pages) ? pages.toFixed(3) : '–'} | ${rs.map((r) => r.main.toFixed(1)).join(', ')} | ${rs.map((r) => r.proc.toFixed(1)).join(', ')} |`,
  );
}

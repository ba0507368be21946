import Database from 'better-sqlite3';
import { checkRecordText, docRefCheck } from './record-text.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';
import type { SqliteStorageOptions } from './sqlite-options.js';
import { migrate, MIGRATIONS, requireCurrentSchema, schemaVersionOf, UpgradeUnderServerError } from './sqlite-schema.js';
import { sqliteAppends, type WriteRecordInAppend } from './sqlite-append.js';
import { sqliteDocKeys } from './sqlite-doc-keys.js';
import { sqliteNotices } from './sqlite-notices.js';
import { sqliteRecords } from './sqlite-records.js';
import { sqliteAccessTokens } from './sqlite-access-tokens.js';
import { placeToRead } from './sqlite-sidecars.js';
import { prepareStatements } from './sqlite-statements.js';
import { planCompaction, retentionOf } from './retention.js';
import { bytes, str, strOrNull, toDoc, type Row } from './record-rows.js';
import { docWriteKind, withNow, type AppendItem, type DocRef, type RightsNotice, type RightsWriteKind, type Storage } from './storage.js';
import { appendedRecord, docDeletedSql } from './storage-records.js';
import { sameDocRecord } from './same-record.js';
import { backupAtOnce } from './backup-at-once.js';
import { journaled, readBesideJournal } from './sqlite-journal-store.js';
import { sanitizeAuditDetail } from './audit-detail.js';
import { realDatabasePath } from './db-lock.js';
import { processProbe, withDiskCode } from './disk-probe.js';
import { sqliteStored } from './sqlite-stored.js';
import { sqliteLoad } from './sqlite-load.js';
import { startLargeReads } from './sqlite-large-reads.js';

export type { Durability, SqliteStorageOptions } from './sqlite-options.js';

/**
 * Open (creating and migrating if needed) an SQLite file in WAL mode with Samplan's pragmas; with
 * `readonly`, open an existing file of the current schema version as it is (throws
 * {@link SchemaVersionError} for another version, naming `named`: the operator's file when `path`
 * is the quiet copy `placeToRead` made of it).
 */
export function openSqliteDatabase(path: string, opts: SqliteStorageOptions = {}, named = path): Database.Database {
  if (opts.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      requireCurrentSchema(db, named);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    // `samplan token create` and `backup` may open the file while the server runs.
    db.pragma('busy_timeout = 5000');
    const found = schemaVersionOf(db);
    if (opts.serverHolds && found > 0 && found < MIGRATIONS.length) throw new UpgradeUnderServerError(named, found, MIGRATIONS.length);
    migrate(db, opts.logger, named);
    if (opts.mustWrite) db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The embedded default storage: one SQLite file through better-sqlite3, in WAL mode, with
 * prepared statements. Every method runs synchronously inside its promise, so concurrent calls
 * are serialised by the event loop and `appendUpdates` commits its batch in one transaction.
 *
 * @example
 * ```ts
 * const storage = openSqliteStorage('./data/samplan.db', { logger });
 * const { snapshot, updates } = await storage.loadDoc({ workspace: 'hbi-stockholm', doc: 'plan' });
 * ```
 */
export function openSqliteStorage(path: string, opts: SqliteStorageOptions = {}): Storage {
  // Read-only, the folder is left as it was found (`sqlite-sidecars.ts`): the `-wal` and `-shm` the
  // connection makes are removed again at close, and a `-wal` without a `-shm` is read from a copy.
  // A live server's journal holds edits SQLite has not taken yet: it flushes and pauses while this
  // store reads; one a dead server left is refused (`sqlite-journal-store.ts`).
  const reading = opts.readonly ? readBesideJournal(path) : null;
  let place: ReturnType<typeof placeToRead> | null = null;
  let db: Database.Database;
  try {
    place = opts.readonly ? placeToRead(path, false) : null;
    db = openSqliteDatabase(place?.path ?? path, opts, path);
  } catch (err) {
    place?.done();
    reading?.release();
    throw err;
  }
  // Checkpoints run in a worker so that no commit on the event loop pays for one. The worker (a
  // thread with its own connection, ~15 MB) starts at the first checkpoint's time after the first
  // write (a store closed sooner, such as a command that writes once, starts none), or at open for
  // a server (`checkpointerAtOpen`): a store that only reads (`samplan export`, `token list`) adds
  // nothing to the WAL and needs none; one opened read-only (`readonly`) can write nothing.
  const checkpoints = !opts.readonly && path !== ':memory:' && path !== '';
  if (checkpoints) db.pragma('wal_autocheckpoint = 0');
  let checkpointer: Checkpointer | null = null;
  const start = opts.startCheckpointer ?? startCheckpointer;
  const started = (atOpen = false): Checkpointer | null => {
    if (checkpointer === null && checkpoints && db.open) {
      checkpointer = start(path, {
        // Started by a write, its thread waits for the first tick: a store closed sooner needs none.
        ...(atOpen ? {} : { atFirstTick: true }),
        ...(opts.checkpointEveryMs ? { everyMs: opts.checkpointEveryMs } : {}),
        ...(opts.truncateWalEveryMs ? { truncateEveryMs: opts.truncateWalEveryMs } : {}),
        ...(opts.walLimitBytes ? { walLimitBytes: opts.walLimitBytes } : {}),
        onError: (message) => opts.logger?.warn({ path, message }, 'WAL checkpoint failed'),
      });
    }
    return checkpointer;
  };
  if (opts.checkpointerAtOpen) started(true);
  // Every write runs holding the worker's writer gate and tells the worker once it has run (see
  // sqlite-checkpointer.ts): the worker checkpoints only after writes and sleeps while none come,
  // and a commit that comes while it restarts the WAL waits exactly that long, not in SQLite's busy handler.
  // A write SQLite failed without saying why (SQLITE_FULL, SQLITE_IOERR) carries the system's
  // code a probe beside the file finds (`disk-probe.ts`): a used-up quota is told as one. A
  // database in memory has no file to probe beside. A streak of failures probes at most every
  // `PROBE_EVERY_MS` beside the file, whichever store of the process fails (`processProbe`), the last answer told meanwhile.
  const probe = processProbe;
  const probeAt = (): string => (path === ':memory:' || path === '' ? path : realDatabasePath(path));
  const write = <T>(transaction: () => T): T => {
    const worker = started();
    try {
      return worker === null ? transaction() : worker.write(transaction);
    } catch (err) {
      throw withDiskCode(err, probeAt(), probe);
    }
  };
  /** {@link write} of `transaction(a, b)`: the commit log's appends pass a function made once, no closure per commit. */
  const writeWith = <A, B, T>(transaction: (a: A, b: B) => T, a: A, b: B): T => {
    const worker = started();
    try {
      return worker === null ? transaction(a, b) : worker.writeWith(transaction, a, b);
    } catch (err) {
      throw withDiskCode(err, probeAt(), probe);
    }
  };
  // The rights version (`RecordStore.rightsVersion`): the row of `rights_version` (schema version
  // 10), bumped in the transaction of each write of tokens, members, removals and document records,
  // by this connection or another (the CLI, another server process), and by nothing else: not by
  // the checkpoint worker's commits nor by document writes, as `PRAGMA data_version` was.
  // Reading it (admission reads it once per event-loop turn with arrivals) is a plain WAL read: it
  // takes neither the worker's writer gate nor SQLite's write lock, so it never waits in the busy
  // handler while the worker grows, restarts or truncates the WAL (`sqlite-read-no-wait.test.ts`).
  // The version the bump moved to is read in the transaction: the notice to the server's own
  // watchers says which write it was (`RightsNotice`), so a sign-in starts no rights round.
  // A write that changed nothing (its kind null) moves no version: every open socket would read its rights again for nothing.
  const bumped = db.transaction((change: () => unknown, kindOf: (out: unknown) => RightsWriteKind | null): { out: unknown; told: RightsNotice | null } => {
    const out = change();
    const kind = kindOf(out);
    if (kind === null) return { out, told: null };
    q.bumpRights.run();
    return { out, told: { version: q.rightsVersion.get() as number, kind } };
  });
  const notices = sqliteNotices(path, opts.notices === true, opts.logger);
  const rightsWrite = <T>(change: () => T, kind: RightsWriteKind | ((out: T) => RightsWriteKind | null)): T => {
    const kindOf = (out: unknown) => (typeof kind === 'function' ? kind(out as T) : kind);
    const { out, told } = write(() => bumped.immediate(change, kindOf) as { out: T; told: RightsNotice | null });
    if (told) notices.committed('rights', told);
    return out;
  };
  const clock = opts.clock ?? (() => new Date());
  const now = (): string => clock().toISOString();
  const retention = retentionOf(opts.retention);
  opts.logger?.info({ path, durability: opts.durability ?? 'normal' }, 'storage opened');

  const q = prepareStatements(db);
  const keys = sqliteDocKeys(db, q);
  // Appends check a document's ids where they give it its key (`keys.forWrite`); a snapshot here.
  const checkRef = docRefCheck();
  const lastSeq = keys.lastSeq;

  // Large snapshot rows read on a worker thread (`sqlite-load.ts`); a read-only store (a command's
  // one export) or a database in memory reads them on its own thread as before.
  const large = checkpoints ? startLargeReads(path, (message) => opts.logger?.warn({ path, message }, 'SQLite read worker failed')) : null;
  const load = sqliteLoad(db, { q, keys, large, logger: opts.logger });
  // Without a clock of the caller's, commit times are read as numbers: no `Date` per commit (`iso-time.ts`).
  // A record written with an update (`AppendItem.record`), in the append's transaction, as
  // `putDocRecord` writes one (guarded, the rights version moved), a stored one taking only the title (`appendedRecord`;
  // a change over none stored throws, and the append stores nothing); the watchers are told once the transaction has committed.
  /** Whether the line of the document's deletion is kept (`docDeletedSql`): read only when a change finds no record. */
  const deletionKept = (ref: DocRef): boolean => db.prepare(docDeletedSql('?', '?')).get(ref.workspace, ref.doc) !== undefined;
  const writeRecord: WriteRecordInAppend = (rec, creates) => {
    checkRecordText.document(rec);
    const row = q.getDoc.get(rec.workspace, rec.doc) as Row | undefined;
    const stored = row ? toDoc(row) : null;
    const written = appendedRecord(stored, rec, creates, deletionKept);
    // The record as stored (`sameDocRecord`) is not written again: no version moved, no one told.
    if (stored && sameDocRecord(stored, written)) return () => forget(rec, false);
    const next = { ...written, archivedAt: written.archivedAt ?? null, archivedBy: written.archivedBy ?? null };
    q.putDoc.run(next);
    q.bumpRights.run();
    const version = q.rightsVersion.get() as number;
    const kind = docWriteKind(stored, next);
    return () => {
      notices.committed('rights', { version, kind });
      forget(rec, false);
    };
  };
  const nowMs = opts.clock ? () => clock().getTime() : Date.now;
  const { append, appendAfter, appendMany, forget } = sqliteAppends(db, q, keys, nowMs, writeRecord);
  const compact = db.transaction((workspace: string, doc: string, snapshot: Uint8Array, uptoSeq: number, fresh: Uint8Array | null, replacing: Uint8Array | null) => {
    const last = lastSeq(workspace, doc);
    if (uptoSeq > last) throw new RangeError(`cannot compact up to ${uptoSeq}: last sequence is ${last}`);
    const current = q.snapshot.get(workspace, doc) as Row | undefined;
    // The same state's fresh clients' answer for a snapshot stored without one, or with damaged ones: kept, nothing else written.
    if (fresh && current && Number(current.upto_seq) === uptoSeq) q.putFresh.run(fresh, workspace, doc, uptoSeq, replacing);
    if (uptoSeq <= (current ? Number(current.upto_seq) : 0)) return false;
    q.putSnapshot.run(workspace, doc, uptoSeq, now(), snapshot, fresh);
    const key = keys.read(workspace, doc);
    const at = q.updateAt.get(key, uptoSeq) as unknown;
    const added = { seq: uptoSeq, at: at === undefined ? now() : str(at) };
    const existing = (q.listCheckpoints.all(workspace, doc) as Row[]).map((r) => ({ seq: Number(r.seq), at: str(r.at) }));
    const plan = planCompaction(existing, added, clock(), retention);
    for (const seq of plan.drop) q.dropCheckpoint.run(workspace, doc, seq);
    q.putCheckpoint.run(workspace, doc, added.seq, added.at, snapshot);
    if (plan.pruneUpto > 0) q.pruneUpdates.run(key, key, plan.pruneUpto);
    return true;
  });
  const appendTo = (ref: DocRef, updates: AppendItem[]): number => append(ref.workspace, ref.doc, updates);
  /** `out`, once a server watching the file was told of the appends committed (`sqlite-notices.ts`). */
  const told = <T>(out: T): T => (notices.committed('appends'), out);
  // Synchronous, as every write of this store: the commit log writes through them at once (`writeNow`).
  const appendNow = (ref: DocRef, updates: AppendItem[]): number =>
    // An empty batch only reads the last sequence number.
    updates.length === 0 ? lastSeq(ref.workspace, ref.doc) : told(writeWith(appendTo, ref, updates));
  const appendManyNow = (batches: { ref: DocRef; updates: AppendItem[] }[]): number[] => told(writeWith(appendMany, batches, undefined));

  const store: Storage = {
    loadDoc(ref) {
      return load(ref.workspace, ref.doc);
    },
    // An empty batch, a room's look for other processes' appends (`readToHead`), is answered here: the
    // synchronous append, which every commit runs, then sees batches only, and keeps its optimized code.
    appendUpdates: withNow(async (ref, updates) => (updates.length === 0 ? lastSeq(ref.workspace, ref.doc) : appendNow(ref, updates)), appendNow),
    appendMany: withNow(async (batches) => appendManyNow(batches), appendManyNow),
    async appendAfter(ref, afterSeq, updates, audit) {
      const seq = write(() => appendAfter(ref.workspace, ref.doc, afterSeq, updates, audit));
      return seq === null ? null : told(seq);
    },
    async lastSeqs(workspace, docs) {
      return new Map(docs.map((doc) => [doc, lastSeq(workspace, doc)]));
    },
    async compact(ref, snapshot, uptoSeq, fresh, replacing) {
      checkRef(ref);
      const done = write(() => compact.immediate(ref.workspace, ref.doc, snapshot, uptoSeq, fresh ?? null, replacing ?? null));
      opts.logger?.debug({ ...ref, uptoSeq, bytes: snapshot.byteLength, done }, 'document compacted');
    },
    async putFresh(ref, uptoSeq, fresh, replacing) {
      checkRef(ref);
      // One statement: the snapshot at `uptoSeq` without fresh bytes, or with exactly `replacing`.
      return write(() => q.putFresh.run(fresh, ref.workspace, ref.doc, uptoSeq, replacing ?? null).changes > 0);
    },
    async listUpdates(ref, afterSeq, limit) {
      const key = keys.read(ref.workspace, ref.doc);
      // Below 0 is before every update: a lower bound under the key's range would reach another document's rows.
      const rows = q.history.all(key, Math.max(0, afterSeq), key, Math.max(0, limit)) as Row[];
      return rows.map((r) => ({ seq: Number(r.seq), at: str(r.at), memberId: strOrNull(r.member_id), update: bytes(r.data) }));
    },
    async loadTakeBacks(ref) {
      return (q.takeBacks.all(ref.workspace, ref.doc) as unknown[]).map(bytes);
    },
    ...sqliteStored(db, { q, keys, write, now }),
    async listCheckpoints(ref) {
      return (q.listCheckpoints.all(ref.workspace, ref.doc) as Row[]).map((r) => ({ seq: Number(r.seq), at: str(r.at) }));
    },
    async getCheckpoint(ref, seq) {
      const r = q.getCheckpoint.get(ref.workspace, ref.doc, seq) as Row | undefined;
      return r ? bytes(r.data) : null;
    },
    async dataVersion() {
      return q.dataVersion.get() as number;
    },
    async rightsVersion() {
      // Polling, the commands' lines are read before the version they moved (`sqlite-notices.ts`).
      notices.catchUp?.();
      return q.rightsVersion.get() as number;
    },
    async checkWritable() {
      write(() => q.writeCheck.run(now()));
    },

    ...sqliteRecords(db, q, keys, { write, rightsWrite, forget }),
    ...sqliteAccessTokens(db, {
      write,
      rightsWrite,
      insertAudit: (lines) => {
        for (const r of lines) q.insertAudit.run(r.at, r.workspace, r.doc, r.memberId, r.action, r.bytes, sanitizeAuditDetail(r.detail));
      },
    }),

    async backup(path) {
      // In one step: one consistent state, never restarted by the server's commits (`backup-at-once.ts`).
      await backupAtOnce(db, path);
      opts.logger?.info({ path }, 'storage backed up');
    },
    ...(notices.watch ? { watchChanges: notices.watch } : {}),
    async close() {
      if (!db.open) return;
      notices.close();
      await large?.stop();
      await checkpointer?.stop();
      db.close();
      place?.done();
      reading?.release();
      opts.logger?.info({ path }, 'storage closed');
    },
  };
  return journaled(path, opts, store, { db, q, keys, write, nowMs, appendNow, appendManyNow, ...(opts.logger ? { logger: opts.logger } : {}) });
}

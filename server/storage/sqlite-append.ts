/**
 * The SQLite store's append path (split from `sqlite.ts`): one edit of one document as one
 * autocommit INSERT, anything else (several updates, a record touch, take-backs, a group commit)
 * as one IMMEDIATE transaction, and the per-connection memory both rely on — when each document's
 * record was last touched (`touchedAt`) and the last sequence number stored (`knownSeq`).
 */
import type Database from 'better-sqlite3';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { prepareStatements } from './sqlite-statements.js';
import { TAKE_BACK_BYTES, TAKE_BACK_LIMIT, UPDATED_AT_GRAIN_MS } from './limits.js';
import { sanitizeAuditDetail } from './audit-detail.js';
import type { AppendItem, AuditRecord, DocRecord, DocRef } from './storage.js';
import { isoTimes } from './iso-time.js';
import { docDeletedSql, DocRecordGoneError } from './storage-records.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { NO_DOC_KEY } from './sqlite-statements.js';

type Statements = ReturnType<typeof prepareStatements>;

/** An INSERT of the common commit stored nothing because the key it was given is no longer the document's (`SqliteDocKeys.holds`). */
class KeyNotHeld extends Error {
  constructor() {
    super('the document key is no longer the document’s');
  }
}

/** What this connection remembers of one document between its appends (`sqliteAppends`). */
interface DocMemory {
  /** When this connection last asked that the record's `updatedAt` be moved, ms of `nowMs`. */
  touchedAt: number | undefined;
  /** The last sequence number this connection's autocommit appends stored (see `append`). */
  knownSeq: number | undefined;
  /** The document is one kept without a record (`keptWithoutRecord`, a fact of its id): asked once, not at every append. */
  recordless: boolean;
}

/** What {@link sqliteAppends} gives the store. */
export interface SqliteAppends {
  /**
   * Appends `updates` to one document; returns the last sequence number stored. Throws what SQLite
   * throws, and `DocRecordGoneError` when the document's record is not stored (nothing is stored
   * then; `keptWithoutRecord` names the documents stored without one).
   */
  append(workspace: string, doc: string, updates: AppendItem[]): number;
  /** Appends several documents' updates in one transaction (all or none, as `append` each); returns each batch's last sequence number. */
  appendMany(batches: { ref: DocRef; updates: AppendItem[] }[]): number[];
  /** Appends `updates` only while the document's last sequence number is `afterSeq` (`DocumentStore.appendAfter`); null when it is not (nothing stored). `DocRecordGoneError` as `append`. */
  appendAfter(workspace: string, doc: string, afterSeq: number, updates: AppendItem[], audit?: readonly AuditRecord[]): number | null;
  /** Forgets what this connection remembers of a document: its record touch, and with `deleted` its last number too. */
  forget(ref: DocRef, deleted: boolean): void;
}

/**
 * Writes an update's record (`AppendItem.record`, with its `creates`) inside the append's
 * transaction; returns what to do once that transaction has committed (tell the rights watchers),
 * nothing when rolled back. Throws to roll the append back (`DocRecordGoneError`: a change over a
 * record no longer stored).
 */
export type WriteRecordInAppend = (record: DocRecord, creates: boolean) => () => void;

/**
 * The append path over `db`, its prepared statements `q` and its documents' `keys`; `nowMs` gives
 * commit times (ms since 1970, the store's clock), stored as `toISOString` writes them (`iso-time.ts`).
 * Each update is one row of `update_rows`, numbered in its document's key; `writeRecord` stores an
 * update's record in its transaction (a store without it refuses an update carrying one). Every
 * append stores its rows only while the document's record is stored, or the document is one kept
 * without a record (`keptWithoutRecord`, the rounds): the check is the INSERT's own.
 */
export function sqliteAppends(db: Database.Database, q: Statements, keys: SqliteDocKeys, nowMs: () => number, writeRecord?: WriteRecordInAppend): SqliteAppends {
  const iso = isoTimes();
  /**
   * Stores the first of a batch numbered after the last stored (`insertNext`), with `recordless`
   * whether or not the document's record is stored, else only while it is; returns its number.
   * Stored only while `key` is still the document's (the INSERT's own check).
   * @throws DocRecordGoneError when the record is not stored (nothing was).
   * @throws KeyNotHeld when `key` is no longer the document's (nothing was; `SqliteDocKeys.stale` says what it is now).
   */
  const insertNext = (workspace: string, doc: string, key: number, at: string, item: AppendItem, recordless: boolean): number => {
    const seq = (
      recordless
        ? q.insertNext.get(key, at, item.memberId, item.update, key, key, workspace, doc, workspace, doc, key, workspace, doc)
        : q.insertNextRecorded.get(key, at, item.memberId, item.update, key, key, workspace, doc, workspace, doc, workspace, doc, key, workspace, doc)
    ) as number | undefined;
    if (seq === undefined) {
      // Nothing was stored: which of the statement's conditions refused it, read after.
      if (!recordless && q.getDoc.get(workspace, doc) === undefined) {
        // Deleted, or never made: the line of a deletion says (prepared here, on this rare path only).
        const deleted = db.prepare(docDeletedSql('?', '?')).get(workspace, doc) !== undefined;
        throw new DocRecordGoneError({ workspace, doc }, deleted ? 'deleted' : 'unknown');
      }
      if (!keys.holds(workspace, doc, key)) throw new KeyNotHeld();
      const next = keys.lastSeq(workspace, doc) + 1;
      keys.checkSeq(workspace, doc, next);
      throw new Error(`${workspace}/${doc}: update ${next} was not stored`);
    }
    return seq;
  };
  /** Stores the take-backs `updates` write and prunes the document's (`AppendItem.takeBacks`); inside the append's transaction. */
  const TAKE_BACK_BYTES_EVERY = 64;
  // The prune by bytes reads every take-back of the document (about 20 ms for 16,384 on a busy
  // machine, blocking the process): made when an append stores several, and for every
  // TAKE_BACK_BYTES_EVERY-th take-back row otherwise, so the bytes may pass TAKE_BACK_BYTES by that
  // many take-backs until then (a room still remembers at most TAKE_BACK_BYTES of encoded take-backs: `take-back-index.ts`).
  // The prune by count, an index walk, is made on every append that stores one.
  const storeTakeBacks = (workspace: string, doc: string, updates: readonly AppendItem[]): void => {
    let stored = 0;
    let last = 0;
    for (const u of updates) {
      for (const tb of u.takeBacks ?? []) {
        last = Number(q.insertTakeBack.run(workspace, doc, tb.at, tb.data).lastInsertRowid);
        stored++;
      }
    }
    if (stored > 1 || (stored === 1 && last % TAKE_BACK_BYTES_EVERY === 0)) q.pruneTakeBacks.run(workspace, doc, workspace, doc, TAKE_BACK_BYTES, TAKE_BACK_LIMIT);
    else if (stored === 1) q.pruneTakeBacksByCount.run(workspace, doc, workspace, doc, TAKE_BACK_LIMIT);
  };
  // Rewriting the record on every commit cost a page of the WAL per commit: `updatedAt` moves
  // when it is more than a grain old, so a document edited all day gets one record write a minute.
  // This connection also remembers when it last asked (`touchedAt`, ms of `nowMs`), so the other
  // commits of that minute run no UPDATE at all (measured: ~1 µs and a statement per commit); a
  // record written through this store is asked about again at its next append.
  // What this connection remembers of a document, found by workspace, then document: the names a
  // room passes are the same strings at every commit, whose hashes V8 keeps, where a joined
  // `workspace\0doc` key was a new string to build and hash at every lookup (three per commit).
  const docs = new Map<string, Map<string, DocMemory>>();
  const memoryOf = (workspace: string, doc: string): DocMemory => {
    let inWorkspace = docs.get(workspace);
    if (inWorkspace === undefined) docs.set(workspace, (inWorkspace = new Map()));
    let memory = inWorkspace.get(doc);
    if (memory === undefined) inWorkspace.set(doc, (memory = { touchedAt: undefined, knownSeq: undefined, recordless: keptWithoutRecord({ workspace, doc }) }));
    return memory;
  };
  const touchDue = (memory: DocMemory, time: number): boolean => {
    const last = memory.touchedAt;
    return last === undefined || time - last >= UPDATED_AT_GRAIN_MS || time < last;
  };
  // The records a write transaction touched and the last numbers it stored, remembered in
  // `touchedAt` and `knownSeq` only once it committed: a rolled-back touch remembered would leave
  // `updatedAt` unmoved by the next minute's appends, a rolled-back number would be taken for the
  // file's last.
  let touched: { memory: DocMemory; ms: number }[] = [];
  let numbered: { memory: DocMemory; seq: number }[] = [];
  // What the records written in the transaction do once it committed (`WriteRecordInAppend`).
  let recorded: (() => void)[] = [];
  const rememberingCommitted =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      touched = [];
      numbered = [];
      recorded = [];
      try {
        const result = run(...args);
        for (const t of touched) t.memory.touchedAt = t.ms;
        for (const n of numbered) n.memory.knownSeq = n.seq;
        for (const told of recorded) told();
        return result;
      } finally {
        touched = [];
        numbered = [];
        recorded = [];
        // The keys the transaction gave, remembered only from their next read on: it may have rolled back.
        keys.settled();
      }
    };
  /**
   * Stores `item` as the document's next row: numbered `known + 1` when this connection knows its
   * last number `known` and the row is still the file's next (`insertAfter`, one statement),
   * else as the file's last plus one (`insertNext`). Returns its number. Both store it only while
   * the document's record is stored (the check is the INSERT's own), unless `recordless`.
   * @throws DocRecordGoneError when the record is not stored (nothing was).
   */
  const insertFirst = (workspace: string, doc: string, key: number, at: string, item: AppendItem, known: number | undefined, recordless: boolean): number => {
    if (known !== undefined) {
      const seq = known + 1;
      keys.checkSeq(workspace, doc, seq);
      const stored = recordless
        ? q.insertAfter.run(key, seq, at, item.memberId, key, seq, key, workspace, doc, item.update)
        : q.insertAfterRecorded.run(key, seq, at, item.memberId, key, seq, workspace, doc, key, workspace, doc, item.update);
      if (stored.changes === 1) return seq;
    }
    return insertNext(workspace, doc, key, at, item, recordless);
  };
  // Write transactions begin IMMEDIATE: a deferred one reads first and, if the checkpointer
  // truncates the WAL meanwhile, fails with SQLITE_BUSY without waiting, where IMMEDIATE waits
  // (busy_timeout) for the write lock. A lone INSERT needs neither: its statement asks for the
  // write lock before it reads, and SQLite waits (busy_timeout) for it as for BEGIN IMMEDIATE.
  const record = (rec: DocRecord, creates = false): (() => void) => {
    if (!writeRecord) throw new Error('this store writes no record with an update');
    return writeRecord(rec, creates);
  };
  /**
   * One document's batch inside a write transaction. Its rows are stored only while the
   * document's record is (a deletion committed before it refuses it, `DocRecordGoneError`), unless
   * it is kept without one (`keptWithoutRecord`).
   */
  const appendBody = (workspace: string, doc: string, updates: AppendItem[]): number => {
    const first = updates[0];
    if (first === undefined) return keys.lastSeq(workspace, doc);
    const memory = memoryOf(workspace, doc);
    // Numbered from what this connection knows (a group commit, a minute's record touch, take-backs
    // cost no `insertNext` more than the common commit does), and forgotten until the transaction
    // has committed: it may yet roll back.
    const known = memory.knownSeq;
    memory.knownSeq = undefined;
    const ms = nowMs();
    const at = iso(ms);
    let key = keys.forWrite(workspace, doc);
    // The record the change leaves (`AppendItem.record`) first: a new document's record is then
    // stored for its first row's check. All, or none (a change over a record deleted meanwhile
    // throws, and the transaction stores nothing).
    for (const item of updates) if (item.record) recorded.push(record(item.record, item.creates));
    const { recordless } = memory;
    let seq: number;
    try {
      seq = insertFirst(workspace, doc, key, at, first, known, recordless);
    } catch (err) {
      if (!(err instanceof KeyNotHeld)) throw err;
      // The key this connection remembered is gone (nothing was stored): the document met as a fresh process meets it, or refused.
      key = keys.stale(workspace, doc, key);
      seq = insertFirst(workspace, doc, key, at, first, known, recordless);
    }
    for (let i = 1; i < updates.length; i++) {
      const u = updates[i] as (typeof updates)[number];
      keys.checkSeq(workspace, doc, ++seq);
      q.insertUpdate.run(key, seq, at, u.memberId, u.update);
    }
    storeTakeBacks(workspace, doc, updates);
    // The updates' audit lines (`AppendItem.audit`) in their transaction, at their time.
    for (const item of updates) for (const r of item.audit ?? []) q.insertAudit.run(at, r.workspace, r.doc, r.memberId, r.action, r.bytes, sanitizeAuditDetail(r.detail));
    if (touchDue(memory, ms)) {
      q.touchDoc.run(at, workspace, doc, new Date(ms - UPDATED_AT_GRAIN_MS).toISOString());
      touched.push({ memory, ms });
    }
    numbered.push({ memory, seq });
    return seq;
  };
  const appendInTransaction = rememberingCommitted(db.transaction(appendBody).immediate);
  /**
   * One update whose record needs no touch and that writes no take-back nor audit line (the common commit: one edit of one document) is one
   * autocommit INSERT: no BEGIN and COMMIT statements around it (measured: ~14 → ~11 µs of CPU per
   * commit, the same locks and WAL writes). Anything else is one IMMEDIATE transaction.
   * Numbered as the last this connection stored plus one (`knownSeq`), it is one INSERT that
   * stores the row only when the row numbered one less is still there and no row holds the number
   * (`insertAfter`; `insertNext` is 85 VDBE ops and its RETURNING builds a temporary B-tree per
   * run). A document's rows are one unbroken run of numbers (each stored as the last plus one;
   * compaction and deletion take rows from the start or all of them), so then the number is the
   * file's next: the row before it is its last row, and a snapshot never covers more than the
   * rows there were. Whatever another connection did meanwhile (`samplan import`, `compact`,
   * `deleteDoc`; one server per file, db-lock.ts) that makes the number wrong — rows appended
   * after ours, rows pruned under a snapshot, the document deleted — leaves one of the two rows
   * otherwise, and `insertNext` numbers the update as before. The check is part of the INSERT's
   * own transaction: no `PRAGMA data_version` read before it, which began a read transaction of
   * its own (two more locks of the WAL index per commit, ~8 → ~6 `fcntl`; bench/sqlite-append.ts).
   */
  const append = (workspace: string, doc: string, updates: AppendItem[]): number => {
    const one = updates.length === 1 ? updates[0] : undefined;
    const only = one && !one.takeBacks?.length && !one.audit?.length && !one.record ? one : undefined;
    const ms = nowMs();
    const memory = memoryOf(workspace, doc);
    if (only === undefined || touchDue(memory, ms)) return appendInTransaction(workspace, doc, updates);
    // A document with no key yet is given one in the transaction: given outside one, a refused
    // INSERT (no record) would leave the key's `doc_keys` row behind.
    const key = keys.read(workspace, doc);
    if (key === NO_DOC_KEY) return appendInTransaction(workspace, doc, updates);
    let seq: number;
    try {
      seq = insertFirst(workspace, doc, key, iso(ms), only, memory.knownSeq, memory.recordless);
    } catch (err) {
      // The key this connection remembers is gone (nothing was stored): the transaction meets the document as `forWrite` says.
      if (err instanceof KeyNotHeld) return appendInTransaction(workspace, doc, updates);
      throw err;
    }
    memory.knownSeq = seq;
    return seq;
  };
  const appendMany = rememberingCommitted(
    db.transaction(
      (batches: { ref: { workspace: string; doc: string }; updates: AppendItem[] }[]) =>
        batches.map(({ ref, updates }) => appendBody(ref.workspace, ref.doc, updates)),
    ).immediate,
  );
  // The check and the write in one IMMEDIATE transaction: another connection's append waits for it or went before it.
  const appendAfter = rememberingCommitted(
    db.transaction((workspace: string, doc: string, afterSeq: number, updates: AppendItem[], audit?: readonly AuditRecord[]): number | null => {
      if (keys.lastSeq(workspace, doc) !== afterSeq) return null;
      const seq = appendBody(workspace, doc, updates);
      // The write's audit lines in its transaction: both, or neither.
      for (const r of audit ?? []) q.insertAudit.run(r.at, r.workspace, r.doc, r.memberId, r.action, r.bytes, sanitizeAuditDetail(r.detail));
      return seq;
    }).immediate,
  );
  return {
    append,
    appendAfter,
    appendMany: (batches) => appendMany(batches),
    forget(ref, deleted) {
      const memory = docs.get(ref.workspace)?.get(ref.doc);
      if (memory === undefined) return;
      memory.touchedAt = undefined;
      if (deleted) docs.get(ref.workspace)?.delete(ref.doc);
    },
  };
}

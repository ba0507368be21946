/**
 * The PostgreSQL store's append path (split from `postgres.ts`): one document's append
 * (`appendUpdates`), the compare-and-set append (`appendAfter`) and the group commit (`appendMany`,
 * its statement in `postgres-append.ts`), each with what it writes beside its rows (take-backs,
 * audit lines, a record) in its one transaction, and each run once more after raising a head
 * lowered under this process (`withHeadRaised`, `postgres-head.ts`).
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { PG_QUERIES as Q, prepared } from './postgres-queries.js';
import { appendManyPostgres, docGone, withDeadlockRetry } from './postgres-append.js';
import { auditColumns } from './postgres-records.js';
import { toDoc, type Row } from './record-rows.js';
import { checkRecordText } from './record-text.js';
import { TAKE_BACK_BYTES, TAKE_BACK_LIMIT, UPDATED_AT_GRAIN_MS } from './limits.js';
import type { AppendItem, DocRef, Storage } from './storage.js';
import { appendedRecord } from './storage-records.js';
import { keptWithoutRecord } from './kept-without-record.js';
import { withHeadRaised } from './postgres-head.js';

/** `b`'s bytes as a Buffer over the same memory (what `pg` sends as bytea). */
export const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/**
 * Inside an append's transaction: store the take-backs `updates` write and prune the document's
 * to the newest {@link TAKE_BACK_LIMIT} of at most {@link TAKE_BACK_BYTES} together, whatever their
 * age (`AppendItem.takeBacks`). As in SQLite (`sqlite-append.ts`), the prune by bytes, which reads
 * every take-back of the document in the transaction that holds the document's writes, is made
 * when several are stored and at every 64th take-back otherwise; the prune by count, an index
 * walk, whenever one is (an append of one take-back with 16,384 stored: 57 ms median with the
 * prune by bytes every time, 17 ms so; load 18). Rejects with the driver's error.
 */
async function storeTakeBacks(c: pg.PoolClient, ref: DocRef, updates: readonly AppendItem[]): Promise<void> {
  const takeBacks = updates.flatMap((u) => u.takeBacks ?? []);
  if (takeBacks.length === 0) return;
  const values = [ref.workspace, ref.doc, takeBacks.map((t) => t.at), takeBacks.map((t) => buf(t.data))];
  const ids = (await c.query(prepared('insert_take_backs', Q.insertTakeBacks, values))).rows as { id: string | number }[];
  if (takeBacks.length > 1 || Number(ids[0]?.id ?? 0) % 64 === 0) {
    await c.query(prepared('prune_take_backs', Q.pruneTakeBacks, [ref.workspace, ref.doc, TAKE_BACK_BYTES, TAKE_BACK_LIMIT]));
  } else await c.query(prepared('prune_take_backs_by_count', Q.pruneTakeBacksByCount, [ref.workspace, ref.doc, TAKE_BACK_LIMIT]));
}

/** Inside an append's transaction: store the audit lines of `updates` (`AppendItem.audit`), at `at`, the time written on the updates. */
async function storeAudit(c: pg.PoolClient, at: string, updates: readonly AppendItem[]): Promise<void> {
  const lines = updates.flatMap((u) => (u.audit ?? []).map((r) => ({ ...r, at })));
  if (lines.length > 0) await c.query(Q.insertAudit, auditColumns(lines));
}

/**
 * Inside an append's transaction: write the records of `updates` (`AppendItem.record`) as
 * `putDocRecord` does (the rights version moved in the statement), a stored one taking only the
 * title (`appendedRecord`): the stored row is read locked (`FOR UPDATE`) first, so an owner unit,
 * kind or archive committed meanwhile is the one kept.
 */
async function storeRecords(c: pg.PoolClient, updates: readonly AppendItem[]): Promise<void> {
  for (const { record: rec, creates } of updates) {
    if (!rec) continue;
    checkRecordText.document(rec);
    // A change over a record deleted meanwhile throws (`DocRecordGoneError`), and so does a new document's
    // over one made meanwhile (`DocIdTakenError`): the transaction is rolled back. `FOR UPDATE` locks no
    // absent row, but the append numbered its updates first, holding the document's `doc_heads` row, so a
    // second making of the id reads here only once the first has committed, and reads its record.
    const row = (await c.query(Q.getDocLocked, [rec.workspace, rec.doc])).rows[0] as Row | undefined;
    if (!row && !creates) throw await docGone(c, rec);
    const next = appendedRecord(row ? toDoc(row) : null, rec, creates);
    await c.query(Q.putDoc, [next.workspace, next.doc, next.kind, next.title, next.ownerUnit, next.createdAt, next.updatedAt, next.archivedAt ?? null, next.archivedBy ?? null]);
  }
}

/** Whether `updates` write more than their rows (take-backs, audit lines, a record): then one transaction holds it all. */
const writesBeside = (updates: readonly AppendItem[]): boolean => updates.some((u) => u.takeBacks?.length || u.audit?.length || u.record);

/** What {@link postgresAppends} needs of its store (`openPostgresStorage`). */
export interface PostgresAppendDeps {
  pool: pg.Pool;
  /** The store's clock: the time written on the updates. */
  clock: () => Date;
  /** The clock's time as ISO text. */
  now: () => string;
  /** The writer's origin to notify `samplan_appends` with, or null for no notice (`postgres-notices.ts`). */
  appendNotice: () => string | null;
  logger: Logger | undefined;
  /** Throws for a workspace or id no record may hold, before anything keyed by them is written (`docRefCheck`). */
  checkRef: (ref: DocRef) => void;
  /** The rows of one query on the pool. */
  rows: (sql: string | pg.QueryConfig, params?: unknown[]) => Promise<Row[]>;
  /** `fn` in one transaction on one connection of the pool: committed when it resolves, rolled back when it rejects. */
  inTx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;
  /** The document's last sequence number, its head (0 for none). */
  lastSeq: (q: Pick<pg.PoolClient, 'query'>, ref: DocRef) => Promise<number>;
}

/**
 * The append methods of the PostgreSQL store over `deps`; they reject as the store's methods do
 * (`DocRecordGoneError` for a change over no stored record, the driver's errors otherwise, turned
 * into `StorageUnavailableError` by `withFaults`).
 */
export function postgresAppends(deps: PostgresAppendDeps): Required<Pick<Storage, 'appendUpdates' | 'appendAfter' | 'appendMany'>> {
  const { pool, clock, now, appendNotice, logger, checkRef, rows, inTx, lastSeq } = deps;
  /**
   * The single-document append statement for `updates`, at `at` (the clock's time): for a document
   * kept without a record (`keptWithoutRecord`), or when the batch carries its record
   * (`storeRecords` checks it in the same transaction), `PG_QUERIES.append`, else
   * `appendRecorded`, which stores nothing without one.
   */
  const appendQuery = (ref: DocRef, updates: AppendItem[], at = clock()): pg.QueryConfig => {
    const values = [ref.workspace, ref.doc, updates.length, at.toISOString(), updates.map((u) => u.memberId), updates.map((u) => buf(u.update))];
    const params = [...values, new Date(at.getTime() - UPDATED_AT_GRAIN_MS).toISOString(), appendNotice()];
    return keptWithoutRecord(ref) || updates.some((u) => u.record) ? prepared('append', Q.append, params) : prepared('append_recorded', Q.appendRecorded, params);
  };
  /**
   * The new last sequence number an append statement answered; `DocRecordGoneError` when it
   * answered none (no record: nothing stored), saying whether the deletion's line is kept (read on `on`).
   */
  const lastOf = async (on: Pick<pg.Pool, 'query'>, ref: DocRef, answered: Row[]): Promise<number> => {
    const row = answered[0];
    if (row === undefined) throw await docGone(on, ref);
    return Number(row.last_seq);
  };
  /**
   * Appends `updates` at `at` and stores their take-backs and audit lines on `c`, inside a
   * transaction; the new last sequence number.
   */
  const appendIn = async (c: pg.PoolClient, ref: DocRef, updates: AppendItem[], at: Date): Promise<number> => {
    const last = await lastOf(c, ref, (await c.query(appendQuery(ref, updates, at))).rows as Row[]);
    if (updates.some((u) => u.takeBacks?.length)) await storeTakeBacks(c, ref, updates);
    await storeAudit(c, at.toISOString(), updates);
    await storeRecords(c, updates);
    return last;
  };

  return {
    async appendUpdates(ref, updates) {
      if (updates.length === 0) return lastSeq(pool, ref);
      checkRef(ref);
      if (!writesBeside(updates)) return withHeadRaised(pool, [ref], now, logger, async () => lastOf(pool, ref, await rows(appendQuery(ref, updates))));
      // With take-backs or audit lines: one transaction, the head's row lock first as in every append.
      const at = clock();
      return withHeadRaised(pool, [ref], now, logger, () => withDeadlockRetry(() => inTx((c) => appendIn(c, ref, updates, at))));
    },
    async appendAfter(ref, afterSeq, updates, audit) {
      if (updates.length === 0) return (await lastSeq(pool, ref)) === afterSeq ? afterSeq : null;
      checkRef(ref);
      // The append bumps the head under its row lock, after any concurrent append has committed:
      // a head other than `afterSeq` + n means someone appended since, and the transaction is rolled back.
      // A head lowered under this process numbers into stored rows: raised to them, and asked once more.
      const moved = new Error('the head moved');
      try {
        return await withHeadRaised(pool, [ref], now, logger, () =>
          withDeadlockRetry(() =>
            inTx(async (c) => {
              const last = await appendIn(c, ref, updates, clock());
              if (last !== afterSeq + updates.length) throw moved;
              // The write's audit lines in its transaction: both, or neither.
              if (audit && audit.length > 0) await c.query(Q.insertAudit, auditColumns(audit));
              return last;
            }),
          ),
        );
      } catch (err) {
        if (err === moved) return null;
        throw err;
      }
    },
    async appendMany(batches) {
      for (const { ref, updates } of batches) if (updates.length > 0) checkRef(ref);
      const refs = batches.filter((b) => b.updates.length > 0).map((b) => b.ref);
      if (!batches.some((b) => writesBeside(b.updates))) return withHeadRaised(pool, refs, now, logger, () => appendManyPostgres(pool, batches, now(), appendNotice(), true));
      return withHeadRaised(pool, refs, now, logger, () => withDeadlockRetry(() =>
        inTx(async (c) => {
          const at = now();
          const lasts = await appendManyPostgres(c, batches, at, appendNotice(), false);
          for (const { ref, updates } of batches) await storeTakeBacks(c, ref, updates);
          await storeAudit(c, at, batches.flatMap((b) => b.updates));
          await storeRecords(c, batches.flatMap((b) => b.updates));
          return lasts;
        }),
      ));
    },
  };
}

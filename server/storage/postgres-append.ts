/**
 * Group commit on PostgreSQL: the batches of several documents appended in one statement, so one
 * transaction and one commit for all of them (`DocumentStore.appendMany`). The statement bumps
 * every document's head (`doc_heads`, whose row locks order appends across processes), inserts
 * each batch's rows numbered below its new head, touches the records and moves the data version,
 * as the single-document append (`PG_QUERIES.append`) does for one.
 *
 * Heads are locked in one order everywhere (documents sorted by workspace, then id), so two
 * processes committing overlapping groups wait for each other instead of deadlocking; should
 * PostgreSQL still report a deadlock (40P01, the statement rolled back whole), it is run again.
 */
import type pg from 'pg';
import { APPEND_NOTICE, PG_QUERIES, headBase, headMadeAudit, prepared } from './postgres-queries.js';
import { UPDATED_AT_GRAIN_MS } from './limits.js';
import type { AppendItem, DocRef } from './storage.js';
import { docDeletedSql, DocRecordGoneError } from './storage-records.js';
import { keptWithoutRecord } from './kept-without-record.js';

/** The refusal of a change of `ref`, whose record is not stored: deleted when the line of its deletion is kept (read on `on`), else unknown. */
export async function docGone(on: Pick<pg.Pool, 'query'>, ref: DocRef): Promise<DocRecordGoneError> {
  const { rows } = await on.query(docDeletedSql('$1', '$2'), [ref.workspace, ref.doc]);
  return new DocRecordGoneError({ workspace: ref.workspace, doc: ref.doc }, rows.length > 0 ? 'deleted' : 'unknown');
}

/** One document's batch, as `appendMany` takes it. */
export interface AppendBatch {
  ref: DocRef;
  updates: AppendItem[];
}

/**
 * $1 workspaces, $2 docs, $3 counts (one per document, in lock order); $4 document index, $5 index
 * in the document's run, $6 member ids, $7 updates (one per update); $8 time; $9 the time a grain
 * earlier (`UPDATED_AT_GRAIN_MS`): records touched since are left as they are; $10 the writer's
 * origin to notify `samplan_appends` with, or null for no notice (`postgres-notices.ts`); $11, per
 * document, whether its batch is stored without the stored record's check: it carries its record
 * (checked in the transaction by `storeRecords`), or the document is kept without one (`keptWithoutRecord`).
 *
 * The others' stored records are read with a key-share lock (a deletion committed before leaves
 * none, one after waits for the commit), all of them (`count`) before any head moves. A document
 * without its record moves no head: no row of any batch is stored (all or none), and the statement
 * answers, instead of the heads, the documents whose record it did not find (`last_seq` null),
 * from its own reading: no second read, which a record made again meanwhile would answer otherwise.
 * A head the statement writes counts from what is stored of its document (`headBase`, with its
 * audit line, `headMadeAudit`); one it moves, by its batch's count (read from `b`: `excluded`
 * holds the count and the base together).
 */
const APPEND_MANY = `
  WITH b AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $11::boolean[]) WITH ORDINALITY AS b(workspace, doc, n, exempt, o)
  ), rec AS (
    SELECT docs.workspace, docs.doc FROM docs JOIN b ON docs.workspace = b.workspace AND docs.doc = b.doc WHERE NOT b.exempt FOR KEY SHARE OF docs
  ), gone AS (
    SELECT b.workspace, b.doc, b.o FROM b WHERE NOT b.exempt AND NOT EXISTS (SELECT 1 FROM rec WHERE rec.workspace = b.workspace AND rec.doc = b.doc)
  ), head AS (
    INSERT INTO doc_heads (workspace, doc, last_seq)
    SELECT workspace, doc, n + ${headBase('b.workspace', 'b.doc')} FROM b WHERE NOT EXISTS (SELECT 1 FROM gone) ORDER BY o
    ON CONFLICT (workspace, doc) DO UPDATE SET last_seq = doc_heads.last_seq + (SELECT b.n FROM b WHERE b.workspace = excluded.workspace AND b.doc = excluded.doc)
    RETURNING workspace, doc, last_seq, xmax = 0 AS made
  ), said AS (
    ${headMadeAudit('$8', 'b.n', 'head JOIN b ON b.workspace = head.workspace AND b.doc = head.doc')}
  ), u AS (
    SELECT * FROM unnest($4::integer[], $5::integer[], $6::text[], $7::bytea[]) AS u(o, k, member_id, data)
  ), ins AS (
    INSERT INTO update_log (workspace, doc, seq, at, member_id, data)
    SELECT b.workspace, b.doc, head.last_seq - b.n + u.k, $8, u.member_id, u.data
    FROM u JOIN b ON b.o = u.o JOIN head ON head.workspace = b.workspace AND head.doc = b.doc
  ), touch AS (
    UPDATE docs SET updated_at = $8 FROM b WHERE docs.workspace = b.workspace AND docs.doc = b.doc AND docs.updated_at < $9 AND NOT EXISTS (SELECT 1 FROM gone)
  )
  SELECT head.workspace, head.doc, head.last_seq FROM head CROSS JOIN (SELECT nextval('appends_committed')) AS version
    LEFT JOIN (${APPEND_NOTICE.replace(/\$n/g, () => '$10')}) AS told ON true
  UNION ALL (SELECT workspace, doc, NULL FROM gone ORDER BY o)`;

/** How often a statement PostgreSQL chose as a deadlock victim is run again. */
const DEADLOCK_RETRIES = 3;

const keyOf = (ref: DocRef): string => `${ref.workspace}\u0000${ref.doc}`;
const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/**
 * Append `batches` in one statement (all or none) and resolve with each batch's last sequence
 * number, in the order given, as consecutive `appendUpdates` calls would answer: batches of the
 * same document follow each other in the order given, and an empty batch answers the document's
 * last sequence at that point without storing anything. `at` is the ISO time written on the rows.
 * The batches' take-backs are not stored here (see `postgres.ts`, which runs this in a transaction
 * with them, `retryDeadlocks` false). `notice` as `$10` above. A statement chosen as a deadlock victim runs again unless
 * `retryDeadlocks` is false. The batches are stored only while each document's record is, or its
 * batch carries it (`AppendItem.record`, written by the caller in the same transaction, which
 * refuses it when none is stored), or the document is kept without one (`keptWithoutRecord`).
 *
 * Rejects with the driver's error when the statement fails, and with `DocRecordGoneError` naming a
 * document whose record is not stored (nothing of any batch is stored either way).
 */
export async function appendManyPostgres(
  pool: Pick<pg.Pool, 'query'>,
  batches: readonly AppendBatch[],
  at: string,
  notice: string | null,
  retryDeadlocks = true,
): Promise<number[]> {
  // One run per document: ON CONFLICT may touch a row once per statement.
  const runs = new Map<string, { ref: DocRef; items: AppendBatch['updates'] }>();
  for (const { ref, updates } of batches) {
    const run = runs.get(keyOf(ref)) ?? { ref, items: [] };
    run.items.push(...updates);
    runs.set(keyOf(ref), run);
  }
  const ordered = [...runs.entries()].filter(([, run]) => run.items.length > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const last = new Map<string, number>();
  if (ordered.length > 0) {
    const params = [
      ordered.map(([, r]) => r.ref.workspace),
      ordered.map(([, r]) => r.ref.doc),
      ordered.map(([, r]) => r.items.length),
      ordered.flatMap(([, r], i) => r.items.map(() => i + 1)),
      ordered.flatMap(([, r]) => r.items.map((_, k) => k + 1)),
      ordered.flatMap(([, r]) => r.items.map((item) => item.memberId)),
      ordered.flatMap(([, r]) => r.items.map((item) => buf(item.update))),
      at,
      new Date(Date.parse(at) - UPDATED_AT_GRAIN_MS).toISOString(),
      notice,
      ordered.map(([, r]) => keptWithoutRecord(r.ref) || r.items.some((item) => item.record !== undefined)),
    ];
    const statement = prepared('append_many', APPEND_MANY, params);
    const run = (): Promise<pg.QueryResult> => pool.query(statement);
    // Inside a caller's transaction a deadlock aborts it: the caller runs the transaction again.
    const { rows } = await (retryDeadlocks ? withDeadlockRetry(run) : run());
    for (const row of rows as { workspace: string; doc: string; last_seq: string | number | null }[]) {
      // No head moved: the first document (in lock order) whose record the statement did not find.
      if (row.last_seq === null) throw await docGone(pool, { workspace: row.workspace, doc: row.doc });
      last.set(keyOf(row), Number(row.last_seq));
    }
  }
  for (const [key, run] of runs) {
    if (last.has(key)) continue;
    const { rows } = await pool.query(prepared('head', PG_QUERIES.head, [run.ref.workspace, run.ref.doc]));
    last.set(key, Number((rows[0] as { last_seq?: string } | undefined)?.last_seq ?? 0));
  }
  // Walk back from each document's new head: a batch ends where the later batches of it begin.
  const after = new Map<string, number>();
  const answers: number[] = new Array<number>(batches.length);
  for (let i = batches.length - 1; i >= 0; i--) {
    const { ref, updates } = batches[i] as AppendBatch;
    const key = keyOf(ref);
    const later = after.get(key) ?? 0;
    answers[i] = (last.get(key) as number) - later;
    after.set(key, later + updates.length);
  }
  return answers;
}

/** Run `run` again when PostgreSQL chose it as a deadlock victim (40P01), at most {@link DEADLOCK_RETRIES} times. */
export async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: unknown }).code !== '40P01' || attempt >= DEADLOCK_RETRIES) throw err;
    }
  }
}

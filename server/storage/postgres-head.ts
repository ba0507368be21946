/**
 * A PostgreSQL document read as `loadDoc` answers it, its head (the row of `doc_heads` holding its
 * last sequence number) rebuilt first when it has none and rows are stored under it, or raised when
 * it is below the newest sequence number stored (a restore of the heads older than the updates:
 * every append numbered into a stored row and was refused as a duplicate, for good). A hand, a
 * partial restore or an older Samplan can leave a document's snapshot, checkpoints or updates
 * without that row: the load answered `lastSeq` 0 over them, so a server numbered the next edit 1,
 * into rows already there or under the snapshot (where no load reads it), and `samplan history
 * drop` refused the document as needing a backup although its state is fully stored. SQLite keeps
 * no such row: its last sequence number is read from its update rows and snapshot every time
 * (`sqlite-statements.ts`), so there the same document loads and takes edits as it is. Here the head
 * is written once, from what is stored:
 *
 * - the base is the snapshot's sequence number, or the newest checkpoint's when that one is newer
 *   (the snapshot lost, or older than a kept copy of a later one): that checkpoint, a whole state,
 *   is then stored as the snapshot, so the load reads it. Every compaction writes both at one
 *   number, so a checkpoint newer than the snapshot is rebuilt from even under a head that counts
 *   it (the head is then kept): the load read the older snapshot and the updates after it, short of
 *   every change the pruned updates up to the checkpoint held;
 * - the head is the greatest sequence number stored: the base, or the newest update after it.
 *
 * It is written in one transaction holding a lock of its own on the document (two loads rebuild it
 * once), with an audit line (`head-rebuilt`) saying from what; an append that wrote a head meanwhile
 * keeps its own (the insert does nothing then). Updates missing between the base and the newest one
 * are said in the line: SQLite loads such a tail as it is, and so does this store now.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { PG_QUERIES as Q, prepared } from './postgres-queries.js';
import { auditColumns } from './postgres-records.js';
import { bytes, type Row } from './record-rows.js';
import type { DocRef, StoredDoc } from './storage-records.js';

/** The audit action of a head rebuilt from the rows stored under it. */
export const HEAD_REBUILT = 'head-rebuilt';

/** The advisory locks' first key naming a head's rebuild ('SAMH'): a lock no turn or append takes. */
const HEAD_CLASS = 0x53414d48;

/** Wait for the document's rebuild lock ($1, $2), keyed as a document's turn is (`postgres-doc-turn.ts`). */
const LOCK_REBUILD = `SELECT pg_advisory_xact_lock(${HEAD_CLASS}, hashtext(length($1)::text || ':' || $1 || $2))`;

/** What is stored of a document ($1, $2) that its head is read from, and whether it has one. */
const STORED_SEQS = `SELECT (SELECT last_seq FROM doc_heads WHERE workspace = $1 AND doc = $2) AS headed,
    (SELECT upto_seq FROM snapshots WHERE workspace = $1 AND doc = $2) AS snap,
    (SELECT max(seq) FROM checkpoints WHERE workspace = $1 AND doc = $2) AS checkpoint,
    (SELECT max(seq) FROM update_log WHERE workspace = $1 AND doc = $2) AS top`;

/** Updates of ($1, $2) after $3: with the newest, whether they run without a gap. */
const UPDATES_AFTER = 'SELECT count(*) AS n FROM update_log WHERE workspace = $1 AND doc = $2 AND seq > $3';

/** The checkpoint at $3 of ($1, $2) stored as its snapshot, without fresh bytes (a load stores them), unless the snapshot is as new. */
const SNAPSHOT_FROM_CHECKPOINT = `INSERT INTO snapshots (workspace, doc, upto_seq, at, data, fresh)
  SELECT workspace, doc, seq, at, data, NULL FROM checkpoints WHERE workspace = $1 AND doc = $2 AND seq = $3
  ON CONFLICT (workspace, doc) DO UPDATE SET upto_seq = excluded.upto_seq, at = excluded.at, data = excluded.data, fresh = NULL
  WHERE snapshots.upto_seq < excluded.upto_seq`;

const PUT_HEAD = 'INSERT INTO doc_heads (workspace, doc, last_seq) VALUES ($1, $2, $3) ON CONFLICT (workspace, doc) DO NOTHING RETURNING last_seq';

/** The head of ($1, $2) raised to $3, unless an append moved it there or past meanwhile. */
const RAISE_HEAD = 'UPDATE doc_heads SET last_seq = $3 WHERE workspace = $1 AND doc = $2 AND last_seq < $3 RETURNING last_seq';

/** What {@link rebuildHead} found and wrote. */
export interface RebuiltHead {
  /** The last sequence number written. */
  head: number;
  /** The snapshot's sequence number it counts from; `fromCheckpoint` when the checkpoint there became the snapshot. */
  base: number;
  fromCheckpoint: boolean;
  /** Sequence numbers after `base` up to `head` of which no update is stored. */
  missing: number;
  /** The head that stood below `head` and was raised to it, or as `head` when `kept`; absent when there was none. */
  was?: number;
  /** The head counted every stored row and stays: only the checkpoint at `base`, newer than the snapshot, became the snapshot. */
  kept?: boolean;
}

/**
 * The audit line's detail of `r`: `head 7 rebuilt from the snapshot at 4 and updates 5–7`, or for
 * a head `kept`: `head 9 kept; the checkpoint at 6, newer than the snapshot, stored as the snapshot`.
 */
export function rebuiltDetail(r: RebuiltHead): string {
  if (r.kept) return `head ${r.head} kept; the checkpoint at ${r.base}, newer than the snapshot, stored as the snapshot${r.missing > 0 ? `; ${r.missing} of the updates after it not stored` : ''}`;
  const from = r.base === 0 ? 'no snapshot' : r.fromCheckpoint ? `the checkpoint at ${r.base}, stored as the snapshot` : `the snapshot at ${r.base}`;
  const after = r.head === r.base ? '' : r.head === r.base + 1 ? ` and update ${r.head}` : ` and updates ${r.base + 1}–${r.head}`;
  const gap = r.missing > 0 ? `; ${r.missing} of them not stored` : '';
  const was = r.was === undefined ? '' : ` (it stood at ${r.was})`;
  return `head ${r.head}${was} rebuilt from ${from}${after}${gap}`;
}

/**
 * Write `ref`'s head from its stored rows, in one transaction on `c`, when it has none or one below
 * them, and its newest checkpoint as its snapshot when that is newer than the snapshot (see the
 * module comment), with its audit line at `at` (ISO 8601). Resolves with what was written, or null
 * when its head counts every stored row already and its snapshot is its newest state, or nothing
 * with a sequence number is stored (take-backs alone: it loads as new). Rejects with the driver's
 * error (nothing written then).
 */
export async function rebuildHead(c: pg.PoolClient, ref: DocRef, at: string): Promise<RebuiltHead | null> {
  const p = [ref.workspace, ref.doc];
  await c.query('BEGIN');
  try {
    await c.query(LOCK_REBUILD, p);
    // The head's row, when there is one: a compaction or an append waits, and one before is read below.
    await c.query(Q.lockHead, p);
    const s = (await c.query(STORED_SEQS, p)).rows[0] as Row;
    const found = storedSeqs(s);
    const { fromCheckpoint, base, head, was } = found;
    const raise = was === undefined ? head > 0 : was < head;
    if (!raise && !fromCheckpoint) {
      await c.query('COMMIT');
      return null;
    }
    const after = Number(((await c.query(UPDATES_AFTER, [...p, base])).rows[0] as Row).n);
    if (fromCheckpoint) await c.query(SNAPSHOT_FROM_CHECKPOINT, [...p, base]);
    const written = raise ? head : (was as number);
    const rebuilt: RebuiltHead = { head: written, base, fromCheckpoint, missing: written - base - after, ...(was !== undefined ? { was } : {}), ...(raise ? {} : { kept: true }) };
    // A head an append wrote (or raised) meanwhile is kept: then nothing of this is.
    if (raise && (await c.query(was === undefined ? PUT_HEAD : RAISE_HEAD, [...p, head])).rowCount === 0) {
      await c.query('ROLLBACK');
      return null;
    }
    const line = { at, workspace: ref.workspace, doc: ref.doc, memberId: null, action: HEAD_REBUILT, bytes: 0, detail: rebuiltDetail(rebuilt) };
    await c.query(Q.insertAudit, auditColumns([line]));
    await c.query('COMMIT');
    return rebuilt;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** What {@link rebuildHead} reads a head from: a row of `STORED_SEQS`. */
function storedSeqs(s: Row): { fromCheckpoint: boolean; base: number; head: number; was: number | undefined } {
  const snap = s.snap === null ? 0 : Number(s.snap);
  const checkpoint = s.checkpoint === null ? 0 : Number(s.checkpoint);
  const base = Math.max(snap, checkpoint);
  return { fromCheckpoint: checkpoint > snap, base, head: Math.max(base, s.top === null ? 0 : Number(s.top)), was: s.headed === null ? undefined : Number(s.headed) };
}

/** One read of `PG_QUERIES.load`. */
interface LoadRead {
  stored: StoredDoc;
  /** Rows with a sequence number stand under no head or above it, or a checkpoint newer than the snapshot: the head and snapshot are to be rebuilt. */
  stale: boolean;
  /** The sequence numbers of `stored.updates`, in order. */
  seqs: number[];
  /** The newest checkpoint's sequence number when it is newer than the snapshot, else null. */
  newer: number | null;
  /** The greatest sequence number stored: the head's, the snapshot's, an update's or the newest checkpoint's. */
  top: number;
}

/** One read of `PG_QUERIES.load` (see {@link LoadRead}). */
function readLoad(found: Row[]): LoadRead {
  let snapshot: Uint8Array | null = null;
  let last = 0;
  let top = 0;
  let newer: number | null = null;
  const updates: Uint8Array[] = [];
  const seqs: number[] = [];
  const takeBacks: Uint8Array[] = [];
  let fresh: Uint8Array | null = null;
  for (const r of found) {
    const part = Number(r.part);
    if (part <= 1) top = Math.max(top, Number(r.n));
    if (part === 0) snapshot = bytes(r.data);
    else if (part === 1) {
      updates.push(bytes(r.data));
      seqs.push(Number(r.n));
    } else if (part === 2) last = Number(r.n);
    else if (part === 3) takeBacks.push(bytes(r.data));
    else if (part === 4) fresh = bytes(r.data);
    else newer = Number(r.n);
  }
  const stored = { snapshot, updates, lastSeq: last, ...(takeBacks.length > 0 ? { takeBacks } : {}), ...(fresh ? { fresh } : {}) };
  const stale = newer !== null || (last === 0 && (snapshot !== null || updates.length > 0)) || last < top;
  return { stored, stale, seqs, newer, top: Math.max(top, last, newer ?? 0) };
}

/**
 * `read` as a load that may write nothing answers it (`readonly` of `loadPostgresDoc`): its newest
 * checkpoint, when newer than the snapshot, read in the snapshot's place (with the updates after it),
 * and its last sequence number the greatest stored. Rejects with the driver's error.
 */
async function inMemory(pool: pg.Pool, ref: DocRef, read: LoadRead): Promise<StoredDoc> {
  const { stored, newer, seqs } = read;
  const lastSeq = read.top;
  if (newer === null) return { ...stored, lastSeq };
  const [r] = (await pool.query(Q.getCheckpoint, [ref.workspace, ref.doc, newer])).rows as Row[];
  // Dropped meanwhile: a compaction stored a newer snapshot, which a load reads.
  if (r === undefined) return { ...stored, lastSeq };
  const { fresh: _dropped, ...rest } = stored;
  return { ...rest, snapshot: bytes(r.data), updates: stored.updates.filter((_, i) => (seqs[i] as number) > newer), lastSeq };
}

/**
 * `loadDoc` of `ref`: one statement (`PG_QUERIES.load`, one round trip), and when rows stand under
 * no head or above it, or a checkpoint is newer than the snapshot, {@link rebuildHead} on a
 * connection of `pool` and the statement again, answered with `headRebuilt` when this load wrote.
 * With `readonly` (a store that writes nothing: `samplan export`, `report`, `backup`, which a
 * read-only standby or a role that may only read serves) the same is answered from what was read,
 * nothing written, and said in the log. Rejects with the driver's error.
 */
export async function loadPostgresDoc(pool: pg.Pool, ref: DocRef, now: () => string, logger?: Logger, readonly = false): Promise<StoredDoc> {
  const load = async () => readLoad((await pool.query(prepared('load', Q.load, [ref.workspace, ref.doc]))).rows as Row[]);
  const first = await load();
  if (!first.stale) return first.stored;
  if (readonly) {
    logger?.warn({ ...ref, lastSeq: first.top, checkpoint: first.newer }, 'document read from its stored rows past its head or snapshot; not stored (read-only)');
    return inMemory(pool, ref, first);
  }
  const c = await pool.connect();
  let rebuilt: RebuiltHead | null;
  try {
    rebuilt = await rebuildHead(c, ref, now());
  } finally {
    c.release();
  }
  if (!rebuilt) return (await load()).stored;
  logger?.warn({ ...ref, ...rebuilt }, 'document head rebuilt from its stored rows');
  return { ...(await load()).stored, headRebuilt: rebuiltDetail(rebuilt) };
}

/** Whether `err` is PostgreSQL's refusal of an update row whose (workspace, doc, seq) is stored: an append numbered below what is stored. */
function numberedIntoStored(err: unknown): boolean {
  const e = err as { code?: unknown; table?: unknown } | null;
  return e?.code === '23505' && e.table === 'update_log';
}

/**
 * `append()`, and when PostgreSQL refuses it because it numbered an update into a stored row (a
 * head lowered by a hand or restored older, under a process that appends without loading again),
 * the heads of `refs` raised to what is stored (`rebuildHead`, its audit line and a warning) and
 * `append()` run once more. The common append pays nothing: the head is read again only after
 * such a refusal, which rolled the statement back whole. Rejects with what `append` rejects with otherwise.
 */
export async function withHeadRaised<T>(pool: pg.Pool, refs: readonly DocRef[], at: () => string, logger: Logger | undefined, append: () => Promise<T>): Promise<T> {
  try {
    return await append();
  } catch (err) {
    if (!numberedIntoStored(err)) throw err;
    const c = await pool.connect();
    try {
      for (const ref of refs) {
        const rebuilt = await rebuildHead(c, ref, at());
        if (rebuilt) logger?.warn({ ...ref, head: rebuilt.head, was: rebuilt.was }, 'append numbered into stored updates: head raised to them, append run again');
      }
    } finally {
      c.release();
    }
    return append();
  }
}

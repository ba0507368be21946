/**
 * `loadDoc` of the SQLite store (`sqlite.ts`): a document read from the newest whole state stored
 * (its snapshot, or a checkpoint newer than it) and the updates after it, in one read transaction.
 * A snapshot row of {@link LARGE_ROW_BYTES} or more is read by a worker thread instead
 * (`sqlite-large-reads.ts`): read in the transaction, one statement held the event loop for all of
 * it (241–424 ms for a plan of 10,000 rows × 1,900 characters, 42 MB). The transaction then reads
 * the row's sequence number, time and lengths (`length()` reads no overflow page), and the load
 * keeps the worker's bytes only when they are of that same row, else reads again: the updates it
 * read follow exactly that snapshot. The bytes loaded are the row's, as one statement reads them.
 */
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { bytes, type Row } from './record-rows.js';
import type { SqliteDocKeys } from './sqlite-doc-keys.js';
import type { LargeReads, SnapshotRow } from './sqlite-large-reads.js';
import { NO_DOC_KEY, type prepareStatements } from './sqlite-statements.js';
import type { StoredDoc } from './storage.js';

/** A snapshot row (its snapshot and fresh bytes together) this large or larger is read off the loop: below it the read takes a few ms, less than the worker's round trip costs a small plan's load in a connect storm. */
export const LARGE_ROW_BYTES = 1 << 20;

/** Reads again when the row changed between the transaction and the worker's read (compacted meanwhile), then in the transaction. */
const TRIES = 3;

/** The snapshot row the transaction saw without its bytes: what the worker's read must match. */
interface RowSeen {
  upto: number;
  at: string;
  dataBytes: number;
  freshBytes: number | null;
}

/** What {@link sqliteLoad} runs on. */
export interface SqliteLoadDeps {
  q: ReturnType<typeof prepareStatements>;
  keys: SqliteDocKeys;
  /** The worker's reads, or null (a database in memory, a read-only store): every row read in the transaction. */
  large: LargeReads | null;
  logger?: Logger | undefined;
}

/** `loadDoc(workspace, doc)` of the store on `db` (see the module comment). */
export function sqliteLoad(db: Database.Database, { q, keys, large, logger }: SqliteLoadDeps): (workspace: string, doc: string) => Promise<StoredDoc> {
  const head = db.prepare('SELECT upto_seq, at, length(data) AS data_bytes, length(fresh) AS fresh_bytes FROM snapshots WHERE workspace = ? AND doc = ?');
  // A document read through its lost key (`SqliteDocKeys.lost`) says so, as a head rebuilt is said (`StoredDoc.headRebuilt`), and in the log.
  const relinkedWords = (workspace: string, doc: string): { headRebuilt?: string } => {
    if (keys.read(workspace, doc) === NO_DOC_KEY || q.docKey.get(workspace, doc) !== undefined) return {};
    const own = keys.lost(workspace, doc);
    if (!own) return {};
    logger?.warn({ workspace, doc, key: own.key, checkpoint: own.seq }, 'document read through update rows whose row of doc_keys is gone; the key is stored again at its next write');
    return { headRebuilt: `its row of doc_keys was gone: the update rows under key ${own.key}, whose update ${own.seq} has the time of its checkpoint ${own.seq}, read as its own (the key stored again at its next write)` };
  };
  // A document is read from the newest whole state stored: its snapshot, or a checkpoint newer than
  // it (every compaction writes both at one number, so only a hand or a partial restore leaves one
  // newer: the snapshot lost, or put back older, and the updates up to the checkpoint pruned). The
  // checkpoint is read in its place, as PostgreSQL stores it in its place (`postgres-head.ts`), and
  // the last sequence number counts it (`sqlite-statements.ts`). Nothing is written: a load reads.
  // With `offLoop`, a large snapshot row is left to the worker: `seen` names it, `snapshot` is null.
  const load = db.transaction((workspace: string, doc: string, offLoop: boolean): { stored: StoredDoc; seen: RowSeen | null } => {
    const top = head.get(workspace, doc) as Row | undefined;
    const newer = q.checkpointAfter.get(workspace, doc, top ? Number(top.upto_seq) : 0) as Row | undefined;
    if (newer) logger?.warn({ workspace, doc, checkpoint: Number(newer.seq), snapshot: top ? Number(top.upto_seq) : null }, 'document read from a checkpoint newer than its snapshot');
    const seen: RowSeen | null =
      top && !newer && offLoop && Number(top.data_bytes) + Number(top.fresh_bytes ?? 0) >= LARGE_ROW_BYTES
        ? { upto: Number(top.upto_seq), at: String(top.at), dataBytes: Number(top.data_bytes), freshBytes: top.fresh_bytes === null ? null : Number(top.fresh_bytes) }
        : null;
    const snap = top && !newer && !seen ? (q.snapshot.get(workspace, doc) as Row) : undefined;
    const base = newer ? { upto: Number(newer.seq), data: bytes(newer.data), fresh: null } : snap ? { upto: Number(snap.upto_seq), data: bytes(snap.data), fresh: snap.fresh } : null;
    // A key this connection remembers is asked for again: a hand may have removed its row since (`SqliteDocKeys.recheck`).
    keys.recheck(workspace, doc);
    const key = keys.read(workspace, doc);
    if (key === NO_DOC_KEY) keys.checkKeyless(workspace, doc);
    const upto = seen ? seen.upto : (base?.upto ?? 0);
    const updates = (q.tail.all(key, upto, key) as unknown[]).map(bytes);
    const takeBacks = (q.takeBacks.all(workspace, doc) as unknown[]).map(bytes);
    const fresh = base?.fresh ? { fresh: bytes(base.fresh) } : {};
    const relinked = relinkedWords(workspace, doc);
    const stored = { snapshot: base?.data ?? null, updates, lastSeq: keys.lastSeq(workspace, doc), ...(takeBacks.length > 0 ? { takeBacks } : {}), ...fresh, ...relinked };
    return { stored, seen };
  });
  /** The worker's row when it is the one `seen` names; null when another was stored meanwhile; 'failed' when the worker failed (logged). */
  const fetched = async (workspace: string, doc: string, seen: RowSeen): Promise<SnapshotRow | null | 'failed'> => {
    let row: SnapshotRow | null;
    try {
      row = await (large as LargeReads).snapshotRow(workspace, doc);
    } catch (err) {
      logger?.warn({ workspace, doc, err }, 'the SQLite read worker failed: the snapshot is read on the event loop');
      return 'failed';
    }
    const same = row !== null && row.upto === seen.upto && row.at === seen.at && row.data.byteLength === seen.dataBytes && (row.fresh?.byteLength ?? null) === seen.freshBytes;
    return same ? row : null;
  };
  return async (workspace, doc) => {
    for (let tries = 1; ; tries++) {
      const { stored, seen } = load(workspace, doc, large !== null && tries <= TRIES);
      if (!seen) return stored;
      const row = await fetched(workspace, doc, seen);
      if (row === 'failed') tries = TRIES;
      else if (row) return { ...stored, snapshot: row.data, ...(row.fresh ? { fresh: row.fresh } : {}) };
    }
  };
}

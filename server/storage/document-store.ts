/**
 * {@link DocumentStore}: what the sync layer needs of storage for documents (load, append, compact,
 * history, change notices), with {@link writeNow}, the synchronous form of an append where a store
 * has one. Types only beside those two helpers; part of `storage.ts`, which re-exports it.
 */
import type { DocRef, StoredDoc, AppendItem, AuditRecord, UpdateRecord, CheckpointRecord } from './storage-records.js';
import type { ChangeHandlers, ChangeWatchOptions, ChangeWatch } from './change-watch.js';

/**
 * The same write done at once, which a store whose writes are synchronous (SQLite) hangs on its
 * `appendUpdates` and `appendMany` as `now`: it returns what the promise would resolve with and
 * throws what it would reject with (then nothing is stored). The sync server's commit log writes
 * through it when it is there and relays in the same turn, with no promise between the commit and
 * the sends (`commit-log.ts`). It belongs to the method: a wrapper or test double that replaces
 * `appendUpdates` replaces it too (a plain function has none), so the replacement is what writes.
 */
export function writeNow<A extends unknown[], R>(method: ((...args: A) => Promise<R>) | undefined): ((...args: A) => R) | undefined {
  return (method as { now?: (...args: A) => R } | undefined)?.now;
}

/** `method` with `now`, its synchronous form ({@link writeNow}). */
export function withNow<A extends unknown[], R>(method: (...args: A) => Promise<R>, now: (...args: A) => R): ((...args: A) => Promise<R>) & { now: (...args: A) => R } {
  return Object.assign(method, { now });
}

/** The update rows under one key no document has ({@link DocumentStore.listKeylessUpdates}). */
export interface KeylessUpdates {
  /** The key (SQLite: the `update_rows` id divided by 2^32). */
  key: number;
  /** Its rows, by sequence number (the id's low 32 bits). */
  updates: UpdateRecord[];
}

export interface DocumentStore {
  /**
   * Load a document's snapshot and update tail. Unknown documents load as empty. The state is read
   * from the newest stored: a checkpoint newer than the snapshot (only a hand or a partial restore
   * leaves one so) is read in its place, and `lastSeq` counts everything stored, snapshot,
   * checkpoints and updates. Rows stored under no head or above it (PostgreSQL: its row of
   * `doc_heads`) get one written from them first, with an audit line, and such a checkpoint is
   * stored as the snapshot (`postgres-head.ts`, {@link StoredDoc.headRebuilt}); SQLite reads both
   * from its rows every time; a store opened read-only writes nothing and answers the same. SQLite
   * reads a document whose row of `doc_keys` is gone through the rows shown to be its own (said in
   * `headRebuilt`), and rejects with `KeylessHistoryError` when rows no document has only may be
   * (`keyless-history.ts`; its appends too).
   */
  loadDoc(ref: DocRef): Promise<StoredDoc>;
  /**
   * Append updates durably, in order, in one transaction; resolves with the last sequence number.
   * Sequence numbers count from 1 per document, after everything stored of it (its updates, snapshot
   * and checkpoints), loaded or not: also when its head was lost meanwhile. An empty batch stores nothing and resolves with the
   * current last sequence. A non-empty batch also sets the document record's `updatedAt`, to
   * within a minute: a store may leave one less than a minute old as it is (SQLite and PostgreSQL
   * do, `UPDATED_AT_GRAIN_MS` of `limits.ts`, so that a busy document's commits do not each rewrite its record).
   */
  appendUpdates(ref: DocRef, updates: AppendItem[]): Promise<number>;
  /**
   * Compare-and-set append: append `updates` (non-empty) as {@link DocumentStore.appendUpdates} does,
   * but only while the document's last sequence number is still `afterSeq`, checked and written in
   * one transaction, so of several processes appending after the same number one stores and the
   * others are told. Resolves with the new last sequence number (`afterSeq + updates.length`), or
   * null when another writer appended meanwhile (nothing is stored). For documents one writer
   * changes from a decision on what it read (the rounds, `server/rounds/rounds-store.ts`).
   * `audit` lines are stored in the same transaction when the updates are (both, or neither: none
   * when another writer appended meanwhile).
   */
  appendAfter(ref: DocRef, afterSeq: number, updates: AppendItem[], audit?: readonly AuditRecord[]): Promise<number | null>;
  /**
   * Optional: append the batches of several documents in one transaction (all or none), each as
   * {@link DocumentStore.appendUpdates} would; resolves with each batch's last sequence number, in
   * order. The sync server's group commit uses it to write every room's pending updates of one
   * turn of the event loop at once; stores without it get one `appendUpdates` per document.
   */
  appendMany?(batches: { ref: DocRef; updates: AppendItem[] }[]): Promise<number[]>;
  /**
   * Replace everything up to and including `uptoSeq` with one V2 snapshot. Updates appended after
   * `uptoSeq` stay in the tail. The snapshot is also kept as a checkpoint for history, and history
   * is thinned to the adapter's retention (`retention.ts`): checkpoints of the same period are
   * replaced, log rows older than the window that a kept checkpoint covers are deleted. A
   * compaction that is not newer than the current snapshot is ignored (two compactions may race);
   * one beyond the last sequence rejects with a RangeError. `fresh`, when given, is stored with the
   * snapshot and returned by `loadDoc` as {@link StoredDoc.fresh} while this snapshot is the
   * document's (a snapshot written without it clears the one before); history never reads it.
   * A compaction at the current snapshot's own sequence (the same state) only puts its `fresh`
   * beside a snapshot stored without one (written before it was kept, or restored from such a
   * copy), or in place of `replacing`: stored fresh bytes the caller read and found damaged
   * (`server/sync/room-fresh.ts`), replaced only while they are still the stored ones, byte for
   * byte (fresh bytes another compaction stored meanwhile are kept).
   */
  compact(ref: DocRef, snapshot: Uint8Array, uptoSeq: number, fresh?: Uint8Array, replacing?: Uint8Array): Promise<void>;
  /**
   * Store `fresh` (`StoredDoc.fresh`, `server/sync/fresh-state.ts`) beside the document's snapshot
   * without writing the snapshot again: only while the stored snapshot is still the one at
   * `uptoSeq` and has no fresh bytes, checked and written in one statement, so the bytes are never
   * paired with a later snapshot (another process's compaction) nor put over bytes another writer
   * stored. For the room's close after a snapshot written while it was loaded (V2 only,
   * `server/sync/commit-log-snapshots.ts`): `fresh` must be the state of that snapshot's sequence.
   * `replaceHistory` may store another state at the same sequence, but always with its fresh bytes,
   * so bytes made from the state before it are never put beside it. Resolves true
   * when stored, false when not (no snapshot at `uptoSeq`, or it has fresh bytes already).
   * With `replacing`, bytes equal to it byte for byte are replaced too (the same state framed
   * again: a load storing the title beside bytes an earlier version wrote without it).
   */
  putFresh(ref: DocRef, uptoSeq: number, fresh: Uint8Array, replacing?: Uint8Array): Promise<boolean>;
  /**
   * Kept updates after `afterSeq` with authors, oldest first, at most `limit`, for history. Updates
   * older than the retention window may be gone: the first kept one builds on the checkpoint at
   * its `seq - 1` (or on nothing when it is update 1).
   */
  listUpdates(ref: DocRef, afterSeq: number, limit: number): Promise<UpdateRecord[]>;
  /**
   * Optional: the document's stored take-backs (`AppendItem.takeBacks` data), oldest first, as
   * `loadDoc` answers them; for a process that applied other processes' updates from storage
   * because their messages did not reach it (the fan-out was down).
   */
  loadTakeBacks?(ref: DocRef): Promise<Uint8Array[]>;
  /**
   * Optional: replace a document's history by one snapshot (`samplan history drop`, `history-drop.ts`):
   * in one transaction, while its last sequence number is still `atSeq` (> 0), every stored update,
   * the snapshot (with its fresh bytes) and every checkpoint are deleted, `snapshot` (Yjs update V2
   * of the state at `atSeq`) is stored as the snapshot at `atSeq` with `fresh` (`encodeFresh` of the
   * same state, `server/sync/fresh-state.ts`), and the take-backs whose bytes
   * equal one of `dropTakeBacks` are deleted (the others stay). The last sequence number stays
   * `atSeq`, so the next append is `atSeq + 1`. Resolves true when replaced, false when another
   * writer appended meanwhile (nothing is written); rejects with what the store throws. The fresh
   * bytes are stored with it because `putFresh` pairs bytes with a snapshot that has none by its
   * sequence alone: a room that loaded the state before (the drop may have written values again
   * into the new one) would otherwise put its bytes beside a state they are not.
   */
  replaceHistory?(ref: DocRef, snapshot: Uint8Array, atSeq: number, dropTakeBacks: readonly Uint8Array[], fresh: Uint8Array): Promise<boolean>;
  /**
   * Optional, for a store whose deleted rows stay in its table files until the tables are rewritten
   * (PostgreSQL; SQLite overwrites them as `replaceHistory` deletes them): rewrite the tables
   * `replaceHistory` deletes from ({@link VACUUM_HISTORY}), so what it dropped is no longer in
   * them. Locks those tables while it runs (every document's appends wait). Rejects with what the
   * store throws.
   */
  vacuumHistory?(): Promise<void>;
  /**
   * Every document the store holds history or a record of, by workspace then id (UTF-16 code unit
   * order), in `workspace` only when given: a record, an update, a snapshot, a checkpoint or a
   * take-back under its id. A document deleted or never given a record (the server's own,
   * `~rounds`; one whose record a hand removed, or an older Samplan left) is listed while any of
   * these stays; a key with nothing under it (SQLite's `doc_keys`, PostgreSQL's `doc_heads`) is
   * not. What `samplan history scan` reads (`history-scan.ts`). Reads only.
   */
  listStoredDocs(workspace?: string): Promise<DocRef[]>;
  /**
   * Optional (SQLite): the update rows under a key no document has (an `update_rows` key in no row
   * of `doc_keys`: left by a crash between writes, or by a hand or an older Samplan), which no load
   * of any document reads, by key then sequence number, each key's rows together. A document given
   * that key later (SQLite numbers a new key one past the greatest) would take them as its own.
   * What `samplan history scan` of a whole store reads besides the documents. Reads only.
   */
  listKeylessUpdates?(): Promise<KeylessUpdates[]>;
  /**
   * Optional: delete the update rows that no last sequence number counts, `target` naming them: a
   * key no document has (`{ key }`, SQLite: {@link DocumentStore.listKeylessUpdates}), or a
   * document with updates and no head (`loadDoc` answers `lastSeq` 0 over them). Neither store of
   * Samplan leaves a document so (SQLite numbers from its rows, PostgreSQL rebuilds the head, and
   * has no such method); the document form stays for a store that would, which `samplan history
   * drop` then asks (`history-drop.ts`). Deleted in one transaction,
   * only while still so counted; resolves with how many rows went (0 when none is, or `target` is
   * of the other kind); rejects with what the store throws. `samplan history drop` uses it.
   */
  dropUnnumberedUpdates?(target: DocRef | { key: number }): Promise<number>;
  /** A document's checkpoints, oldest first. */
  listCheckpoints(ref: DocRef): Promise<CheckpointRecord[]>;
  /** The state (Yjs update V2) of the checkpoint at `seq`, or null when there is none. */
  getCheckpoint(ref: DocRef, seq: number): Promise<Uint8Array | null>;
  /**
   * A number that changes whenever another process or connection has appended updates since the
   * last call, cheap enough to ask several times a second (SQLite: `PRAGMA data_version`). It may
   * move a moment before those updates can be read (PostgreSQL moves a sequence in the append's
   * own statement, saving a round trip per append), so a caller that saw it change looks again
   * at its next call.
   */
  dataVersion(): Promise<number>;
  /**
   * The last sequence number of each of `docs` (ids in `workspace`; 0 for one with no updates), as
   * `appendUpdates(ref, [])` answers it, read at once: the loaded documents of a process are
   * compared with storage in one statement instead of one per document.
   */
  lastSeqs(workspace: string, docs: readonly string[]): Promise<Map<string, number>>;
  /** Make one small durable write; rejects as a failed write would (a full disk, an I/O error). */
  checkWritable(): Promise<void>;
  /**
   * Optional: be told of other writers' changes instead of asking storage for them on a timer
   * (PostgreSQL `LISTEN/NOTIFY`, `postgres-notices.ts`; SQLite opened with `notices`, the server's
   * store, through `<db>.notice`, `sqlite-notices.ts`). Synchronous; answers at once, before any
   * notice. Stores without it are polled (`rightsPollMs`, `foreignPollMs`).
   */
  watchChanges?(handlers: ChangeHandlers, opts?: ChangeWatchOptions): ChangeWatch;
}

/** The statement {@link DocumentStore.vacuumHistory} runs on PostgreSQL, printed as is for an operator to run in psql. */
export const VACUUM_HISTORY = 'VACUUM FULL update_log, snapshots, checkpoints, take_backs';

/**
 * The storage seams of the server: {@link DocumentStore} (what the sync layer needs for documents),
 * {@link RecordStore} (workspaces, units, document records, members, tokens) and {@link AuditLog}.
 * {@link Storage} is all three as one backend gives them: bytes and records, no Yjs rooms or sockets.
 * Types only; the bounds every backend keeps alike (take-backs per document, the grain of `updatedAt`)
 * are in `limits.ts`; the records and load/append shapes in `storage-records.ts` (re-exported here).
 */
import type { DocRef, DocTurns, StoredDoc, AppendItem, DocRecord, WorkspaceRecord, UnitRecord, MemberRecord, RemovalRecord, TokenRecord, AuditRecord, UpdateRecord, CheckpointRecord } from './storage-records.js';
import type { PutOptions } from './record-exists.js';

export type * from './storage-records.js';

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

export interface DocumentStore {
  /** Load a document's snapshot and update tail. Unknown documents load as empty. */
  loadDoc(ref: DocRef): Promise<StoredDoc>;
  /**
   * Append updates durably, in order, in one transaction; resolves with the last sequence number.
   * Sequence numbers count from 1 per document. An empty batch stores nothing and resolves with the
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

/**
 * Workspaces, units, document records, members and tokens. Every text stored here passes the
 * personnummer guard (`record-text.ts`): a put with one rejects with code `personnummer`.
 */
export interface RecordStore {
  /**
   * Add or rename a workspace; `audit` lines are stored in the same transaction (both, or neither).
   * With `admin` (the member who creates it, made its admin), that member is stored in the same
   * transaction too, as {@link putMember} stores one (a rights write told as `member-added`): a
   * fault leaves neither a workspace with no admin nor an admin of no workspace. With `create`, a
   * stored workspace of the id is refused (`RecordExistsError`, nothing written), checked in the write's transaction.
   */
  putWorkspace(ws: WorkspaceRecord, audit?: readonly AuditRecord[], admin?: MemberRecord, opts?: PutOptions): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  listWorkspaces(): Promise<WorkspaceRecord[]>;

  /** Add or change a unit; `audit` lines in the same transaction (both, or neither). `create` as {@link putWorkspace}'s. */
  putUnit(unit: UnitRecord, audit?: readonly AuditRecord[], opts?: PutOptions): Promise<void>;
  listUnits(workspace: string): Promise<UnitRecord[]>;

  /** Write a document's catalogue entry, `audit` lines in its transaction (both, or neither); as stored, no rights version moves. */
  putDocRecord(rec: DocRecord, audit?: readonly AuditRecord[]): Promise<void>;
  /**
   * Write a stored document record again as `change` makes it from the record as stored, with the
   * audit lines `change` gives, in one transaction that reads and writes it (so nothing written
   * between, an archive, is undone). `change` returning null writes nothing. Resolves with the
   * record stored after (written or not), or null when none is stored. Written as `putDocRecord`
   * writes (the identity guard, the rights version). Required: a read, then a put, would write a record deleted between back.
   * @throws IdentityInTextError when the changed record holds a personnummer (`record-text.ts`).
   */
  updateDocRecord(ref: DocRef, change: DocRecordChange): Promise<DocRecord | null>;
  getDocRecord(ref: DocRef): Promise<DocRecord | null>;
  /**
   * The records of those of `docs` (ids in `workspace`) that exist, in any order, read at once:
   * one statement however many, so the rights of every open socket are read again cheaply.
   */
  getDocRecords(workspace: string, docs: readonly string[]): Promise<DocRecord[]>;
  listDocs(workspace: string): Promise<DocRecord[]>;
  /**
   * Remove the record, updates, snapshot, history and take-backs of a document; its audit lines
   * stay, and `audit` lines are stored in the same transaction (both, or neither).
   */
  deleteDoc(ref: DocRef, audit?: readonly AuditRecord[]): Promise<void>;

  /**
   * Add or replace a member. Adding one clears any {@link RemovalRecord} of its id in the same
   * write: a removal holds until someone adds the person again. `audit` lines (the record of who
   * did it, {@link AuditLog.appendAudit}) are stored in the same transaction: the member and its
   * lines are stored together or, when the write fails, neither is; written again as stored, nothing is (no version, no line).
   */
  putMember(member: MemberRecord, audit?: readonly AuditRecord[]): Promise<void>;
  /**
   * Change a stored member's name, role and units; resolves false and writes nothing when no
   * member of the id is stored (removed meanwhile: a change read before a removal must not bring
   * the member back, nor lift the removal); true when one is. Moves the rights version like `putMember`, with the
   * `audit` lines in its transaction, only when something changed: none as stored (`same-record.ts`).
   * @throws IdentityInTextError when a text field holds a personnummer (`record-text.ts`).
   */
  updateMember?(member: MemberRecord, audit?: readonly AuditRecord[]): Promise<boolean>;
  getMember(workspace: string, id: string): Promise<MemberRecord | null>;
  /**
   * The members of `workspace` whose ids are in `ids`, as stored, by id; an id of no member of
   * this workspace (removed, or never added) is left out. One read by primary key however many
   * members the workspace holds: the open sockets' rights rounds read the sockets' own members
   * with it (`server/sync/live-rights-read.ts`), one row per member.
   */
  getMembers(workspace: string, ids: readonly string[]): Promise<MemberRecord[]>;
  listMembers(workspace: string): Promise<MemberRecord[]>;
  /**
   * Remove a member; false when there was none. Without `removal` its tokens stay (revoke them
   * first). With `removal` (an admin's removal: who, when), a {@link RemovalRecord} of the id is
   * kept, replacing an earlier one, and every live token and session of the member is revoked at
   * `removal.at`, in the same write, when there was a member to remove. `audit` lines are
   * stored in the same transaction when a member was removed, none when there was none.
   */
  deleteMember(workspace: string, id: string, removal?: { by: string | null; at: string }, audit?: readonly AuditRecord[]): Promise<boolean>;
  /** The removal of member `id` an admin made and nobody has undone by adding them again, or null. */
  getRemoval(workspace: string, id: string): Promise<RemovalRecord | null>;
  /** A workspace's kept removals, by member id. */
  listRemovals(workspace: string): Promise<RemovalRecord[]>;

  /**
   * Write a token record, new or changed (a session's later expiry). A stored revocation is kept:
   * a record read before the token was revoked and written back after (a session refresh racing a
   * sign-out or an admin's revoke, on this process or another) does not bring the token back.
   * `audit` lines are stored in the same transaction: the token and its lines, or neither; as stored, nothing (`sameToken`).
   * @throws IdentityInTextError when a text field holds a personnummer (`record-text.ts`).
   */
  putToken(token: TokenRecord, audit?: readonly AuditRecord[]): Promise<void>;
  getTokenByHash(hash: string): Promise<TokenRecord | null>;
  /**
   * The token `id` of `workspace` as stored (revoked and expired ones too), or null when there is
   * none, or when `id` is a token of another workspace: one row read by its primary key, however
   * many tokens (sign-in sessions) the workspace holds, for a request's rights read again
   * (`current-principal.ts`) and a session's own record (`sessions.ts`, `session.ts`).
   */
  getToken(workspace: string, id: string): Promise<TokenRecord | null>;
  /**
   * The tokens of `workspace` whose ids are in `ids`, as stored (revoked and expired ones too),
   * oldest first; an id of no token of this workspace is left out. One read by primary key however
   * many tokens (sign-in sessions) the workspace holds: the open sockets' rights rounds read the
   * sockets' own tokens with it (`server/sync/live-rights-read.ts`), one row per token.
   */
  getTokens(workspace: string, ids: readonly string[]): Promise<TokenRecord[]>;
  listTokens(workspace: string): Promise<TokenRecord[]>;
  /**
   * The tokens of member `memberId` of `workspace`, revoked and expired ones too, oldest first:
   * read through an index on the member (`tokens_by_member`), so a member's removal or role
   * change (`server/http/put-member.ts`) reads that member's rows only, not every session of the
   * workspace.
   */
  listMemberTokens(workspace: string, memberId: string): Promise<TokenRecord[]>;
  /**
   * Mark a token revoked at `at`; false when there is no such token or it was already revoked.
   * `audit` lines are stored in the same transaction when it was revoked, none when it was not.
   */
  revokeToken(id: string, at: string, audit?: readonly AuditRecord[]): Promise<boolean>;
  /**
   * Optional: a number that moves whenever a token, a member or a document record was written, by
   * any process or connection, once that write can be read (PostgreSQL: a counter bumped in the
   * write's own statement; SQLite: a counter bumped by this connection's writes of those, and at a
   * read that finds `PRAGMA data_version` moved, i.e. another connection committed anything). It
   * may move without such a write, never stays put after one. Admission's cache and the rights poll
   * of open sockets check it before reading the rights themselves (`live-rights.ts`), instead of
   * {@link DocumentStore.dataVersion}, which on PostgreSQL counts appends only and on SQLite misses
   * this connection's own writes. Stores without it (memory) are checked through `dataVersion`,
   * and their open sockets' rights are read again every poll.
   */
  rightsVersion?(): Promise<number>;
}

/** The audit trail: append-only lines per workspace. */
export interface AuditLog {
  /**
   * Append audit lines. `detail` is for server-composed text only (a reason code, a count), never
   * frame content or cell values; adapters still redact identity-number look-alikes and cap it.
   */
  appendAudit(records: AuditRecord[]): Promise<void>;
  /** A workspace's audit lines, newest first, at most `limit`. */
  listAudit(workspace: string, limit: number): Promise<AuditRecord[]>;
}

/** What {@link RecordStore.updateDocRecord} makes of a stored record: the record to write and its audit lines, or null to write nothing. */
export type DocRecordChange = (stored: DocRecord) => { record: DocRecord; audit: readonly AuditRecord[] } | null;

/**
 * A whole store as one backend provides it: documents, records and audit, plus backup and close.
 * Every backend (SQLite, memory, PostgreSQL) implements it and passes the contract suites
 * (`tests/server/storage/contract*.ts`).
 */
export interface Storage extends DocumentStore, RecordStore, AuditLog, DocTurns {
  /** Write a consistent copy of the whole store to `path` (SQLite file). */
  backup(path: string): Promise<void>;
  /** Flush and release resources. */
  close(): Promise<void>;
}

/**
 * What one committed write of rights wrote, as its notice tells it: a token added (a new id: a
 * sign-in session or a new API token), changed (a stored id written again) or revoked; a member
 * added (a new id), changed (a stored id written again: role, units, name) or removed; a document
 * record written or deleted; a stored document record written again with only its title (and
 * `updatedAt`) changed (`doc-retitled`, {@link docWriteKind}: a rename, which gives and takes no right).
 */
export type RightsWriteKind = 'token-added' | 'token-changed' | 'token-revoked' | 'member-added' | 'member-changed' | 'member-removed' | 'doc-changed' | 'doc-retitled' | 'doc-deleted';

/** Every {@link RightsWriteKind}, for parsing a notice. */
export const RIGHTS_WRITE_KINDS: ReadonlySet<string> = new Set<RightsWriteKind>(['token-added', 'token-changed', 'token-revoked', 'member-added', 'member-changed', 'member-removed', 'doc-changed', 'doc-retitled', 'doc-deleted']);

/**
 * The kind of a `putDocRecord` of `next` over `stored` (null: no record stored): `doc-retitled` when
 * a stored record is written again with every field a right may rest on unchanged (kind, owner
 * unit, creation, archive time and archiver; only the title and `updatedAt` may differ),
 * `doc-changed` otherwise (a new record, a move to another unit, an archive or a restore).
 */
export function docWriteKind(stored: DocRecord | null, next: DocRecord): 'doc-retitled' | 'doc-changed' {
  const same =
    stored !== null &&
    stored.kind === next.kind &&
    stored.ownerUnit === next.ownerUnit &&
    stored.createdAt === next.createdAt &&
    (stored.archivedAt ?? null) === (next.archivedAt ?? null) &&
    (stored.archivedBy ?? null) === (next.archivedBy ?? null);
  return same ? 'doc-retitled' : 'doc-changed';
}

/** A notice of one committed write of rights: storage's rights version after it (`RecordStore.rightsVersion`) and what it wrote. */
export interface RightsNotice {
  version: number;
  kind: RightsWriteKind;
}

/**
 * The write a rights notice tells of, from its text "<version> <kind>" (PostgreSQL's
 * `samplan_rights` payload, a line of SQLite's `<db>.notice`); undefined for any other text
 * (empty: a writer that names no kind; unknown kinds of a later Samplan), which tells of anything
 * written.
 */
export function rightsNoticeOf(text: string | undefined): RightsNotice | undefined {
  const m = /^(\d{1,15}) ([a-z-]+)$/.exec(text ?? '');
  if (!m || !RIGHTS_WRITE_KINDS.has(m[2] as string)) return undefined;
  return { version: Number(m[1]), kind: m[2] as RightsWriteKind };
}

/** What {@link Storage.watchChanges} tells. Each may be called any number of times. */
export interface ChangeHandlers {
  /**
   * A write of tokens, members, removals or document records committed (by any process, the
   * `samplan` commands, this process): read them again. Called after the commit, so a read now sees it.
   * `notice` says what was written and the rights version it moved storage to, where the writer
   * tells it (PostgreSQL's notices of this version's writers; on SQLite the server's own writes
   * and the `samplan` commands' lines in `<db>.notice`); absent (a writer of an earlier version,
   * a change the notice file tells with no line, notices that came back), anything may have been
   * written.
   */
  rights(notice?: RightsNotice): void;
  /**
   * Another writer committed appends that it does not publish otherwise (the `samplan` commands;
   * a process without a connected fan-out): look for updates of other processes.
   */
  appends(): void;
  /**
   * `false`: notices stopped (the listening connection dropped, the database restarts); poll until
   * they are back. `true`: notices flow again; read everything once, since a change made while
   * they were down was not told. The first `true` comes once listening after `watchChanges`.
   */
  listening(on: boolean): void;
}

/** Options of {@link Storage.watchChanges}. */
export interface ChangeWatchOptions {
  /**
   * True while this process's appends reach the other processes otherwise (a connected fan-out);
   * its appends are then not told through storage, and the other processes wake once per edit
   * instead of twice. Asked at every append; by default false (every append is told).
   */
  appendsPublished?: () => boolean;
}

/** A running {@link Storage.watchChanges}. */
export interface ChangeWatch {
  /** True while notices flow: a change committed now will be told. */
  listening(): boolean;
  /** Stop telling these handlers; idempotent. */
  stop(): void;
}

/** The statement {@link DocumentStore.vacuumHistory} runs on PostgreSQL, printed as is for an operator to run in psql. */
export const VACUUM_HISTORY = 'VACUUM FULL update_log, snapshots, checkpoints, take_backs';

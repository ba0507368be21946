/**
 * The records storage keeps beside documents' bytes, and the shapes a document is loaded and
 * appended in: what every backend stores alike (`storage.ts` holds the stores that give them).
 */
import type { Role } from '../../shared/protocol/roles.js';
import { DOC_GONE_WORDS, type DocGone } from '../../shared/i18n/doc-gone-words.js';

/** Address of one document. */
export interface DocRef {
  workspace: string;
  doc: string;
}

/** What a room needs to rebuild a document: a V2 snapshot plus the V1/V2 updates after it. */
export interface StoredDoc {
  /** Yjs update V2 of the compacted state, or null for a document never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first (Yjs update V1, as they came on the wire). */
  updates: Uint8Array[];
  /** Sequence number of the last update included (snapshot or tail); 0 when empty. */
  lastSeq: number;
  /**
   * The document's stored take-backs ({@link StoredTakeBack}`.data`), oldest first, read in the same
   * transaction as the snapshot and tail, so each names only items they hold; absent or empty when
   * there are none (a store without them may leave it out).
   */
  takeBacks?: Uint8Array[];
  /**
   * Opaque bytes the sync layer stored with the snapshot by `compact` (`server/sync/fresh-state.ts`:
   * the same state as a V1 update with its state vector, to answer clients that hold nothing without
   * building the document); absent when the snapshot was written without them, by a store without
   * them, or when there is no snapshot. A store keeps and returns them as given, never reads them.
   */
  fresh?: Uint8Array;
  /**
   * Set when this load found rows with sequence numbers under no head and wrote one first
   * (PostgreSQL, `postgres-head.ts`): what it was rebuilt from, as its audit line (`head-rebuilt`)
   * says it (`head 7 rebuilt from the snapshot at 4 and updates 5–7`). Absent otherwise.
   */
  headRebuilt?: string;
}

/**
 * One take-back of a refused change (`server/sync/take-backs.ts`), stored with the update that
 * wrote it. `data` is its encoding by `server/sync/take-back-wire.ts`: Yjs item ids, a map key and
 * a state vector, never a value of the document (so it can hold no personnummer); storage keeps it
 * as opaque bytes.
 */
export interface StoredTakeBack {
  /**
   * When the change was taken back, ms since 1970 (the clock of the process that did it). A record
   * only: nothing decides by it (take-backs are kept by count and bytes, whatever their age). Kept
   * because it dates a take-back when a lost edit is looked into (with the warning an edit lost to
   * a forgotten take-back logs), the dump and `samplan migrate` carry it, and dropping it would
   * take a schema step in SQLite and PostgreSQL and a dump format change for 8 bytes a take-back.
   */
  at: number;
  data: Uint8Array;
}

/** An update to append, by whom, and the take-backs it writes (stored in the same transaction). */
export interface AppendItem {
  update: Uint8Array;
  memberId: string | null;
  /**
   * Take-backs this update writes. They are stored in the append's transaction, and the
   * document's stored take-backs are pruned in it, oldest first, to the newest
   * `TAKE_BACK_LIMIT` of at most `TAKE_BACK_BYTES` together (`takeBacksToPrune`, `limits.ts`),
   * whatever their age.
   */
  takeBacks?: readonly StoredTakeBack[];
  /**
   * The audit lines of the change this update is (an import's, `server/http/import-rows.ts`),
   * stored in the append's transaction: both, or neither. Each is stamped with the update's own
   * stored time ({@link UpdateRecord.at}), so history pairs the line with its change
   * (`importedSeqs`, `server/http/history-groups.ts`).
   */
  audit?: readonly UpdateAudit[];
  /**
   * The document's catalogue record as the change this update is leaves it (a rename's new title,
   * `server/http/document-life.ts`), written in the append's transaction with the update and its
   * audit lines: all, or none. A stored record takes only its title and `updatedAt`
   * ({@link appendedRecord}): every other field (owner unit, kind, archive) is the stored one, read
   * in the transaction, so a change stored between the caller's read and this write is not undone.
   * With none stored it is written whole only when {@link AppendItem.creates} says it is a new
   * document's; a change over a record no longer stored (the document deleted after the caller
   * read it) stores nothing of the append and rejects with {@link DocRecordGoneError}. Guarded and
   * the rights version moved as `putDocRecord` writes (`docWriteKind`).
   */
  record?: DocRecord;
  /**
   * True when {@link AppendItem.record} is a new document's, made with its first update (a
   * creation, `server/http/documents.ts`; a copy, `document-life.ts`): written whole when no
   * record is stored; with one stored (the id taken after the caller found it free: a double
   * click, another process) the append stores nothing and rejects with {@link DocIdTakenError}.
   * Absent or false: the record is a change over the stored one (a rename).
   */
  creates?: boolean;
}

/**
 * An append carried a change over a document's record ({@link AppendItem.record} without
 * `creates`), or wrote a document, and no record of the document is stored: it was deleted after
 * the caller read it, or never made. Nothing of the append was stored (its updates, audit lines,
 * take-backs nor the record), so a deleted document does not come back; `ref` names it, and `gone`
 * says which it is where the store can tell cheaply ({@link docDeletedSql}): `deleted` when the
 * line of its deletion is kept, else `unknown`, whose words are true for both (`shared/i18n/doc-gone-words.ts`).
 */
export class DocRecordGoneError extends Error {
  constructor(
    readonly ref: DocRef,
    readonly gone: DocGone = 'unknown',
  ) {
    super(`${ref.workspace}/${ref.doc}: ${DOC_GONE_WORDS[gone].en(ref.doc)}; nothing of the change was stored`);
    this.name = 'DocRecordGoneError';
  }
}

/** How many of a workspace's newest audit lines are looked through for a document's `delete` line: the look stays cheap (the workspace's index, newest first). */
export const DOC_DELETED_LOOK_BACK = 1000;

/**
 * A statement answering one row when the `delete` audit line of a document is among the newest
 * {@link DOC_DELETED_LOOK_BACK} lines of its workspace, none otherwise; `workspace` and `doc` are
 * the dialect's placeholders (SQLite `?`, PostgreSQL `$1`, `$2`).
 */
export const docDeletedSql = (workspace: string, doc: string): string =>
  `SELECT 1 FROM (SELECT doc, action FROM audit WHERE workspace = ${workspace} ORDER BY id DESC LIMIT ${DOC_DELETED_LOOK_BACK}) a WHERE a.doc = ${doc} AND a.action = 'delete' LIMIT 1`;

/** {@link docDeletedSql} over audit lines given newest first (the memory store's, `listAudit`'s): whether the deletion of `ref` is among them. */
export function deletionAmong(newestFirst: Iterable<AuditRecord>, ref: DocRef): boolean {
  let seen = 0;
  for (const line of newestFirst) {
    if (line.workspace !== ref.workspace) continue;
    if (line.doc === ref.doc && line.action === 'delete') return true;
    if (++seen >= DOC_DELETED_LOOK_BACK) return false;
  }
  return false;
}

/**
 * An append made a new document ({@link AppendItem.creates}) under an id whose record is stored:
 * another making took the id after the caller found it free (two copies or creations at once, in
 * one process or two). Nothing of the append was stored, so the document made first keeps only
 * its own state (two makings merged would hold every copied row twice); `ref` names the id.
 */
export class DocIdTakenError extends Error {
  constructor(readonly ref: DocRef) {
    super(`${ref.workspace}/${ref.doc}: a document of this id was made meanwhile; nothing of the new one was stored`);
    this.name = 'DocIdTakenError';
  }
}

/**
 * The record an {@link AppendItem.record} `given` leaves over `stored` (read in the append's
 * transaction; null: none stored): the stored record with `given`'s title and `updatedAt`, or
 * `given` itself when none is stored and `creates` (a new document's record). A rename writes its
 * title and nothing else: an owner unit, kind or archive another writer stored after the rename
 * read the record stays.
 * @throws DocRecordGoneError when none is stored and `given` is a change (not `creates`): the
 *   caller's transaction then stores nothing; `deleted`, when given, tells whether its deletion's line is kept.
 * @throws DocIdTakenError when one is stored and `given` is a new document's (`creates`): likewise.
 */
export function appendedRecord(stored: DocRecord | null, given: DocRecord, creates = false, deleted?: (ref: DocRef) => boolean): DocRecord {
  if (stored && creates) throw new DocIdTakenError({ workspace: given.workspace, doc: given.doc });
  if (stored) return { ...stored, title: given.title, updatedAt: given.updatedAt };
  const ref = { workspace: given.workspace, doc: given.doc };
  if (!creates) throw new DocRecordGoneError(ref, deleted?.(ref) ? 'deleted' : 'unknown');
  return { ...given };
}

/**
 * A document's turn across the processes of one store. Optional: where one process alone writes
 * the store's documents (SQLite: `db-lock.ts` lets one server open a file; memory) the route's
 * in-process turn (`KeyedQueue`) orders them already.
 */
export interface DocTurns {
  /**
   * Run `fn` while no other process of the store runs one for `ref` (PostgreSQL: an advisory lock,
   * `postgres-doc-turn.ts`); resolves or rejects as `fn` does. Rejects with `DocTurnBusyError`
   * when another process keeps the turn too long, before `fn` runs.
   */
  inDocTurn?<T>(ref: DocRef, fn: () => Promise<T>): Promise<T>;
  /**
   * Run `fn` while no other process of the store runs one for the same `scope.key` of
   * `scope.workspace` (PostgreSQL: an advisory lock, `postgres-doc-turn.ts`); inside a document's
   * turn it is held with that turn. Resolves or rejects as `fn` does; rejects with
   * `ScopeTurnBusyError` (naming `scope.words`) when another process keeps it too long, and with
   * `DocTurnsFullError` when the process holds as many turns as its pool allows, before `fn` runs.
   */
  inScopeTurn?<T>(scope: { workspace: string; key: string; words: string }, fn: () => Promise<T>): Promise<T>;
}

/** An audit line stored with an update ({@link AppendItem.audit}): its time is the update's. */
export type UpdateAudit = Omit<AuditRecord, 'at'>;

/** A document's catalogue entry. */
export interface DocRecord {
  workspace: string;
  doc: string;
  kind: string;
  title: string;
  /** Unit code that owns the document (a clinic for an activity plan, the county for an action plan). */
  ownerUnit: string;
  createdAt: string;
  updatedAt: string;
  /**
   * ISO time an admin archived the document, or null/absent for a live one. Archived documents
   * stay stored and readable; the Explorer lists them apart, and an admin can restore them.
   */
  archivedAt?: string | null;
  /** The name of the member who archived it (shown as "Arkiverad av …"); null/absent when live. */
  archivedBy?: string | null;
}

/** A workspace: a region or a county group. */
export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: string;
}

/** An organisational unit: region → clinics, län → kommuner. */
export interface UnitRecord {
  workspace: string;
  code: string;
  name: string;
  /** Parent unit code, or null for the top unit. */
  parent: string | null;
}

/** The roles of DESIGN.md, most powerful first. */
export type { Role } from '../../shared/protocol/roles.js';

/** A person's membership in a workspace. */
export interface MemberRecord {
  workspace: string;
  id: string;
  name: string;
  role: Role;
  /** Units the member belongs to; editors write only documents and rows of these. */
  units: string[];
}

/**
 * That an admin removed a member: kept until an admin adds a member of that id again, so that
 * work-account sign-in with group rules (`server/auth/oidc-member.ts`) does not add the person
 * back at their next sign-in. `id` is the member id as members are keyed (the sign-in's member
 * claim, lower-cased); `name` the display name the member had, so that the list of removed
 * people says who they were. Nothing else about the person is stored.
 */
export interface RemovalRecord {
  workspace: string;
  /** The removed member's id. */
  id: string;
  /**
   * The removed member's display name as stored when they were removed, taken by the store from
   * the member it deletes in the same write. Null for a removal kept before names were (SQLite
   * schema version 14, PostgreSQL 12), or when the stored name is one the record checks refuse
   * (`keptName`, `record-text.ts`): the id alone then says who it was.
   */
  name: string | null;
  /** The member id of the admin who removed them, or null for one without (the CLI). */
  removedBy: string | null;
  /** ISO time of the removal. */
  removedAt: string;
}

/** A bearer token. Only its hash is stored; the secret is shown once at creation. */
export interface TokenRecord {
  /** Public id of the token (not secret), used to list and revoke. */
  id: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  workspace: string;
  memberId: string;
  label: string;
  createdAt: string;
  /** ISO time after which the token is refused, or null for no expiry. */
  expiresAt: string | null;
  revokedAt: string | null;
}

/** One line of the audit trail. */
export interface AuditRecord {
  at: string;
  workspace: string;
  doc: string | null;
  memberId: string | null;
  /** e.g. `connect`, `disconnect`, `write`, `refused`, `import`, `export`. */
  action: string;
  bytes: number;
  detail: string | null;
}

/** One persisted update with who wrote it, for history. */
export interface UpdateRecord {
  seq: number;
  at: string;
  memberId: string | null;
  update: Uint8Array;
}

/** A checkpoint: the document's state after update `seq` (see `retention.ts`). */
export interface CheckpointRecord {
  seq: number;
  /** ISO time of update `seq`. */
  at: string;
}

/**
 * The document store: a document's update log, snapshot and history checkpoints. This is all the
 * sync layer needs of storage for documents (eight methods); records and audit are
 * {@link RecordStore} and {@link AuditLog}. All methods may be called concurrently; writes are
 * durable when the promise resolves.
 */

/**
 * {@link RecordStore}: workspaces, units, document records, members and tokens, and
 * {@link DocRecordChange}, what its `updateDocRecord` makes of a stored record. Types only; part
 * of `storage.ts`, which re-exports it.
 */
import type { DocRef, DocRecord, WorkspaceRecord, UnitRecord, MemberRecord, RemovalRecord, TokenRecord, AuditRecord } from './storage-records.js';
import type { PutOptions, PutUnitOptions } from './record-exists.js';

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
   * An `admin` of another role replacing the workspace's only admin is refused as {@link putMember} refuses it.
   */
  putWorkspace(ws: WorkspaceRecord, audit?: readonly AuditRecord[], admin?: MemberRecord, opts?: PutOptions): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  listWorkspaces(): Promise<WorkspaceRecord[]>;

  /**
   * Add or change a unit; `audit` lines in the same transaction (both, or neither). `create` as
   * {@link putWorkspace}'s; `check`, a rule run on the workspace's units as stored in the write's
   * transaction, refusing by throwing (`PutUnitOptions`).
   */
  putUnit(unit: UnitRecord, audit?: readonly AuditRecord[], opts?: PutUnitOptions): Promise<void>;
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
   * @throws LastAdminError when it replaces the workspace's only admin by a member of another role
   * (`last-admin.ts`), checked in the write's transaction; nothing is written.
   */
  putMember(member: MemberRecord, audit?: readonly AuditRecord[]): Promise<void>;
  /**
   * Change a stored member's name, role and units; resolves false and writes nothing when no
   * member of the id is stored (removed meanwhile: a change read before a removal must not bring
   * the member back, nor lift the removal); true when one is. Moves the rights version like `putMember`, with the
   * `audit` lines in its transaction, only when something changed: none as stored (`same-record.ts`).
   * @throws IdentityInTextError when a text field holds a personnummer (`record-text.ts`).
   * @throws LastAdminError when it gives the workspace's only admin another role (`last-admin.ts`),
   * checked in the write's transaction; nothing is written.
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
  /**
   * The members of `workspace` by name in Swedish order (å, ä, ö after z; "Person 2" before
   * "Person 10"), a tie by id: `byName` (`shared/normalize/name-order.ts`), in every store.
   */
  listMembers(workspace: string): Promise<MemberRecord[]>;
  /**
   * Remove a member; false when there was none. Without `removal` its tokens stay (revoke them
   * first). With `removal` (an admin's removal: who, when), a {@link RemovalRecord} of the id is
   * kept, replacing an earlier one, and every live token and session of the member is revoked at
   * `removal.at`, in the same write, when there was a member to remove. `audit` lines are
   * stored in the same transaction when a member was removed, none when there was none.
   * @throws LastAdminError for the workspace's only admin, with `removal` or without
   * (`last-admin.ts`), checked in the write's transaction: of two such removals at once, the
   * second is checked after the first. Nothing is written.
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

/** What {@link RecordStore.updateDocRecord} makes of a stored record: the record to write and its audit lines, or null to write nothing. */
export type DocRecordChange = (stored: DocRecord) => { record: DocRecord; audit: readonly AuditRecord[] } | null;

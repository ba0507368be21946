import type {
  AuditRecord,
  DocRecord,
  DocRef,
  MemberRecord,
  RemovalRecord,
  TokenRecord,
  UnitRecord,
  UpdateRecord,
  WorkspaceRecord,
} from './storage.js';
import type { KeptAccessTokenSession } from './access-token-store.js';

/** A document's compacted state as stored. */
export interface SnapshotRecord extends DocRef {
  uptoSeq: number;
  at: string;
  data: Uint8Array;
  /** The fresh clients' answer stored with the snapshot (`StoredDoc.fresh`), when it was written with one. */
  fresh?: Uint8Array;
}

/**
 * Everything a store holds, as plain data. Used to write a backup of a non-SQLite store into an
 * SQLite file (the one backup format) without going through the append/compact API, which
 * would renumber sequences and lose timestamps.
 */
export interface StoreDump {
  workspaces: WorkspaceRecord[];
  units: UnitRecord[];
  docs: DocRecord[];
  members: MemberRecord[];
  tokens: TokenRecord[];
  /** Oldest first. */
  audit: AuditRecord[];
  updates: (DocRef & UpdateRecord)[];
  snapshots: SnapshotRecord[];
  checkpoints: CheckpointDump[];
  /** Recent take-backs of refused changes (`StoredTakeBack`), oldest first per document. */
  takeBacks: TakeBackDump[];
  /** Kept removals of members (`RemovalRecord`), by workspace and id. */
  removals: RemovalRecord[];
  /**
   * The sessions started from access tokens (`AccessTokenStore`), by key and session id: a backup
   * restored keeps a signed-out token refused (in every workspace or in its session's, as it ended)
   * and a sign-in's sessions ending together.
   */
  accessTokenSessions: KeptAccessTokenSession[];
}

/** A table's rows, all at once or in pages (rows in order within a page, pages in order). */
export type Pages<T> = T[] | AsyncIterable<T[]>;

/**
 * A {@link StoreDump} whose large tables (the audit trail and the update log) may come in pages,
 * read while the backup is written, so a backup holds one page of them in memory at a time.
 */
export interface PagedStoreDump extends Omit<StoreDump, 'audit' | 'updates'> {
  /** Oldest first. */
  audit: Pages<AuditRecord>;
  updates: Pages<DocRef & UpdateRecord>;
}

/** A table's pages one by one; an array is one page. */
export async function* pagesOf<T>(rows: Pages<T>): AsyncIterable<T[]> {
  if (Array.isArray(rows)) yield rows;
  else yield* rows;
}

/** A stored take-back: its time (ms since 1970) and identities (`take-back-wire.ts`), never a value. */
export interface TakeBackDump extends DocRef {
  at: number;
  data: Uint8Array;
}

/** A kept checkpoint of history as stored. */
export interface CheckpointDump extends DocRef {
  seq: number;
  at: string;
  data: Uint8Array;
}

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

/** A document's compacted state as stored. */
export interface SnapshotRecord extends DocRef {
  uptoSeq: number;
  at: string;
  data: Uint8Array;
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

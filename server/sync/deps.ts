/**
 * What the sync layer needs from the rest of the server, passed in rather than imported, so that
 * each seam (storage, auth, validation, metrics) can be swapped in tests.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Principal, AuthResult } from './principal.js';
import type { AuditLog, DocRecord, DocumentStore, RecordStore } from '../storage/storage.js';
import type { Localized } from '../../shared/schema/types.js';
import type { CellWrite, CommentEffects } from '../../shared/validate/check-update.js';
import { Limits } from '../../shared/protocol/limits.js';
import { PresenceLimits } from '../../shared/protocol/awareness.js';
import type { SyncMetrics } from './metrics.js';
import type { Fanout } from './fanout.js';
import type { CurrentRights, Reassessment } from './rights.js';
import type { LockLookup } from './row-locks.js';

/** The answer of `checkUpdate` from `shared/validate`, as the room consumes it. */
export type UpdateVerdict =
  | {
      ok: true;
      touchedRows: Iterable<string>;
      createdRows: Iterable<string>;
      deletedRows: Iterable<string>;
      /** Metadata fields the update writes or removes. */
      metaKeys: Iterable<string>;
      /** Cells the update writes or removes, for the ownership rules. */
      cells: Iterable<CellWrite>;
      /** Row comments the update writes, changes or deletes, for the author rules (none when absent). */
      comments?: CommentEffects;
      /** Values written into rows the doc holds deleted, dropped as they land (absent: none). */
      droppedCells?: readonly CellWrite[];
    }
  | {
      ok: false;
      code: string;
      message: Localized;
      closeCode: number;
      /** Only these parts are refused (rows, settings, comments); `rest` is the verdict of the rest (`UpdateRefused.only` of `shared/validate`). */
      only?: { rows: readonly string[]; meta?: boolean; comments?: boolean; rest: UpdateVerdict & { ok: true } };
    };

/** Structural validation of an incoming update against the current doc; must not throw. */
export type CheckUpdate = (doc: Y.Doc, update: Uint8Array) => UpdateVerdict;

/** Who may do what, as the sync layer asks it. */
export interface SyncAuth {
  /** Resolve the `token` query parameter (undefined when absent). */
  resolve(token: string | undefined): Promise<AuthResult>;
  /** May the principal open (read) this document? */
  canRead(principal: Principal, doc: DocRecord): boolean;
  /** May the principal write this document at all? */
  canWrite(principal: Principal, doc: DocRecord): boolean;
  /** In an action plan: may the principal write a row whose `unit` cell is `rowUnit`? */
  canWriteRow(principal: Principal, doc: DocRecord, rowUnit: string | null): boolean;
  /** May the principal change the document's `meta` and the owner unit of existing rows? */
  canManage(principal: Principal, doc: DocRecord): boolean;
  /** May the principal change the document's title (and nothing else of its `meta`)? */
  canRename(principal: Principal, doc: DocRecord): boolean;
  /**
   * Decide again, for a socket already open on `rights.doc`, from what storage holds now: keep it
   * with the current principal, or close it with a code and a reason (see `rights.ts`).
   */
  reassess(principal: Principal, rights: CurrentRights, now: Date): Reassessment;
}

/** Tunables; every field has a production default in {@link defaultSyncOptions}. */
export interface SyncOptions {
  /** How long an empty room stays loaded, in ms. */
  graceMs: number;
  /** Write a snapshot after this many persisted updates. */
  compactEvery: number;
  /**
   * A snapshot due after {@link SyncOptions.compactEvery} updates waits until the room has taken
   * no update for this long, in ms (`commit-log-snapshots.ts`): its whole-document encode and
   * write then fall in a pause of the room's edits, not in a burst of them. A room written
   * without such a pause is snapshotted at twice `compactEvery` all the same. 0: at once.
   */
  compactQuietMs: number;
  maxFrameBytes: number;
  framesPerSecond: number;
  frameBurst: number;
  /** Awareness states larger than this (JSON bytes) are dropped. */
  maxAwarenessStateBytes: number;
  /** Token bucket for awareness frames per connection: sustained frames per second and burst. */
  presencePerSecond: number;
  presenceBurst: number;
  /**
   * How often the rights of open sockets are read again from storage, in ms, to catch changes
   * other processes make (`samplan token revoke`), while storage does not tell of them
   * (`Storage.watchChanges`: PostgreSQL's notices, the server's SQLite store; every 5 s, `TOLD_POLL_MS`,
   * while it does); 0 turns the poll off.
   */
  rightsPollMs: number;
  /**
   * Bytes the server may hold for one socket that its client has not read yet; past this the
   * socket is closed with 1013 instead of buffering without bound. Room for a full document
   * state on a slow link (twice the largest document) plus one frame.
   */
  maxBufferedBytes: number;
  /**
   * How often, in ms, storage is asked whether another process wrote (a CLI import), while rooms
   * are loaded and storage does not tell of such writes (every 5 s, `FANOUT_POLL_MS`, while it does); 0 turns it off.
   */
  foreignPollMs: number;
  /**
   * Refused changes a client with notices is told of and has taken back, per second and at once;
   * past that its socket is closed with 4429 (`socket.ts`).
   */
  refusalsPerSecond: number;
  refusalBurst: number;
  /**
   * How long, in ms, the server waits for the answer of a peer whose first step 1 names writes the
   * document lacks before closing it with 1013 (`held-answers.ts`): room for a large offline
   * change on a slow link (a frame of `maxFrameBytes` at about 70 kB/s).
   */
  heldAnswerMs: number;
}

/** Production defaults, from `shared/protocol/limits.ts` where they are shared with the client. */
export const defaultSyncOptions: SyncOptions = {
  graceMs: 30_000,
  compactEvery: 1000,
  compactQuietMs: 1000,
  maxFrameBytes: Limits.maxFrameBytes,
  framesPerSecond: Limits.framesPerSecond,
  frameBurst: Limits.frameBurst,
  maxAwarenessStateBytes: PresenceLimits.maxStateBytes,
  presencePerSecond: PresenceLimits.framesPerSecond,
  presenceBurst: PresenceLimits.frameBurst,
  rightsPollMs: 500,
  maxBufferedBytes: 2 * Limits.maxDocBytes + Limits.maxFrameBytes,
  foreignPollMs: 300,
  refusalsPerSecond: 1,
  refusalBurst: 10,
  heldAnswerMs: 120_000,
};

/**
 * The records the sync layer reads (to admit a socket and to decide its rights again) and the
 * audit lines it writes; the rest of {@link RecordStore} is the HTTP layer's.
 */
export type SyncRecords = Pick<RecordStore, 'getDocRecord' | 'getDocRecords' | 'putDocRecord' | 'updateDocRecord' | 'getTokens' | 'listTokens' | 'getMembers' | 'listMembers' | 'rightsVersion'> & Pick<AuditLog, 'appendAudit'>;

/** Everything the sync layer is built from. */
export interface SyncDeps {
  /** Documents' update logs and snapshots. */
  storage: DocumentStore;
  records: SyncRecords;
  /**
   * Other server processes on the same store (PostgreSQL + Redis): committed updates, presence
   * and rights changes are published to them. Unset for one process.
   */
  fanout?: Fanout;
  auth: SyncAuth;
  checkUpdate: CheckUpdate;
  logger: Logger;
  metrics?: SyncMetrics;
  options?: Partial<SyncOptions>;
  /** The current time, for token expiry; `() => new Date()` when unset. */
  clock?: () => Date;
  /** Rows that approved follow-up rounds lock; nothing is locked when unset. */
  locks?: LockLookup;
}

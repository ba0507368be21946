/**
 * The shapes a room (`room.ts`) is built from and answers with: its peers, the author of an
 * update, the outcome of an offer, and its dependencies.
 */
import type { Logger } from 'pino';
import type { Principal } from './principal.js';
import type { DocRecord, DocumentStore, UpdateAudit } from '../storage/storage.js';
import type { CheckUpdate, SyncAuth, SyncOptions, SyncRecords } from './deps.js';
import type { SyncMetrics } from './metrics.js';
import type { CommentEffects } from '../../shared/validate/check-update.js';
import type { LockLookup } from './row-locks.js';
import type { Refusal } from './offer-checks.js';
import type { GroupCommit } from './group-commit.js';
import type { Fanout } from './fanout.js';

/** One connection as the room sees it. */
export interface Peer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** The client asked for notices (`shared/protocol/notices.ts`): it is told when the document is archived or restored. */
  readonly notices?: boolean;
}

/** Who wrote an update: a connected principal, or the server itself on behalf of a member. */
export interface Author {
  memberId: string | null;
  /** Null for trusted server-side writes (imports already authorized over HTTP). */
  principal: Principal | null;
  /**
   * The connection the update came from, asked for its author's rights as the server knows them
   * later (a write made for the author after a wait, `Room.lookBackStored`): the current principal,
   * or null once its access ended (revoked, removed, expired, document deleted).
   */
  live?: { rightsNow(): Principal | null };
}

/**
 * The outcome of offering an update: refused, or taken and durable once `persisted` resolves;
 * `comments` lists the comments it wrote, changed or deleted (for the audit trail), absent when it touched none. A refusal
 * with `undone` was taken back in the doc (see `undo-refused.ts`): every peer, the sender too,
 * gets the values from before, durable once `undone` resolves; the sender's socket may stay open.
 */
export type Offer = (Refusal & { undone?: Promise<void> }) | { ok: true; persisted: Promise<void>; comments?: CommentEffects; writesTitle?: boolean };

/** How an offer is handled beyond the checks. */
export interface OfferOptions {
  /**
   * Asked when an update the shared check accepted is refused for rights, a locked row or an
   * archived document: true to take it back in the doc (`undo-refused.ts`) instead of leaving
   * the sender with a change nobody else has. Unset: never.
   */
  undo?: () => boolean;
  /**
   * The audit lines of the change the update is (an import's): stored in the transaction that
   * stores the update, or alone once what came before is durable when it changes nothing. A
   * refused update stores none.
   */
  audit?: readonly UpdateAudit[];
  /**
   * The document's record as the change leaves it (a rename's title): stored with the update and
   * its audit lines in one transaction (`AppendItem.record`), or with the lines alone when the
   * update changes nothing. A refused update stores none.
   */
  record?: DocRecord;
}

/** What a room is built from. */
export interface RoomDeps {
  storage: DocumentStore;
  records: SyncRecords;
  /** Other processes on the same store (none for a single process on SQLite). */
  fanout?: Fanout | undefined;
  auth: SyncAuth;
  checkUpdate: CheckUpdate;
  logger: Logger;
  metrics: SyncMetrics;
  options: SyncOptions;
  /** The current time, for token expiry; `() => new Date()` when unset. */
  clock?: () => Date;
  /** Rows that approved follow-up rounds lock; nothing is locked when unset. */
  locks?: LockLookup;
  /** One storage transaction per turn for every room's pending updates; per room when unset. */
  group?: GroupCommit;
}

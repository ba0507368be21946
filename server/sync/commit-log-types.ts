/**
 * The shapes the commit log (`commit-log.ts`) is built from and hands over: what it needs from its
 * room, what it relays, its dependencies, and an update waiting to be written.
 */
import type { Logger } from 'pino';
import type { DocRecord, DocumentStore, StoredTakeBack, UpdateAudit } from '../storage/storage.js';
import type { Fanout } from './fanout.js';
import type { SyncOptions } from './deps.js';
import type { SyncMetrics } from './metrics.js';
import type { GroupCommit } from './group-commit.js';

/** What the log needs from its room. */
export interface CommitLogHost<Origin> {
  /** Apply an update that is already durable (written by someone else) and send it to every peer. */
  applyForeign(update: Uint8Array): void;
  /** Send now durable updates, in order, to every peer but each update's origin. */
  relay(updates: readonly Relayed<Origin>[]): void;
  /** Whether {@link CommitLogHost.relay} of `updates` sends anything (without it: taken to). */
  relays?(updates: readonly Relayed<Origin>[]): boolean;
  /** The doc's whole state as update V2, for a snapshot. */
  snapshot(): Uint8Array;
  /** Optional: the same state as stored for fresh clients (`StoredDoc.fresh`, `fresh-state.ts`), written with the snapshot. */
  fresh?(): Uint8Array;
  /** Take-backs stored with the document (`take-back-wire.ts` bytes), read as other processes' updates are (see `CommitLog.catchUp`). */
  takeBacks?(stored: readonly Uint8Array[]): void;
  /**
   * Whether the stored take-backs must be read before `update` (another process's) is applied,
   * whatever the fan-out says: it may hold a take-back whose message did not arrive
   * (`TakeBacks.needsStored`).
   */
  needsTakeBacks?(update: Uint8Array): boolean;
  /**
   * A write failed; the doc is ahead of storage. `origins` are the peers whose updates were not
   * stored (null for server-side writes). Called before any `afterApplied` waiter learns of it.
   */
  broke(err: unknown, origins: Set<Origin | null>): void;
}

/** An update to relay and the peer it came from (null for server-side writes). */
export interface Relayed<Origin> {
  update: Uint8Array;
  origin: Origin | null;
}

/** What the log is built from. */
export interface CommitLogDeps {
  storage: DocumentStore;
  /** Other processes on the same store; committed batches are published there. */
  fanout?: Fanout | undefined;
  logger: Logger;
  metrics: SyncMetrics;
  options: SyncOptions;
  /** The process's group commit; without it each room commits on its own (`group-commit.ts`). */
  group?: GroupCommit | undefined;
}

/**
 * An update waiting to be written: handed to storage as it is (an `AppendItem`) and relayed as it
 * is (a {@link Relayed}), so a write allocates nothing per update. Who waits for it asks
 * {@link CommitLog.whenStored}; nothing is made for an update nobody waits for (the usual edit).
 */
export interface Pending<Origin> {
  update: Uint8Array;
  memberId: string | null;
  /** Take-backs the update writes, stored in its transaction (`AppendItem.takeBacks`). */
  takeBacks?: readonly StoredTakeBack[];
  /** The audit lines of the change the update is, stored in its transaction (`AppendItem.audit`). */
  audit?: readonly UpdateAudit[] | undefined;
  /** The document's record as the change leaves it, stored in its transaction (`AppendItem.record`). */
  record?: DocRecord | undefined;
  origin: Origin | null;
  seq: number;
}

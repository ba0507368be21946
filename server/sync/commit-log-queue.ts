/**
 * The queue side of a room's commit log (`commit-log.ts`): the updates the doc already contains
 * that wait to be written, the holds that keep some of them back ({@link CommitLogQueue.hold}), and
 * who waits for them to be durable. What writes them (group commit, snapshots, other processes'
 * updates) is `CommitLog`, which extends this and schedules a write whenever something may be taken.
 */
import type { DocRecord, StoredTakeBack, UpdateAudit } from '../storage/storage.js';
import type { Pending } from './commit-log-types.js';
import { LogHolds } from './commit-log-holds.js';
import { Durable } from './commit-log-durable.js';

/**
 * The waiting list while nothing waits, shared by every log: frozen, so that a push into it throws
 * instead of filling every log's list ({@link CommitLogQueue.append} replaces it with a list of one).
 */
export const NOTHING_WAITS: Pending<never>[] = Object.freeze([]) as unknown as Pending<never>[];

/** The waiting updates of one room's log, its holds and its durability waiters. */
export abstract class CommitLogQueue<Origin> {
  /** The updates waiting to be written: {@link NOTHING_WAITS} when none does. */
  protected batch: Pending<Origin>[] = NOTHING_WAITS;
  protected applied = 0;
  /** When the last update was queued, ms of `performance.now` (a due snapshot waits for a pause, `LogSnapshots.dueNow`). */
  protected lastAppendAt = 0;
  /** What is stored, whether a write failed, who waits (`commit-log-durable.ts`). */
  protected readonly durable = new Durable();
  /** The holds of {@link CommitLogQueue.hold}. */
  protected readonly holds = new LogHolds();

  /** Write what may now be taken (not held), unless a write is due or under way. */
  protected abstract schedule(): void;

  /** True once a write has failed; nothing more is taken. */
  get broken(): boolean {
    return this.durable.failed;
  }

  /**
   * Queue an update the doc already contains; resolves once it is durable. `takeBacks`, the
   * take-backs it writes (`take-backs.ts`), `audit`, the audit lines of the change it is (an
   * import's), and `record`, the document's record as the change leaves it (a rename's), are stored
   * in the same transaction.
   */
  push(update: Uint8Array, memberId: string | null, origin: Origin | null, takeBacks: readonly StoredTakeBack[] = []): Promise<void> {
    return this.whenStored(this.append(update, memberId, origin, takeBacks));
  }

  /**
   * Queue an update the doc already contains, as {@link CommitLogQueue.push} does, without a promise:
   * returns its sequence number in this log (1, 2, …), for {@link CommitLogQueue.whenStored}.
   */
  append(update: Uint8Array, memberId: string | null, origin: Origin | null, takeBacks: readonly StoredTakeBack[] = [], audit?: readonly UpdateAudit[], record?: DocRecord): number {
    // Every field set here, in one order: one shape (V8 map) for every update the store is handed.
    const pending: Pending<Origin> = { update, memberId, takeBacks: takeBacks.length > 0 ? takeBacks : undefined, audit, record, origin, seq: ++this.applied };
    this.lastAppendAt = performance.now();
    // The first update of a batch (at a few edits a second, the only one) makes a list of one: an
    // empty list's first push made storage for 17 (~150 bytes a commit).
    if (this.batch.length === 0) this.batch = [pending];
    else this.batch.push(pending);
    this.schedule();
    return pending.seq;
  }

  /** Resolves once the update `seq` of {@link CommitLogQueue.append} is durable; rejects with what the write threw when a write failed before it was (then it is not stored). */
  whenStored(seq: number): Promise<void> {
    return this.durable.whenStored(seq);
  }

  /**
   * Hold back from storage every update queued from now on, until `release` is called (twice is
   * harmless): what is queued behind them meanwhile goes with them into one batch, one storage
   * transaction, once nothing is held. Updates queued before go on being written; `before`
   * resolves once they are durable (rejects as {@link CommitLogQueue.whenStored}). Nothing held is
   * relayed before it is written, as ever; `close` waits for every hold to be released.
   */
  hold(): { before: Promise<void>; release: () => void } {
    const from = this.applied + 1;
    // `schedule` writes only what is no longer held.
    const release = this.holds.add(from, () => this.schedule());
    return { before: this.whenStored(from - 1), release };
  }

  /** True when every update the doc holds is durable. */
  get clean(): boolean {
    return !this.durable.failed && this.durable.persisted >= this.applied;
  }

  /**
   * Run `run(true)` once everything queued so far is durable, or `run(false)` when a write failed
   * first (at once if the log is already broken): then what was queued is not stored.
   */
  afterApplied(run: (ok: boolean) => void): void {
    this.durable.after(this.applied, run);
  }

  /** Some of the queued updates may be handed to storage: not held ({@link CommitLogQueue.hold}). */
  protected get takeable(): boolean {
    const first = this.batch[0];
    return first !== undefined && this.holds.frees(first.seq);
  }
}

/**
 * How a commit log (`commit-log.ts`) reads the updates another process appended to its document:
 * page by page from storage, in sequence order, with the take-backs stored with them first when
 * their messages may not have reached this process (`take-backs.ts`).
 */
import type { DocRef } from '../storage/storage.js';
import type { CommitLogDeps, CommitLogHost } from './commit-log-types.js';

/** Foreign updates read per storage call. */
const FOREIGN_PAGE = 500;

/** Reads other processes' stored updates for one log and hands each to `apply`, in order. */
export class ForeignReader {
  /** The fan-out was down and is back: messages, take-backs among them, may have been lost. */
  private fanoutMissed = false;

  /** @param apply applies one durable update of another process to the room (and counts it). */
  constructor(
    private readonly ref: DocRef,
    private readonly deps: Pick<CommitLogDeps, 'storage' | 'fanout' | 'logger'>,
    private readonly host: Pick<CommitLogHost<unknown>, 'needsTakeBacks' | 'takeBacks'>,
    private readonly apply: (update: Uint8Array) => void,
  ) {}

  /** The fan-out was re-established after messages may have been lost: the next catch-up also reads the stored take-backs. */
  missedFanout(): void {
    this.fanoutMissed = true;
  }

  /**
   * Apply the stored updates in (`after`, `upto`], which this room did not write. When their
   * messages may not have reached this process (the fan-out is down, or was), the take-backs
   * stored with them are read first, after the updates (a take-back is stored in its update's
   * transaction), so that none of them is applied here as a plain update (`take-backs.ts`).
   * Throws what storage's `listUpdates` throws.
   */
  async catchUp(after: number, upto: number): Promise<void> {
    while (after < upto) {
      const records = await this.deps.storage.listUpdates(this.ref, after, Math.min(FOREIGN_PAGE, upto - after));
      if (records.length === 0) break;
      await this.readTakeBacks(records.some((r) => r.seq <= upto && this.host.needsTakeBacks?.(r.update)));
      for (const record of records) {
        if (record.seq > upto) return;
        this.apply(record.update);
        after = record.seq;
      }
    }
  }

  /**
   * Hand the host the stored take-backs when the fan-out is or was down, or when an update about
   * to be applied `needs` them (`CommitLogHost.needsTakeBacks`); a failed read is logged (they are
   * also shared by the fan-out).
   */
  private async readTakeBacks(needs = false): Promise<void> {
    const { fanout, storage } = this.deps;
    if (!fanout || !storage.loadTakeBacks || !this.host.takeBacks || (fanout.connected() && !this.fanoutMissed && !needs)) return;
    this.fanoutMissed = false;
    try {
      this.host.takeBacks(await storage.loadTakeBacks(this.ref));
    } catch (err) {
      this.deps.logger.warn({ err, ref: this.ref }, 'reading the take-backs of other processes failed');
    }
  }
}

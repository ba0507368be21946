/**
 * What of a commit log (`commit-log.ts`) is durable and who waits for it: the last sequence
 * stored, whether a write failed and what it threw, and those waiting for a sequence to be
 * stored. The log records each and wakes the waiters when its order asks (after relaying a batch,
 * after telling its host of a failure).
 */
export class Durable {
  /** The last sequence of the log (1, 2, …) that is stored; 0 before any. */
  private upto = 0;
  private broken = false;
  /** What the failed write threw, for those who wait for an update it did not store. */
  private failure: unknown = null;
  private waiters: { seq: number; run: (ok: boolean) => void }[] = [];

  /** The last sequence stored. */
  get persisted(): number {
    return this.upto;
  }

  /** True once a write has failed. */
  get failed(): boolean {
    return this.broken;
  }

  /** Resolves once `seq` is stored; rejects with what the write threw when a write failed before it was. */
  whenStored(seq: number): Promise<void> {
    if (this.upto >= seq) return Promise.resolve();
    if (this.broken) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ seq, run: (ok) => (ok ? resolve() : reject(this.failure)) });
    });
  }

  /** `run(true)` once `seq` is stored, `run(false)` when a write failed first (at once when one has). */
  after(seq: number, run: (ok: boolean) => void): void {
    if (this.broken) run(false);
    else if (this.upto >= seq) run(true);
    else this.waiters.push({ seq, run });
  }

  /** The log is stored up to `seq` (unchanged when undefined); its waiters are told at {@link Durable.wake}. */
  reached(seq: number | undefined): void {
    this.upto = seq ?? this.upto;
  }

  /** Tell those waiting for a sequence now stored. */
  wake(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.seq <= this.upto);
    this.waiters = this.waiters.filter((w) => w.seq > this.upto);
    for (const waiter of ready) waiter.run(true);
  }

  /** A write failed with `err`: nothing more is stored; the waiters are told at {@link Durable.wakeFailed}. */
  fail(err: unknown): void {
    this.broken = true;
    this.failure = err;
  }

  /** Tell every waiter that what it waits for is not stored. */
  wakeFailed(): void {
    for (const waiter of this.waiters.splice(0)) waiter.run(false);
  }
}

/**
 * The look-back holds of a commit log (`CommitLog.hold`, `commit-log.ts`): while one is held, no
 * update queued from its first sequence on is handed to storage, so what the room owes with an
 * update goes into the same storage transaction. This keeps the bookkeeping only; the log asks it
 * what may be written and when to schedule again.
 */
export class LogHolds {
  /** The first sequence of each hold: no update from the lowest on is handed to storage. */
  private readonly starts: number[] = [];
  /** Called at each release of a hold (`CommitLog.close` waits for them). */
  private released: (() => void)[] = [];

  /** True while at least one hold is not released. */
  get any(): boolean {
    return this.starts.length > 0;
  }

  /** The lowest sequence held back (log sequence numbers, 1, 2, …), Infinity when nothing is held. */
  get from(): number {
    return this.starts.length > 0 ? Math.min(...this.starts) : Infinity;
  }

  /** Whether the update `seq` may be handed to storage: it was queued before every hold. */
  frees(seq: number): boolean {
    return this.starts.length === 0 || seq < Math.min(...this.starts);
  }

  /**
   * Hold back every update from `from` on. The returned release (twice is harmless) ends the hold,
   * wakes those waiting for a release ({@link LogHolds.nextRelease}), then calls `after` (the log
   * schedules what may now be written).
   */
  add(from: number, after: () => void): () => void {
    this.starts.push(from);
    let held = true;
    return (): void => {
      if (!held) return;
      held = false;
      this.starts.splice(this.starts.indexOf(from), 1);
      for (const run of this.released.splice(0)) run();
      after();
    };
  }

  /** Resolves at the next release of any hold. */
  nextRelease(): Promise<void> {
    return new Promise<void>((resolve) => this.released.push(resolve));
  }
}

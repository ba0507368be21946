/**
 * Room loads taken a few per turn of the event loop. A connect storm on a restarted server (a
 * region opening its plans at nine) asks for a hundred documents within a few milliseconds; each
 * load is a storage read and a Yjs apply (about half a millisecond for a small plan on SQLite,
 * all of it synchronous), and run where the sockets ask for them they fill one long stretch of
 * the event loop, behind which every edit on the documents already open waits for its group
 * commit (`group-commit.ts`, run on `setImmediate`). Here loads start at most `perTurn` at a
 * time, each batch from its own `setImmediate`: a group commit queued meanwhile runs between two
 * batches, so an edit elsewhere waits for a few loads, not for all of them. Loads that wait on
 * the network (PostgreSQL) are only started this way, never awaited, so they still overlap.
 */

/** Loads started per turn: 8 small plans are a few milliseconds of SQLite reads and applies. */
export const LOADS_PER_TURN = 8;

/** A queue of load starts, `perTurn` per turn of the event loop. */
export class LoadTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn: number = LOADS_PER_TURN) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError(`perTurn must be a whole number ≥ 1, not ${perTurn}`);
  }

  /**
   * Run `load` in a coming turn: resolves or rejects as `load` does. The first `perTurn` loads
   * asked for in one turn start in the next; more wait for the turns after.
   */
  run<T>(load: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        try {
          load().then(resolve, reject);
        } catch (err) {
          reject(err);
        }
      });
      this.schedule();
    });
  }

  /** Loads not yet started. */
  get pending(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    for (const start of this.waiting.splice(0, this.perTurn)) start();
    if (this.waiting.length > 0) this.schedule();
  }
}

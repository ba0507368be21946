/**
 * The states from before of the take-backs a room remembers (`take-back-index.ts`), held as
 * (client, clock) pairs one after another in one shared array instead of a Map each: 16 bytes a
 * pair. A state is stored at the end and found by its offset and its number of pairs; a dropped
 * one leaves its place until most of the array is such places, then the live ones are copied to
 * the front ({@link BeforePool.compact}).
 */

/** The empty array every pool starts with and `clear` returns to, shared: nothing is written into a zero-length array. */
const EMPTY = new Float64Array(0);

/** States from before (client → clock), stored as client, clock, client, clock… */
export class BeforePool {
  private pool = EMPTY;
  /** How much of `pool` is used, in numbers (two a pair). */
  private end = 0;
  /** How much of it the states still remembered hold. */
  private live = 0;

  /** Stores `before` at the end; returns its offset (for {@link BeforePool.read}, with `before.size` pairs). */
  put(before: Map<number, number>): number {
    const need = before.size * 2;
    if (this.end + need > this.pool.length) {
      const grown = new Float64Array(Math.max(64, 2 * (this.end + need)));
      grown.set(this.pool.subarray(0, this.end));
      this.pool = grown;
    }
    const at = this.end;
    for (const [client, clock] of before) {
      this.pool[this.end++] = client;
      this.pool[this.end++] = clock;
    }
    this.live += need;
    return at;
  }

  /** The state of `pairs` pairs at `from`, made afresh. */
  read(from: number, pairs: number): Map<number, number> {
    const before = new Map<number, number>();
    for (let i = 0; i < pairs; i++) before.set(this.pool[from + 2 * i] as number, this.pool[from + 2 * i + 1] as number);
    return before;
  }

  /** A state of `pairs` pairs is no longer remembered (its place is reused at the next {@link BeforePool.compact}). */
  drop(pairs: number): void {
    this.live -= pairs * 2;
  }

  /** True when most of the pool is places of dropped states (past 1,024 numbers): time to {@link BeforePool.compact}. */
  get wasteful(): boolean {
    return this.end > 1024 && this.end > 4 * this.live;
  }

  /**
   * Copies the states still remembered to the front of a new array: `each` calls `move(from,
   * pairs)` once for every one of them, oldest first, and keeps the offset it returns.
   */
  compact(each: (move: (from: number, pairs: number) => number) => void): void {
    const pool = new Float64Array(Math.max(64, 2 * this.live));
    let end = 0;
    each((from, pairs) => {
      const at = end;
      pool.set(this.pool.subarray(from, from + 2 * pairs), end);
      end += 2 * pairs;
      return at;
    });
    this.pool = pool;
    this.end = end;
  }

  /** Forgets every state. */
  clear(): void {
    this.pool = EMPTY;
    this.end = 0;
    this.live = 0;
  }
}

/**
 * Work that must run one at a time per key (a document), in the order it was asked for, within
 * this process: each run starts once every earlier run of its key has settled, resolved or
 * rejected. Keys with nothing waiting are forgotten, so the queue holds only documents in use.
 */
export class KeyedQueue {
  /** The last run asked for under each key, settled to undefined (never rejects). */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Run `fn` once every earlier run under `key` has settled; resolves or rejects as `fn` does.
   * A run that throws does not stop the ones after it.
   */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const run = before.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** The number of keys with a run under way or waiting (for tests: none left behind). */
  get size(): number {
    return this.tails.size;
  }
}

/**
 * One interval timer per period for every subscriber in the process, armed only while one
 * subscribes. A timer per room woke the process once per room per period with nothing to do:
 * each room with presence swept it on a 3 s interval of its own (`presence.ts`), so a process
 * holding 100 documents with the pane open woke ~33 times a second for sweeps alone, at times
 * libuv could not merge (each interval started when its room first saw a state). With one
 * shared timer that is one wake per period, whatever the number of rooms.
 *
 * A subscriber is called once per period, the first time within one period of subscribing (not
 * exactly one period after, as a timer of its own would be). The timer is `unref`'d: it never
 * keeps the process alive. A subscriber that throws does not stop the others (the error is
 * rethrown after the round, as an uncaught timer error would have been).
 */

/** A period's shared timer and its subscribers. */
class Ticker {
  private readonly subscribers = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly everyMs: number) {}

  /** Call `tick` every period until the returned function is called (idempotent). */
  add(tick: () => void): () => void {
    // A wrapper per call, so that the same function subscribed twice is two subscriptions.
    const entry = (): void => tick();
    this.subscribers.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.fire(), this.everyMs);
      this.timer.unref();
    }
    return () => {
      this.subscribers.delete(entry);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private fire(): void {
    let failure: unknown = null;
    // A copy: a subscriber may unsubscribe (itself or another) while called.
    for (const tick of [...this.subscribers]) {
      try {
        tick();
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== null) throw failure;
  }
}

const tickers = new Map<number, Ticker>();

/**
 * Call `tick` every `everyMs` ms (whole ms, at least 1) on the process's one timer of that period;
 * returns the function that stops it. The timer runs while anyone subscribes to that period.
 *
 * @example
 * const stop = everyShared(3000, () => presence.removeOutdated());
 * // …
 * stop();
 */
export function everyShared(everyMs: number, tick: () => void): () => void {
  const period = Math.max(1, Math.round(everyMs));
  let ticker = tickers.get(period);
  if (!ticker) tickers.set(period, (ticker = new Ticker(period)));
  return ticker.add(tick);
}

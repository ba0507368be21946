/**
 * Backoff for a server that says its storage is failing (`CloseCode.unavailable`), or that the
 * pane sends too fast (`CloseCode.rateLimited`). y-websocket
 * resets its own backoff every time a connection syncs, so a server that accepts, syncs and then
 * fails again would be hit every few hundred milliseconds. Here the count of such closes only
 * grows, and is forgotten only after a connection has stayed up for `stableAfterMs`.
 */

/** Options of {@link StorageBackoff}. */
export interface StorageBackoffOptions {
  /** First wait after a storage failure, in ms (default 1 s); doubles with every further one. */
  firstMs?: number;
  /** Longest wait, in ms (default 60 s). */
  maxMs?: number;
  /** A connection up this long (ms) counts as recovered (default 30 s). */
  stableAfterMs?: number;
}

/** Counts storage failures and says how long to wait before the next attempt. */
export class StorageBackoff {
  private failures = 0;
  private stableTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly stableAfterMs: number;

  constructor(options: StorageBackoffOptions = {}) {
    this.firstMs = options.firstMs ?? 1000;
    this.maxMs = options.maxMs ?? 60_000;
    this.stableAfterMs = options.stableAfterMs ?? 30_000;
  }

  /** True while backing off (a storage failure not yet followed by a stable connection). */
  get active(): boolean {
    return this.failures > 0;
  }

  /** The server closed for a storage failure (or a rate limit); returns the wait before the next attempt in ms. */
  failed(): number {
    this.clearTimer();
    this.failures++;
    return Math.min(this.firstMs * 2 ** (this.failures - 1), this.maxMs);
  }

  /** A connection synced; the count is forgotten if it stays up for `stableAfterMs`. */
  connected(): void {
    this.clearTimer();
    if (this.failures === 0) return;
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      this.failures = 0;
    }, this.stableAfterMs);
  }

  /** The connection closed for another reason (the count is kept). */
  disconnected(): void {
    this.clearTimer();
  }

  /** Stops the timer. */
  destroy(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    this.stableTimer = null;
  }
}

/**
 * Take-backs of rooms unloaded while idle, kept by the registry for the room that loads the
 * document again (`take-backs.ts`), so an owner's offline edit that comes back after the unload
 * still stands over a refused edit taken back meanwhile.
 */

/** Documents whose take-backs are kept at most; the oldest kept go first. */
const TAKE_BACKS_KEPT = 1000;

/** Encoded take-backs (`TakeBacks.encoded`) by document key, for at most {@link TAKE_BACKS_KEPT} documents. */
export class KeptTakeBacks {
  private readonly byKey = new Map<string, Uint8Array>();

  constructor(private readonly limit = TAKE_BACKS_KEPT) {}

  /** Keep `bytes` for the document `key` (replacing what was kept of it), dropping the oldest past the limit. */
  keep(key: string, bytes: Uint8Array): void {
    this.byKey.delete(key);
    this.byKey.set(key, bytes);
    for (const oldest of this.byKey.keys()) {
      if (this.byKey.size <= this.limit) break;
      this.byKey.delete(oldest);
    }
  }

  /** What was kept for the document `key`, now forgotten; null when nothing was. */
  take(key: string): Uint8Array | null {
    const bytes = this.byKey.get(key) ?? null;
    this.byKey.delete(key);
    return bytes;
  }

  /** Forget what was kept for the document `key` (it was deleted). */
  forget(key: string): void {
    this.byKey.delete(key);
  }

  /** Documents with take-backs kept. */
  get size(): number {
    return this.byKey.size;
  }
}

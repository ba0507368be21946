/**
 * Take-backs another process made in a document, read from the fan-out or from storage
 * (`take-back-wire.ts`), that a room's doc cannot take in yet: the items they name have not
 * reached it. They wait here, by their ids, the newest `limit` kept, until the doc holds their
 * items ({@link PendingTakeBacks.resolve}); `take-backs.ts` then remembers them.
 */
import type * as Y from 'yjs';
import { resolveTakeBack, type WireTakeBack } from './take-back-wire.js';
import type { TakeBack } from './take-back-types.js';
import { identity } from './take-back-items.js';

/** One room's take-backs of other processes waiting for their items, oldest first. */
export class PendingTakeBacks {
  private list: WireTakeBack[] = [];
  private readonly ids = new Set<string>();

  /** @param limit how many wait at most, the newest kept (`TAKE_BACK_LIMIT`) */
  constructor(private readonly limit: number) {}

  /** How many wait. */
  get size(): number {
    return this.list.length;
  }

  /** Adds `wire` to wait (nothing when it waits already); call {@link PendingTakeBacks.trim} after a batch. */
  add(wire: WireTakeBack): void {
    const id = identity(wire);
    if (this.ids.has(id)) return;
    this.list.push(wire);
    this.ids.add(id);
  }

  /** True when `wire` waits (by its identity, `identity` of `take-back-items.ts`). */
  has(wire: WireTakeBack): boolean {
    return this.ids.has(identity(wire));
  }

  /** Forgets the oldest beyond `limit`. */
  trim(): void {
    if (this.list.length > this.limit) for (const dropped of this.list.splice(0, this.list.length - this.limit)) this.ids.delete(identity(dropped));
  }

  /** The ids (`client.clock`) of the take-back items of the waiting take-backs of map keys. */
  takeBackItems(): Set<string> {
    return new Set(this.list.flatMap((w) => (w.kind === 'key' && w.takeBack ? [`${w.takeBack.client}.${w.takeBack.clock}`] : [])));
  }

  /**
   * Passes to `found`, oldest first, each waiting take-back whose items `doc` now holds, with its
   * time (ms since 1970), and stops waiting for it; one that names nothing `doc` can ever hold is
   * dropped. The rest wait on.
   */
  resolve(doc: Y.Doc, found: (at: number, tb: TakeBack) => void): void {
    if (this.list.length === 0) return;
    const waiting: WireTakeBack[] = [];
    for (const wire of this.list) {
      const tb = resolveTakeBack(doc, wire);
      if (tb === 'later') {
        waiting.push(wire);
        continue;
      }
      this.ids.delete(identity(wire));
      if (tb !== null) found(wire.at, tb);
    }
    this.list = waiting;
  }

  /** Forgets every waiting take-back. */
  clear(): void {
    this.list = [];
    this.ids.clear();
  }
}

/**
 * Answers to a peer's sync step 1 held until what the peer sends has been judged. A peer whose
 * state vector names writes the document lacks holds something the server has not seen: edits
 * made offline, or a copy of a deleted document whose id a new one took (another making,
 * `shared/validate/other-making.ts`). Its answer to the server's step 1 carries those writes; the
 * server's step 2 (the document's state) is sent only once that answer was judged and taken, so a
 * copy of another making, refused with 4410, never receives the new document's rows (a stock
 * y-websocket client would merge them into the copy it keeps and connect again with). A peer
 * whose state vector is within the document's (a fresh client, one that is behind) is answered at
 * once; one with offline edits a round trip later, once they are taken. A peer whose answer does
 * not come is closed with 1013 after a bounded wait ({@link HeldAnswers}), never left waiting
 * without a word.
 */
import * as Y from 'yjs';
import { isEmptyStateVector } from './fresh-state.js';

/**
 * Whether `stateVector` (a peer's step 1) names a client `doc` lacks, or a clock beyond the doc's.
 * Throws when it does not decode. Cost: one pass over the state vector.
 */
export function namesUnseenWrites(doc: Y.Doc, stateVector: Uint8Array): boolean {
  for (const [client, clock] of Y.decodeStateVector(stateVector)) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  return false;
}

/** Nothing held (never added to). */
const NOTHING_HELD: readonly Uint8Array[] = [];

/** One held step 1 and the timer that gives up on its answer. */
interface Held {
  stateVector: Uint8Array;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The answers to each peer's step 1. Only a peer's first step 1 (its connection's opening) is
 * held, and only when it names writes the doc lacks; the peer's next message of the sync
 * protocol releases it: its answer to the server's step 1 once judged and taken ({@link release}),
 * or a later step 1 of its own (a pane that sends nothing, being read-only or having only changes
 * that were refused and taken back, pings with one), so no peer waits without end.
 *
 * A peer that sends neither within `waitMs` (a custom client that never answers, or an answer
 * lost on the way) is given up on: `overdue` is called once, and the room closes its socket
 * with 1013 and the reason in words. Its writes the server lacks are still only in its copy; a
 * stock client connects again and sends them with its answer, so nothing is lost. The answer is
 * not released instead: a stock client that got the document would count itself synced while the
 * server still lacked its offline edits, and would send them only at its next connection.
 */
export class HeldAnswers<P extends object> {
  private readonly held = new WeakMap<P, Held>();
  private readonly asked = new WeakSet<P>();

  /**
   * `waitMs`: how long a held step 1 waits for the peer's answer or next step 1, in ms.
   * `overdue(peer)`: called once when that wait ran out (the peer is then forgotten here).
   */
  constructor(
    private readonly waitMs: number,
    private readonly overdue: (peer: P) => void,
  ) {}

  /**
   * `peer` sent a step 1 with `stateVector`: the state vectors to answer now, oldest first (what
   * was held, then this one); empty when this one is held. Throws when the state vector does not
   * decode (only checked on a first step 1; answering checks it again). `doc()` gives the document;
   * it is not asked for when the state vector is empty (a fresh client names nothing unseen).
   */
  step1(peer: P, doc: () => Y.Doc, stateVector: Uint8Array): Uint8Array[] {
    const first = !this.asked.has(peer);
    this.asked.add(peer);
    const waiting = this.release(peer);
    if (waiting.length > 0) return [...waiting, stateVector];
    if (first && !isEmptyStateVector(stateVector) && namesUnseenWrites(doc(), stateVector)) {
      const timer = setTimeout(() => {
        if (this.held.get(peer)?.timer !== timer) return;
        this.held.delete(peer);
        this.overdue(peer);
      }, this.waitMs);
      timer.unref?.();
      this.held.set(peer, { stateVector, timer });
      return [];
    }
    return [stateVector];
  }

  /** What `peer` waits an answer to (its first step 1, when held), and forgets it; empty when nothing is held. */
  release(peer: P): readonly Uint8Array[] {
    const waiting = this.held.get(peer);
    // Asked after every taken edit: nothing held is the one shared empty list, no array per edit.
    if (!waiting) return NOTHING_HELD;
    clearTimeout(waiting.timer);
    this.held.delete(peer);
    return [waiting.stateVector];
  }

  /** Whether an answer to `peer`'s first step 1 is held (it named writes the doc lacks and its answer has not been taken yet). */
  holds(peer: P): boolean {
    return this.held.has(peer);
  }

  /** `peer` left: what it waited for is dropped, never sent, and its wait stopped. */
  forget(peer: P): void {
    const waiting = this.held.get(peer);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.held.delete(peer);
  }
}

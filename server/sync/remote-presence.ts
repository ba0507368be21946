/**
 * The presence other server processes relayed for one room, kept beside the local presence
 * (`presence.ts`) so that a client joining this process later sees the clients of the others at
 * once, not only when they renew their state (every 15 s). Another process checked, sanitized and
 * stamped each entry before publishing it (the personnummer guard included); here it is only
 * remembered, and forgotten when that process relays its removal or when it is not renewed for
 * `outdatedMs` (the other process died). A client id a peer of this process holds is never taken
 * from another process: the local owner wins.
 */
import type { AwarenessEntry } from './protocol.js';

/** A remembered state: its JSON as relayed, the member it belongs to ('' when it names none). */
export interface RemoteEntry {
  json: string;
  memberId: string;
  /** Wall time it was last relayed, in ms. */
  updated: number;
}

/** Presence of one room as the other processes relayed it, keyed by awareness client id. */
export class RemotePresence {
  private readonly entries = new Map<number, RemoteEntry>();

  /**
   * @param outdatedMs a state not relayed again for this long is forgotten (30 s, as clients do)
   * @param now wall time in ms
   */
  constructor(
    private readonly outdatedMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Number of states remembered (outdated ones included until the next read). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Take the entries of a frame another process relayed: remember states, forget removals. Entries
   * for ids `isLocal` claims are skipped. Returns what to pass on to this process's peers: the
   * states taken and every removal (a peer may have seen the state before this room loaded).
   */
  take(incoming: readonly AwarenessEntry[], isLocal: (clientId: number) => boolean): AwarenessEntry[] {
    const passed: AwarenessEntry[] = [];
    for (const entry of incoming) {
      if (isLocal(entry.clientId)) continue;
      if (entry.json === 'null') this.entries.delete(entry.clientId);
      else this.entries.set(entry.clientId, { json: entry.json, memberId: memberOf(entry.json), updated: this.now() });
      passed.push(entry);
    }
    return passed;
  }

  /** Forget a client id (a peer of this process now holds it). */
  forget(clientId: number): void {
    this.entries.delete(clientId);
  }

  /** The states relayed within `outdatedMs`; older ones are forgotten on the way. */
  current(): [number, RemoteEntry][] {
    const before = this.now() - this.outdatedMs;
    for (const [clientId, entry] of this.entries) if (entry.updated <= before) this.entries.delete(clientId);
    return [...this.entries];
  }
}

/** The member id a relayed state carries in `user.memberId`, or ''. */
function memberOf(json: string): string {
  try {
    const state = JSON.parse(json) as { user?: { memberId?: unknown } } | null;
    const id = state?.user?.memberId;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}

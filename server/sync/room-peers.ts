/**
 * The connected peers of a room (`room.ts`) and sending to them: each peer with the awareness
 * client ids it holds (kept by the room's presence, `presence.ts`, which reads {@link RoomPeers.held}),
 * every change in their number told to the registry, one frame to all of them or to those that
 * asked for notices, and a committed batch relayed (`relay.ts`).
 *
 * The peers are also kept as an array, made anew when one joins or leaves (rare beside the
 * frames sent): a relay walks it with an index, no iterator per frame, and a peer that leaves
 * while a frame is sent (a send that closes a slow reader) changes a later array, not the one walked.
 */
import { relayBatch, relaySends } from './relay.js';
import { encodeUpdate } from './protocol.js';
import type { Relayed } from './commit-log-types.js';
import type { Peer } from './room-types.js';

/** The peers of one room. */
export class RoomPeers<P extends Peer> {
  /** Each peer and the awareness client ids it holds; the presence keeps the sets. */
  readonly held = new Map<P, Set<number>>();
  /** The keys of {@link RoomPeers.held} in their order; replaced, never changed in place. */
  private list: readonly P[] = [];

  /** `counted` is told of every change in the number of peers (+1 on a join, −n when peers leave). */
  constructor(private readonly counted: (delta: number) => void) {}

  /** Number of peers. */
  get size(): number {
    return this.held.size;
  }

  has(peer: P): boolean {
    return this.held.has(peer);
  }

  /** The peers, in the order they joined. */
  keys(): IterableIterator<P> {
    return this.held.keys();
  }

  /** Add `peer` holding no client id (again, when it was there: what it held is forgotten). */
  add(peer: P): void {
    const joins = !this.held.has(peer);
    this.held.set(peer, new Set());
    if (!joins) return;
    this.list = [...this.list, peer];
    this.counted(1);
  }

  /** Remove `peer`; returns the client ids it held, undefined when it was not there. */
  remove(peer: P): Set<number> | undefined {
    const controlled = this.held.get(peer);
    if (this.held.delete(peer)) {
      this.list = this.list.filter((p) => p !== peer);
      this.counted(-1);
    }
    return controlled;
  }

  /** Forget every peer (those that closing did not remove: a peer's `close` need not leave). */
  clear(): void {
    if (this.held.size > 0) this.counted(-this.held.size);
    this.held.clear();
    this.list = [];
  }

  /** Send `frame` to every peer. */
  sendAll(frame: Uint8Array): void {
    for (const peer of this.held.keys()) peer.send(frame);
  }

  /** Send `frame` to the peers that asked for notices (`Peer.notices`). */
  sendNotices(frame: Uint8Array): void {
    for (const peer of this.held.keys()) if (peer.notices) peer.send(frame);
  }

  /**
   * Relay a committed batch, each update to every peer but its origin (`relayBatch`). One update
   * (the usual batch at a few edits a second) is framed once, when a peer is to get it, and the
   * same bytes go to each.
   */
  relay(batch: readonly Relayed<P>[]): void {
    if (batch.length !== 1) return relayBatch(this.list, batch);
    const { update, origin } = batch[0] as Relayed<P>;
    const peers = this.list;
    let frame: Uint8Array | null = null;
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[i] as P;
      if (peer === origin) continue;
      frame ??= encodeUpdate(update);
      peer.send(frame);
    }
  }

  /** Whether {@link RoomPeers.relay} of `batch` sends anything (`relaySends`). */
  relays(batch: readonly Relayed<P>[]): boolean {
    return relaySends(this.held.keys(), batch);
  }
}

/**
 * Fan-out of a group commit. Each batch goes to a peer as one frame: the batch's updates merged,
 * encoded once and the same bytes sent to every peer. After a stall (a slow disk, a descheduled
 * process) the backlog then costs one send per peer instead of one per update and peer, which is
 * what keeps the latency tail short under load.
 */
import * as Y from 'yjs';
import type { Relayed } from './commit-log.js';
import { encodeUpdate } from './protocol.js';

/** Anything a frame can be sent to. */
export interface Sink {
  send(frame: Uint8Array): void;
}

function frameOf(updates: Uint8Array[]): Uint8Array {
  return encodeUpdate(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
}

/**
 * Batches written by more peers than this go to everyone as the one merged frame, their own
 * edits included. Leaving each writer's own edits out costs a merge per writer, and with dozens
 * of writers that work grows with the batch, which grows with the time the work takes: at 32
 * writers × 100 edits/s the relay fell behind for good. Yjs skips what a client already has.
 */
export const MAX_ORIGINS_LEFT_OUT = 4;

/**
 * Send `batch` to `peers`. While few peers wrote the batch (one person typing is the usual
 * case), a writer gets the others' updates only, so nobody is sent their own edits back; a
 * batch from many writers goes to everyone as one frame (see {@link MAX_ORIGINS_LEFT_OUT}).
 */
export function relayBatch<P extends Sink>(peers: Iterable<P>, batch: readonly Relayed<P>[]): void {
  if (batch.length === 0) return;
  if (batch.length === 1) return relayOne(peers, batch[0] as Relayed<P>);
  const origins = new Set(batch.map((r) => r.origin));
  origins.delete(null);
  let all: Uint8Array | null = null;
  const withoutOwn = new Map<P, Uint8Array | null>();
  const leaveOut = origins.size <= MAX_ORIGINS_LEFT_OUT;
  for (const peer of peers) {
    if (!leaveOut || !origins.has(peer)) {
      all ??= frameOf(batch.map((r) => r.update));
      peer.send(all);
      continue;
    }
    let frame = withoutOwn.get(peer);
    if (frame === undefined) {
      const others = batch.filter((r) => r.origin !== peer).map((r) => r.update);
      frame = others.length === 0 ? null : frameOf(others);
      withoutOwn.set(peer, frame);
    }
    if (frame) peer.send(frame);
  }
}

/**
 * Whether {@link relayBatch} of `batch` to `peers` sends anything: false when every peer is the
 * origin of an update it holds and is left out of it (one writer alone in the room, or no peer).
 */
export function relaySends<P>(peers: Iterable<P>, batch: readonly Relayed<P>[]): boolean {
  if (batch.length === 0) return false;
  const origins = new Set(batch.map((r) => r.origin));
  origins.delete(null);
  // A batch of many writers goes to every peer (`relayBatch`); otherwise a peer is sent the updates it did not write.
  const everyone = batch.length > 1 && origins.size > MAX_ORIGINS_LEFT_OUT;
  for (const peer of peers) if (everyone || batch.some((r) => r.origin !== peer)) return true;
  return false;
}

/** One update (the usual batch at a few edits a second): to every peer but its origin, encoded once. */
function relayOne<P extends Sink>(peers: Iterable<P>, { update, origin }: Relayed<P>): void {
  let frame: Uint8Array | null = null;
  for (const peer of peers) {
    if (peer === origin) continue;
    frame ??= encodeUpdate(update);
    peer.send(frame);
  }
}

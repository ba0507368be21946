/**
 * What a room's commit log (`commit-log.ts`) sees of its room (`room.ts`): where it hands another
 * process's stored update to be applied and sent, where it relays what it stored, the state a
 * snapshot is made of, and whom it tells that a write failed.
 */
import * as Y from 'yjs';
import type { CommitLogHost } from './commit-log.js';
import { encodeFresh } from './room-fresh.js';
import type { RoomApply } from './room-apply.js';
import type { RoomPeers } from './room-peers.js';
import type { Peer, RoomDeps } from './room-types.js';
import { encodeUpdate } from './protocol.js';

/** The parts of a room its log's host reads, each as it is when called. */
export interface LogHostRoom {
  readonly peers: RoomPeers<Peer>;
  readonly apply: RoomApply;
  readonly deps: Pick<RoomDeps, 'group'>;
  /** The doc when it is built, without building it. */
  current(): Y.Doc | null;
  /** The live doc (`Room.doc`: built now if it was not; what waits unapplied applied first). */
  doc(): Y.Doc;
  /** Store, then relay, an update the server writes (values of a foreign update written again). */
  push(update: Uint8Array): void;
  /** A write failed: the doc is ahead of storage and is reloaded (`Recovery.start`). */
  broke(err: unknown, origins: Set<Peer | null>): void;
}

/** The commit-log host of `room`. */
export function roomLogHost(room: LogHostRoom): CommitLogHost<Peer> {
  const { peers, apply } = room;
  const applyLater = (): void => apply.applyLater(); // put off by a group commit until every room relayed
  return {
    applyForeign: (update) => {
      // Stored already (another process committed it): sent before this doc applies it, which waits until the doc is
      // read while no take-back is remembered (`RoomApply.keepForeign`). Values of it that lost to a take-back of this
      // room are written again (`take-backs.ts`), stored, then relayed after it.
      peers.sendAll(encodeUpdate(update));
      if (room.current() && apply.keepForeign(update)) return;
      const rewrite = apply.applyForeign(room.doc(), update);
      if (rewrite) room.push(rewrite);
    },
    relay: (updates) => (peers.relay(updates), room.deps.group ? room.deps.group.afterRelays(applyLater) : applyLater()), // after the frames
    relays: (updates) => peers.relays(updates),
    snapshot: () => Y.encodeStateAsUpdateV2(room.doc()),
    fresh: () => encodeFresh(room.doc()),
    takeBacks: (stored) => apply.takeBacks.receiveAll(room.doc(), stored),
    // Never while no take-back is remembered, and so without reading the doc (which applies what waits).
    needsTakeBacks: (update) => !apply.takeBacks.idle && apply.takeBacks.needsStored(room.doc(), update),
    broke: (err, origins) => room.broke(err, origins),
  };
}

/**
 * A room's presence as the room builds it: the limits it is checked against, and where what it
 * relays goes (every peer of the room but the sender, the sender's echo, and other processes
 * through the fanout). What is dropped and why is `presence.ts`.
 */
import type { DocRef } from '../storage/storage.js';
import { Presence } from './presence.js';
import { PresenceLimits } from '../../shared/protocol/awareness.js';
import type { Peer, RoomDeps } from './room-types.js';
import type { Principal } from './principal.js';
import { decodeAwarenessUpdate } from './protocol.js';
import type * as Y from 'yjs';
import { rowsMap } from '../../shared/doc/create.js';

/** A presence state not renewed for this long is removed (y-protocols' `outdatedTimeout`), in ms. */
const PRESENCE_OUTDATED_MS = 30_000;

/**
 * The presence of the room of document `ref`, whose connected peers are `peers` (each with the
 * awareness client ids it holds, kept up to date by the presence). States are at most
 * `deps.options.maxAwarenessStateBytes` bytes of JSON and a peer holds at most
 * `PresenceLimits.maxClientIds` client ids; a dropped entry counts in `deps.metrics.frameRefused('presence')`.
 * A relayed frame is published to other processes (`deps.fanout`) and sent to every peer but its
 * origin, which gets `echo` instead when there is one. A `row` other than one of the shape the pane
 * makes is relayed only while the document holds that row: `stored()`, when not null, gives its row
 * ids (a room not built yet, `Unbuilt.rows`); else the doc the room holds now (`doc.held()`, null
 * when none) is asked first, and only a row it lacks is looked for in `doc.read()`, which first
 * applies the updates of other processes waiting unapplied (`RoomApply.keepForeign`): a cursor in
 * an imported row does not apply them at each move. (A row a waiting update deletes is still
 * relayed: its id is the document's, not text of the sender's choosing.)
 */
export function roomPresence(
  ref: DocRef,
  peers: Map<Peer, Set<number>>,
  deps: RoomDeps,
  doc: { held: () => Y.Doc | null; read: () => Y.Doc },
  stored: () => ReadonlySet<string> | null = () => null,
): Presence<Peer> {
  return new Presence(peers, {
    docId: ref.doc,
    maxStateBytes: deps.options.maxAwarenessStateBytes,
    maxClientIds: PresenceLimits.maxClientIds,
    outdatedMs: PRESENCE_OUTDATED_MS,
    relay: (frame, origin, echo) => {
      deps.fanout?.publishAwareness(ref, frame);
      for (const peer of peers.keys()) {
        if (peer !== origin) peer.send(frame);
        else if (echo) peer.send(echo);
      }
    },
    send: (peer, frame) => peer.send(frame),
    dropped: () => deps.metrics.frameRefused('presence'),
    hasRow: (row) => {
      const ids = stored();
      if (ids) return ids.has(row);
      const held = doc.held();
      return (held !== null && rowsMap(held).has(row)) || rowsMap(doc.read()).has(row);
    },
  });
}

/** Publish the presence of the peers of this process to the others (another process loaded the document). */
export function announcePresence(ref: DocRef, presence: Presence<Peer>, deps: RoomDeps): void {
  const { frame, count } = presence.local();
  if (count > 0) deps.fanout?.publishAwareness(ref, frame);
}

/**
 * Relay `peer`'s presence frame `update` as `author` (its member's name, role and id replace what
 * the client sent); what is dropped is in `presence.ts`. A frame takes one token of the peer's
 * `rate`, unless it only passes on states the server stamped (`Presence.echoesOnly`). Returns
 * 'malformed' (not an awareness update), 'rate-limited' (nothing taken) or 'ok'.
 */
export function receivePeerPresence(
  presence: Presence<Peer>,
  peer: Peer,
  update: Uint8Array,
  author: Pick<Principal, 'memberId' | 'name' | 'role'>,
  rate: { take(): boolean } | null,
): 'ok' | 'malformed' | 'rate-limited' {
  const entries = decodeAwarenessUpdate(update);
  if (!entries) return 'malformed';
  if (rate && !presence.echoesOnly(peer, entries) && !rate.take()) return 'rate-limited';
  presence.receive(peer, author, entries);
  return 'ok';
}

/**
 * A room's peers (`room-peers.ts`): the count told on joins and leaves, and a committed batch
 * relayed to every peer but its origin, one update framed once and the same bytes sent to each,
 * also when a peer leaves while it is sent the frame (a send that closes a slow reader).
 */
import { describe, expect, it } from 'vitest';
import { RoomPeers } from '../../../server/sync/room-peers.js';
import { decodeMessage } from '../../../server/sync/protocol.js';
import type { Peer } from '../../../server/sync/room-types.js';

interface Recorder extends Peer {
  name: string;
  got: Uint8Array[];
}

function recorder(name: string, onSend?: () => void): Recorder {
  const got: Uint8Array[] = [];
  return {
    name,
    got,
    send(frame) {
      got.push(frame);
      onSend?.();
    },
    close: () => undefined,
  };
}

describe('RoomPeers', () => {
  it('tells every change in the number of peers, once per peer', () => {
    const deltas: number[] = [];
    const peers = new RoomPeers<Recorder>((d) => deltas.push(d));
    const [a, b] = [recorder('a'), recorder('b')];
    peers.add(a);
    peers.add(a);
    peers.add(b);
    expect(peers.remove(a)).toEqual(new Set());
    expect(peers.remove(a)).toBeUndefined();
    peers.add(a);
    peers.clear();
    expect(deltas).toEqual([1, 1, -1, 1, -2]);
    expect(peers.size).toBe(0);
    expect([...peers.keys()]).toEqual([]);
  });

  it('relays one update to every peer but its origin, the same frame to each, in join order', () => {
    const peers = new RoomPeers<Recorder>(() => undefined);
    const [a, b, c] = [recorder('a'), recorder('b'), recorder('c')];
    for (const p of [a, b, c]) peers.add(p);
    const update = Uint8Array.of(1, 2, 3);
    peers.relay([{ update, origin: b }]);
    expect(b.got).toEqual([]);
    expect(a.got).toHaveLength(1);
    expect(c.got[0]).toBe(a.got[0]);
    expect(decodeMessage(a.got[0] as Uint8Array)).toMatchObject({ type: 'update', update });
    // Alone with its own update: nothing is framed or sent.
    const alone = new RoomPeers<Recorder>(() => undefined);
    alone.add(a);
    alone.relay([{ update, origin: a }]);
    expect(a.got).toHaveLength(1);
  });

  it('sends to every other peer when one leaves while it is sent the frame', () => {
    const peers = new RoomPeers<Recorder>(() => undefined);
    const slow: Recorder = recorder('slow', () => void peers.remove(slow));
    const [a, b] = [recorder('a'), recorder('b')];
    for (const p of [a, slow, b]) peers.add(p);
    peers.relay([{ update: Uint8Array.of(7), origin: null }]);
    expect([a.got.length, slow.got.length, b.got.length]).toEqual([1, 1, 1]);
    expect(peers.size).toBe(2);
    // Gone from the next relay, the others still in order.
    const later: string[] = [];
    for (const p of [a, b]) p.send = () => void later.push(p.name);
    slow.send = () => void later.push('slow');
    peers.relay([{ update: Uint8Array.of(8), origin: null }]);
    expect(later).toEqual(['a', 'b']);
  });
});

/**
 * A presence state naming a row whose id the guard reads a number in (`P850101x1236`, made before
 * the guard read it so; the document holds it) is relayed without its `row`: the person stays
 * shown to the others, and the id reaches no peer (the whole state was dropped before).
 */
import { describe, expect, it } from 'vitest';
import { Presence, type PresenceDrop } from '../../../server/sync/presence.js';
import { decodeAwarenessUpdate, decodeMessage } from '../../../server/sync/protocol.js';

const LEGACY = 'P850101x1236';
const author = { memberId: 'anna', name: 'Anna', role: 'editor' as const };

/** A room's presence whose document holds the row `LEGACY`, and the states and drops it relayed. */
function room(): { presence: Presence<string>; relayed: unknown[]; drops: PresenceDrop[] } {
  const relayed: unknown[] = [];
  const drops: PresenceDrop[] = [];
  const presence = new Presence<string>(new Map([['peer', new Set<number>()]]), {
    docId: 'plan-a',
    maxStateBytes: 4096,
    maxClientIds: 8,
    outdatedMs: 30_000,
    relay: (frame) => {
      const m = decodeMessage(frame);
      for (const e of m.type === 'awareness' ? (decodeAwarenessUpdate(m.update) ?? []) : []) relayed.push(JSON.parse(e.json));
    },
    send: () => undefined,
    dropped: (reason) => drops.push(reason),
    hasRow: (row) => row === LEGACY,
  });
  return { presence, relayed, drops };
}

describe('presence on a row whose id the guard reads a number in', () => {
  it.each([LEGACY, 'a850101b1236'])('relays the person without the row %j', (row) => {
    const { presence, relayed, drops } = room();
    presence.receive('peer', author, [{ clientId: 7, clock: 1, json: JSON.stringify({ user: { name: 'Anna' }, row }) }]);
    expect(drops).toEqual([]);
    expect(relayed).toEqual([{ user: { name: 'Anna', role: 'editor', memberId: 'anna' } }]);
    presence.destroy();
  });
});

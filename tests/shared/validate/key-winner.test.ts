/**
 * keyWinner says which item a map key holds once an update's items for it land, as Yjs decides
 * it: held against Yjs itself over seeded concurrent writes of three clients (each one to three
 * values, in any client-id order, some writes seen by others before they wrote).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keyWinner } from '../../../shared/validate/key-winner.js';
import { prng } from '../../support/personnummer-families.js';

/** What each client writes to key `k` of map `m`, offline from the others but for those it has seen. */
function writes(random: () => number, base: Uint8Array, clients: readonly number[]): Uint8Array[] {
  const seen: Uint8Array[] = [];
  return clients.map((id, n) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    Y.applyUpdate(doc, base);
    // Sometimes a client has seen what the one before it wrote.
    if (n > 0 && random() < 0.3) Y.applyUpdate(doc, seen[n - 1] as Uint8Array);
    const before = Y.encodeStateVector(doc);
    const times = 1 + Math.floor(random() * 3);
    for (let t = 0; t < times; t++) doc.getMap('m').set('k', `${id}-${t}`);
    const update = Y.encodeStateAsUpdate(doc, before);
    seen.push(update);
    return update;
  });
}

describe('keyWinner', () => {
  it('picks the item Yjs leaves as the value, over seeded concurrent writes', () => {
    const random = prng(5218);
    const won = { doc: 0, update: 0 };
    for (let trial = 0; trial < 80; trial++) {
      const base = new Y.Doc();
      base.clientID = 1 + Math.floor(random() * 1e6);
      if (random() < 0.7) base.getMap('m').set('k', 'base');
      const clients = [0, 1, 2].map(() => 1 + Math.floor(random() * 1e6));
      const [a, b, c] = writes(random, Y.encodeStateAsUpdate(base), clients) as [Uint8Array, Uint8Array, Uint8Array];
      const server = new Y.Doc();
      Y.applyUpdate(server, Y.encodeStateAsUpdate(base));
      Y.applyUpdate(server, a);
      Y.applyUpdate(server, b);
      const current = server.getMap('m')._map.get('k');
      const incoming = Y.decodeUpdate(c).structs.filter((s): s is Y.Item => s instanceof Y.Item && s.id.clock >= Y.getState(server.store, s.id.client));
      const winner = keyWinner(current, incoming);
      const after = new Y.Doc();
      Y.applyUpdate(after, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(after, c);
      const value = after.getMap('m').get('k');
      const expected = after.getMap('m')._map.get('k') as Y.Item;
      expect(winner === null ? null : [winner.id.client, winner.id.clock + winner.length - 1], `trial ${trial}`).toEqual([expected.id.client, expected.id.clock + expected.length - 1]);
      expect(value).toBeDefined();
      won[winner === current ? 'doc' : 'update']++;
    }
    // Both outcomes were met: the stored value staying, and the update's winning.
    expect(won.doc).toBeGreaterThan(10);
    expect(won.update).toBeGreaterThan(10);
  });

  it('answers the doc\'s item when the update writes nothing of the key, and null for a key never written', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'x');
    const current = doc.getMap('m')._map.get('k');
    expect(keyWinner(current, [])).toBe(current);
    expect(keyWinner(undefined, [])).toBeNull();
  });
});

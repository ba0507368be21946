/**
 * `keepLostSets` (`take-back-items.ts`) runs on every update a room integrates. An ordinary cell
 * overwrite deletes only the value it replaced, which the doc held before: no set of the update
 * lost, and the check must not walk every client the doc's store holds (a document edited for a
 * year holds one per pane session that ever wrote), as it did per edit.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keepLostSets } from '../../../server/sync/take-backs.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

/** The store's client map, counting every walk over it. */
class CountedClients<K, V> extends Map<K, V> {
  walks = 0;
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.walks++;
    return super[Symbol.iterator]();
  }
  override entries(): MapIterator<[K, V]> {
    this.walks++;
    return super.entries();
  }
  override keys(): MapIterator<K> {
    this.walks++;
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.walks++;
    return super.values();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void): void {
    this.walks++;
    super.forEach(fn);
  }
}

/** A doc whose row `ra` was written by `writers` clients in turn, and a client holding all of it. */
function editedBy(writers: number): { doc: Y.Doc; client: Y.Doc } {
  const doc = new Y.Doc();
  insertRow(doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  for (let i = 0; i < writers; i++) {
    doc.clientID = 10_000 + i;
    setCells(doc, 'ra', { measure: `Ändring ${i}` });
  }
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  return { doc, client };
}

/** `keepLostSets` of the transaction applying `update` to `doc`, with the walks it made over the store's clients. */
function keptWithWalks(doc: Y.Doc, update: Uint8Array): { kept: number; walks: number } {
  let kept = -1;
  let walks = -1;
  doc.transact((tr) => {
    Y.applyUpdate(doc, update);
    const store = doc.store as unknown as { clients: Map<number, unknown> };
    const real = store.clients;
    const counted = new CountedClients(real);
    store.clients = counted;
    try {
      kept = keepLostSets(tr);
    } finally {
      store.clients = real;
    }
    walks = counted.walks;
  });
  return { kept, walks };
}

describe('keepLostSets on a cell overwrite', () => {
  it('keeps nothing and does not walk the 500 clients of the store', () => {
    const { doc, client } = editedBy(500);
    expect(doc.store.clients.size).toBeGreaterThan(500);
    const sv = Y.encodeStateVector(client);
    setCells(client, 'ra', { measure: 'Ny' });
    expect(keptWithWalks(doc, Y.encodeStateAsUpdate(client, sv))).toEqual({ kept: 0, walks: 0 });
    expect(rowsMap(doc).get('ra')?.get('measure')).toBe('Ny');
  });

  it('still keeps a concurrent set that lost, in the same doc', () => {
    const { doc, client } = editedBy(500);
    const sv = Y.encodeStateVector(client);
    // The client's set races one the doc takes first from a client of a higher id: the client's loses.
    client.clientID = 1;
    setCells(client, 'ra', { measure: 'Förlorar' });
    doc.clientID = 0x7fff_ffff;
    setCells(doc, 'ra', { measure: 'Vinner' });
    const { kept } = keptWithWalks(doc, Y.encodeStateAsUpdate(client, sv));
    expect(kept).toBe(1);
    expect(rowsMap(doc).get('ra')?.get('measure')).toBe('Vinner');
  });
});

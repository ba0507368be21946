/**
 * The row ids a stored fresh state holds, read from its bytes without building the doc
 * (`rootMapKeys`, used for a presence naming a row while a room serves fresh clients from
 * storage): the same keys as the built doc's rows map, over documents three clients wrote
 * concurrently (rows made, deleted, made again under the same id, overwritten).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rootMapKeys } from '../../../server/sync/fresh-state.js';
import { Unbuilt } from '../../../server/sync/room-fresh.js';
import type { StoredDoc } from '../../../server/storage/storage.js';
import { ROWS_ROOT } from '../../../shared/doc/index.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sync = (from: Y.Doc, to: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('rootMapKeys', () => {
  it('lists what the built doc\u2019s rows map holds, over 100 generated documents', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = random(seed);
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const ids = ['Imported row 1', 'import-2', 'r3', 'Rad000000004', 'x'.repeat(64)];
      for (let step = 0; step < 40; step++) {
        const doc = docs[Math.floor(next() * docs.length)] as Y.Doc;
        const rows = doc.getMap<Y.Map<unknown>>(ROWS_ROOT);
        const id = ids[Math.floor(next() * ids.length)] as string;
        const op = next();
        if (op < 0.45) {
          const row = new Y.Map<unknown>();
          rows.set(id, row);
          row.set('title', `v${step}`);
        } else if (op < 0.7) rows.delete(id);
        else if (op < 0.85) rows.get(id)?.set('title', `w${step}`);
        else doc.getMap('meta').set('title', `t${step}`);
        if (next() < 0.3) sync(doc, docs[Math.floor(next() * docs.length)] as Y.Doc);
      }
      for (const a of docs) for (const b of docs) sync(a, b);
      const built = docs[0] as Y.Doc;
      // As the server stores it: the snapshot's doc, encoded V1 (`encodeFresh`).
      const stored = new Y.Doc();
      Y.applyUpdateV2(stored, Y.encodeStateAsUpdateV2(built));
      const update = Y.encodeStateAsUpdate(stored);
      const expected = [...built.getMap(ROWS_ROOT).keys()].sort();
      expect([...rootMapKeys(update, ROWS_ROOT)].sort(), `seed ${seed}`).toEqual(expected);
      expect([...rootMapKeys(Y.encodeStateAsUpdate(built), ROWS_ROOT)].sort(), `seed ${seed}`).toEqual(expected);
    }
  });

  it('gives no row ids, so that the room builds its doc, when the stored fresh bytes do not decode', () => {
    const doc = new Y.Doc();
    doc.getMap(ROWS_ROOT).set('import-1', 1);
    const whole = Y.encodeStateAsUpdate(doc);
    for (const update of [whole.slice(0, whole.byteLength - 3), new Uint8Array([200, 200, 200, 1]), new Uint8Array(0)]) {
      const unbuilt = new Unbuilt({} as StoredDoc, { kind: '', schemaVersion: 0, stateVector: Y.encodeStateVector(doc), update, checked: false });
      expect(unbuilt.rows()).toBeNull();
      expect(unbuilt.rows()).toBeNull();
    }
  });
});

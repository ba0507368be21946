/**
 * The row ids a stored fresh state holds, read from its bytes without building the doc
 * (`rootMapKeys`, used for a presence naming a row while a room serves fresh clients from
 * storage): the same keys as the built doc's rows map, over documents three clients wrote
 * concurrently (rows made, deleted, made again under the same id, overwritten).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { crc32 } from 'node:zlib';
import { decodeFresh, encodeFresh, rootMapKeys, rootMapValue } from '../../../server/sync/fresh-state.js';
import { Unbuilt } from '../../../server/sync/room-fresh.js';
import type { StoredDoc } from '../../../server/storage/storage.js';
import { createDoc, ROWS_ROOT } from '../../../shared/doc/index.js';

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

/**
 * `meta.title` read from the stored V1 bytes (`rootMapValue`), for the title check of a load,
 * which built every document a connect storm opened (`fresh-storm.test.ts`): what the built doc
 * holds, over renames by several clients, concurrent ones, a deleted title, gc on and off.
 */
describe('rootMapValue', () => {
  it('reads the title the built doc holds, over 100 generated documents', () => {
    for (let seed = 1; seed <= 100; seed++) {
      let s = seed;
      const random = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      const gc = seed % 2 === 0;
      const docs = [1, 2, 3].map((i) => {
        const d = new Y.Doc({ gc });
        d.clientID = seed * 10 + i;
        return d;
      });
      for (let step = 0; step < 12; step++) {
        const d = docs[Math.floor(random() * docs.length)] as Y.Doc;
        const meta = d.getMap('meta');
        const pick = random();
        if (pick < 0.15) meta.delete('title');
        else if (pick < 0.3) meta.set('kind', 'activity-plan');
        else meta.set('title', pick < 0.4 ? 42 : `Plan ${seed}.${step}`);
        if (random() < 0.5) {
          const all = Y.mergeUpdates(docs.map((x) => Y.encodeStateAsUpdate(x)));
          for (const x of docs) Y.applyUpdate(x, all);
        }
      }
      const built = new Y.Doc({ gc });
      Y.applyUpdate(built, Y.mergeUpdates(docs.map((x) => Y.encodeStateAsUpdate(x))));
      const update = Y.encodeStateAsUpdate(built);
      expect(rootMapValue(update, 'meta', 'title'), `seed ${seed}`).toEqual(built.getMap('meta').get('title'));
    }
  });
});

/**
 * The title a load checks against the record (`Unbuilt.title`): carried by the fresh bytes
 * `encodeFresh` writes (format 3), so the check reads none of the update's structs; bytes an
 * earlier version wrote (format 2, no title) have it read from the update (`rootMapValue`).
 */
describe('Unbuilt.title', () => {
  const stored = (fresh: Uint8Array): StoredDoc => ({ snapshot: new Uint8Array([0]), updates: [], lastSeq: 1, fresh });
  const unbuilt = (bytes: Uint8Array): Unbuilt => new Unbuilt(stored(bytes), decodeFresh(bytes) as NonNullable<ReturnType<typeof decodeFresh>>);
  /** Fresh bytes of `format` as `encodeFresh` frames them, with `update` as given (checksum right). */
  const framed = (format: 2 | 3, title: string, update: Uint8Array): Uint8Array => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, format);
    encoding.writeVarString(encoder, 'activity-plan');
    encoding.writeVarUint(encoder, 1);
    if (format === 3) encoding.writeVarString(encoder, title);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
    encoding.writeVarUint8Array(encoder, update);
    const body = encoding.toUint8Array(encoder);
    const out = new Uint8Array(body.byteLength + 4);
    out.set(body);
    new DataView(out.buffer).setUint32(body.byteLength, crc32(body), true);
    return out;
  };

  it("is what encodeFresh wrote: the doc's title, '' for none", () => {
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-a', schemaVersion: 1 });
    expect(unbuilt(encodeFresh(doc)).title()).toBe('Aktivitetsplan 2026');
    expect(unbuilt(encodeFresh(new Y.Doc())).title()).toBe('');
  });

  it('reads no struct of the update when the bytes carry the title', () => {
    // An update that does not decode: only bytes that carry the title give one.
    const garbage = new Uint8Array([200, 200, 200, 200]);
    expect(unbuilt(framed(3, 'Plan', garbage)).title()).toBe('Plan');
    expect(unbuilt(framed(2, 'Plan', garbage)).title()).toBeUndefined();
  });

  it("reads an earlier version's bytes (format 2) from the update", () => {
    const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-a', schemaVersion: 1 });
    expect(unbuilt(framed(2, '', Y.encodeStateAsUpdate(doc))).title()).toBe('Aktivitetsplan 2026');
  });
});

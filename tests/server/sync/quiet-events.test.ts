/**
 * A room's doc (`RoomApply.watch`) makes no `Map` per transaction for the events Yjs emits that
 * nobody listens to (lib0's `emit` made one each: six per edit), and a listener added to such an
 * event later is still called, and no longer once taken off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/index.js';
import { RoomApply } from '../../../server/sync/room-apply.js';
import type { Loaded } from '../../../server/sync/load-doc.js';
import { EVERY_TRANSACTION } from '../../../server/sync/quiet-events.js';

const RealMap = globalThis.Map;
afterEach(() => {
  globalThis.Map = RealMap;
});

/** How many `Map`s `fn` makes. */
function mapsMade(fn: () => void): number {
  let made = 0;
  globalThis.Map = class CountedMap<K, V> extends RealMap<K, V> {
    constructor(entries?: readonly (readonly [K, V])[] | null) {
      super(entries);
      made++;
    }
  } as MapConstructor;
  try {
    fn();
  } finally {
    globalThis.Map = RealMap;
  }
  return made;
}

function planDoc(): Y.Doc {
  return createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
}

function watched(doc: Y.Doc): RoomApply {
  const room = new RoomApply(() => undefined);
  room.watch({ doc, tail: 0, lastSeq: 0, wrote: null, takeBacks: [] } as unknown as Loaded);
  return room;
}

describe('a room doc and the events nobody listens to', () => {
  it('emits them without making a Map', () => {
    const doc = planDoc();
    watched(doc);
    for (const name of EVERY_TRANSACTION) {
      expect(mapsMade(() => doc.emit(name as 'afterTransaction', [] as never))).toBe(0);
    }
  });

  it('makes six Maps fewer per transaction than a doc not watched', () => {
    const plain = planDoc();
    const room = planDoc();
    watched(room);
    // The room's doc has its one `update` listener; the plain doc one too, so Yjs encodes for both.
    plain.on('update', () => undefined);
    const edit = (doc: Y.Doc, n: number) => () => doc.transact(() => doc.getMap('meta').set('title', `Plan ${n}`));
    // Warmed alike: both docs hold one edit of their own before the count.
    edit(plain, 0)();
    edit(room, 0)();
    const counts = [1, 2, 3].map((n) => [mapsMade(edit(plain, n)), mapsMade(edit(room, n))] as const);
    for (const [plainMaps, roomMaps] of counts) expect(plainMaps - roomMaps).toBe(EVERY_TRANSACTION.length);
  });

  it('still calls a listener added later, and not once it is taken off', () => {
    const doc = planDoc();
    watched(doc);
    const calls: string[] = [];
    const after = (): void => void calls.push('after');
    doc.on('afterTransaction', after);
    doc.transact(() => doc.getMap('meta').set('title', 'Ett'));
    doc.off('afterTransaction', after);
    doc.transact(() => doc.getMap('meta').set('title', 'Två'));
    expect(calls).toEqual(['after']);
    expect(mapsMade(() => doc.emit('beforeTransaction', [] as never))).toBe(0);
  });

  it('leaves the update events to Yjs: updates are emitted as before', () => {
    const doc = planDoc();
    watched(doc);
    expect(doc._observers.has('updateV2')).toBe(false);
    const seen: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => seen.push(u));
    doc.transact(() => doc.getMap('meta').set('title', 'Tre'));
    expect(seen.length).toBe(1);
  });
});

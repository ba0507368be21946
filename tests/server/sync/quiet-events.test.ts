/**
 * A room's doc (`RoomApply.watch`) makes no `Map` per transaction for the events Yjs emits that
 * nobody listens to (lib0's `emit` made one each: six per edit), copies no listener list to emit
 * an event (lib0's made an iterator, an array and a closure per emit), and hides its `update`
 * listeners from Yjs for an update applied as it came without taking them out of its listener map;
 * a listener added to an event later is still called, and no longer once taken off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import { RoomApply, type Applying } from '../../../server/sync/room-apply.js';
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

/** How many times `fn` asks a `Set` for its values (what lib0's `emit` copies a listener set through). */
function setValuesRead(fn: () => void): number {
  const values = Set.prototype.values;
  let read = 0;
  Set.prototype.values = function (this: Set<unknown>) {
    read++;
    return values.call(this);
  };
  try {
    fn();
  } finally {
    Set.prototype.values = values;
  }
  return read;
}

describe('a room doc emitting its events', () => {
  it('copies no listener set: a transaction reads no Set, where a plain doc reads its update listeners', () => {
    const plain = planDoc();
    const room = planDoc();
    watched(room);
    plain.on('update', () => undefined);
    const edit = (doc: Y.Doc, n: number) => () => doc.transact(() => doc.getMap('meta').set('title', `Plan ${n}`));
    edit(plain, 0)();
    edit(room, 0)();
    // lib0 reads the plain doc's one listener set (`update`; its other events have none, a Map made
    // each); the room doc's seven (six events given empty sets, and `update`) are read by no copy.
    for (const n of [1, 2, 3]) expect([setValuesRead(edit(plain, n)), setValuesRead(edit(room, n))]).toEqual([1, 0]);
  });

  it('calls the listeners there were when the event began, in order, with its arguments', () => {
    const doc = planDoc();
    watched(doc);
    const calls: string[] = [];
    const late = (a: unknown): void => void calls.push(`late ${String(a)}`);
    const first = (a: unknown, b: unknown): void => {
      calls.push(`first ${String(a)} ${String(b)}`);
      doc.on('afterTransaction', late);
    };
    doc.on('afterTransaction', first);
    doc.emit('afterTransaction', ['a', 'b'] as never);
    expect(calls).toEqual(['first a b']);
    const second = (a: unknown): void => void calls.push(`second ${String(a)}`);
    doc.on('afterTransaction', second);
    doc.off('afterTransaction', late);
    doc.emit('afterTransaction', ['c', 'd'] as never);
    // `first` adds `late` again while the event runs: called at the next one, not this.
    expect(calls).toEqual(['first a b', 'first c d', 'second c']);
  });
});

describe('a room doc applying a one-cell write as it came', () => {
  it('hides its update listeners without taking them out of its listener map, and hands them the bytes that came', () => {
    const doc = planDoc();
    const rowId = insertRow(doc, { title: 'Hälsodag' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    let update: Uint8Array = new Uint8Array();
    client.on('update', (u: Uint8Array) => (update = u));
    setCell(client, rowId, 'comment', 'tisdagar');
    const room = watched(doc);
    const heard: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => heard.push(u));
    const observers = doc._observers;
    const changed: string[] = [];
    const [del, set] = [observers.delete.bind(observers), observers.set.bind(observers)];
    observers.delete = (name: string) => (changed.push(`delete ${name}`), del(name));
    observers.set = (name: string, listeners: Set<never>) => (changed.push(`set ${name}`), set(name, listeners));
    const applied = room.integrate(doc, update, null, {} as Applying);
    expect(changed).toEqual([]);
    expect(applied?.update).toBe(update);
    expect(heard).toEqual([update]);
    expect(heard[0]).toBe(update);
    expect(doc.getMap('rows').toJSON()[rowId].comment).toBe('tisdagar');
  });
});

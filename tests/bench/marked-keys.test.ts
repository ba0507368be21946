import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forEachMarkedKey, onFirstKeys, type MarkedReader } from '../../bench/support/marked-keys.js';

const keysOf = (update: Uint8Array, marker: string): string[] => {
  const keys: string[] = [];
  forEachMarkedKey(update, Buffer.from(marker), (key) => keys.push(key));
  return keys;
};

/** One writer's update replacing its cell's first key with `key` (a value and a deletion, as a bench writer's edit). */
const replaced = (writer: number, first: string, key: string): Uint8Array => {
  const doc = new Y.Doc();
  doc.getMap('rows').set(`w${writer}`, first);
  const before = Y.encodeStateVector(doc);
  doc.getMap('rows').set(`w${writer}`, key);
  return Y.encodeStateAsUpdate(doc, before);
};

describe('forEachMarkedKey', () => {
  it('finds every edit key a Yjs update carries as a whole value, in order, and nothing else', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.transact(() => {
      doc.getMap('rows').set('a', 'r1-42');
      doc.getMap('rows').set('b', 'r1-7');
      doc.getMap('rows').set('c', 'r2-9');
      doc.getMap('rows').set('d', 'r1-');
      doc.getMap('rows').set('e', 'r1-5 Promenad');
      doc.getMap('rows').set('f', 'r1-x');
    });
    expect(keysOf(updates[0] as Uint8Array, 'r1-')).toEqual(['r1-42', 'r1-7']);
    expect(keysOf(updates[0] as Uint8Array, 'r3-')).toEqual([]);
  });

  it('reads a view into a larger buffer only within the view', () => {
    const whole = Buffer.from('\u0003x-1\u0004x-22\u0005x-333');
    expect(keysOf(whole.subarray(4, 9), 'x-')).toEqual(['x-22']);
    expect(keysOf(whole.subarray(4, 12), 'x-')).toEqual(['x-22']);
  });

  // A server relaying a group commit as one merged frame: the last key is followed by the delete
  // set's client count, an ASCII digit when 48–57 writers each replaced their value.
  it.each([1, 47, 48, 50, 57, 58, 64])('finds each key of an update merged from %i writers, whatever byte follows it', (writers) => {
    const keys = Array.from({ length: writers }, (_, w) => `r1-${1000 + w}`);
    const merged = Y.mergeUpdates(keys.map((key, w) => replaced(w, `r0-${w}`, key)));
    expect(keysOf(merged, 'r1-').sort()).toEqual([...keys].sort());
  });

  // Under load a group holds many edits of one writer: its struct count follows the string before it.
  it.each([47, 48, 53, 57, 58])('finds the key before a writer of %i structs in a merged update', (structs) => {
    const first = new Y.Doc();
    first.clientID = 2;
    first.getMap('rows').set('a', 'r1-7001');
    const next = new Y.Doc();
    next.clientID = 1;
    const keys = ['r1-7001', ...Array.from({ length: structs }, (_, i) => `r1-${100 + i}`)];
    for (const key of keys.slice(1)) next.getMap('rows').set(`b${keys.indexOf(key)}`, key);
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(first), Y.encodeStateAsUpdate(next)]);
    expect(keysOf(merged, 'r1-').sort()).toEqual([...keys].sort());
  });
});

describe('onFirstKeys', () => {
  /** A Yjs update whose cell values are `keys`. */
  const frame = (...keys: string[]): Uint8Array => {
    const doc = new Y.Doc();
    doc.transact(() => keys.forEach((key, i) => doc.getMap('rows').set(`c${i}`, key)));
    return Y.encodeStateAsUpdate(doc);
  };

  it('offers each reader every key of its tag in a frame, and a counted key to each reader once', () => {
    const readers: MarkedReader[] = [{ onRemote: null }, { onRemote: null }];
    const got: string[] = [];
    onFirstKeys(readers, 'r1', (key) => (got.push(key), true));
    readers[0]!.onRemote!(frame('r1-1', 'r1-2', 'r2-1'));
    readers[0]!.onRemote!(frame('r1-2', 'r1-3'));
    readers[1]!.onRemote!(frame('r1-1'));
    expect(got).toEqual(['r1-1', 'r1-2', 'r1-3', 'r1-1']);
  });

  it('offers a key again while it is not counted, with the time its frame came', () => {
    const reader: MarkedReader = { onRemote: null };
    const offers: [string, number][] = [];
    let sent = false;
    onFirstKeys([reader], 'r1', (key, now) => (offers.push([key, now]), sent));
    reader.onRemote!(frame('r1-7'));
    sent = true;
    reader.onRemote!(frame('r1-7'));
    reader.onRemote!(frame('r1-7'));
    expect(offers.map(([key]) => key)).toEqual(['r1-7', 'r1-7']);
    expect(offers[1]![1]).toBeGreaterThanOrEqual(offers[0]![1]);
  });
});

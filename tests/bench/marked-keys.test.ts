import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { forEachMarkedKey } from '../../bench/support/marked-keys.js';

const keysOf = (update: Uint8Array, marker: string): string[] => {
  const keys: string[] = [];
  forEachMarkedKey(update, Buffer.from(marker), (key) => keys.push(key));
  return keys;
};

describe('forEachMarkedKey', () => {
  it('finds every edit key a Yjs update carries, in order, and nothing else', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.transact(() => {
      doc.getMap('rows').set('a', 'r1-42 Promenad');
      doc.getMap('rows').set('b', 'r1-7');
      doc.getMap('rows').set('c', 'r2-9 r1- r1-x');
    });
    expect(keysOf(updates[0] as Uint8Array, 'r1-')).toEqual(['r1-42', 'r1-7', 'r1-', 'r1-']);
    expect(keysOf(updates[0] as Uint8Array, 'r3-')).toEqual([]);
  });

  it('reads a view into a larger buffer only within the view', () => {
    const whole = Buffer.from('x-1 x-22 x-333');
    expect(keysOf(whole.subarray(4, 8), 'x-')).toEqual(['x-22']);
  });
});

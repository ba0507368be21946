import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomApply } from '../../../server/sync/room-apply.js';

/**
 * Updates of other processes kept to apply later (`RoomApply.keepForeign`) fail one by one, as
 * when each was applied on receipt: one Yjs cannot apply does not take the ones after it with it.
 */
describe('RoomApply.applyDue', () => {
  it('applies the kept updates after one that Yjs cannot apply, then throws its error', () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getMap('m').set('a', 1);
    source.getMap('m').set('b', 2);
    const room = new RoomApply(() => undefined);
    const doc = new Y.Doc();
    expect(room.keepForeign(updates[0] as Uint8Array)).toBe(true);
    // Not an update: Yjs throws reading it.
    expect(room.keepForeign(new Uint8Array([255, 255, 255, 255, 255]))).toBe(true);
    expect(room.keepForeign(updates[1] as Uint8Array)).toBe(true);
    expect(() => room.applyDue(doc)).toThrow();
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
    // Nothing waits any more: the next read applies nothing again.
    expect(room.applyDue(doc)).toBe(doc);
  });
});

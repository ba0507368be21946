import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DUE_BYTES, DUE_TOTAL_BYTES, DueBudget, processDueBudget, RoomApply } from '../../../server/sync/room-apply.js';

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

/**
 * What waits unapplied counts against one bound for all the rooms of a process
 * (`DUE_TOTAL_BYTES`), not only each room's `DUE_BYTES`: a process whose clients only read held
 * up to 256 KiB per loaded document outside any bound.
 */
describe('RoomApply.keepForeign within the process budget', () => {
  // Not an update (never applied here): only its length counts.
  const full = new Uint8Array(DUE_BYTES);

  it('keeps no more than the process budget over all rooms, and gets the bytes back on apply and close', () => {
    const budget = processDueBudget();
    const start = budget.used;
    const rooms = Array.from({ length: Math.floor((DUE_TOTAL_BYTES - start) / DUE_BYTES) + 1 }, () => new RoomApply(() => undefined));
    const kept = rooms.map((room) => room.keepForeign(full));
    // Each room alone is within its own bound; together they fill the process's, and the last is applied at once.
    expect(kept.slice(0, -1).every(Boolean)).toBe(true);
    expect(kept.at(-1)).toBe(false);
    expect(budget.used).toBeLessThanOrEqual(DUE_TOTAL_BYTES);
    const [applied, closed, last] = [rooms[0]!, rooms[1]!, rooms.at(-1)!];
    // A room that applies what it kept (zeros read as an update of nothing) hands its bytes back.
    applied.applyDue(new Y.Doc());
    expect(last.keepForeign(full)).toBe(true);
    expect(applied.keepForeign(full)).toBe(false);
    closed.release();
    expect(applied.keepForeign(full)).toBe(true);
    for (const room of rooms) room.release();
    expect(budget.used).toBe(start);
  });

  it('counts a room budget of its own when given one', () => {
    const budget = new DueBudget(DUE_BYTES + 1);
    const a = new RoomApply(() => undefined, undefined, budget);
    const b = new RoomApply(() => undefined, undefined, budget);
    expect(a.keepForeign(full)).toBe(true);
    expect(b.keepForeign(new Uint8Array(2))).toBe(false);
    expect(b.keepForeign(new Uint8Array(1))).toBe(true);
    expect(budget.used).toBe(DUE_BYTES + 1);
  });
});

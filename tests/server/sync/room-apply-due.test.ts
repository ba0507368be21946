import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DUE_BYTES, RoomApply } from '../../../server/sync/room-apply.js';
import { DEFAULT_UNAPPLIED_MEMORY_MB, DueBudget, processDueBudget, unappliedMemoryMb } from '../../../server/sync/due-budget.js';

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
 * (`SAMPLAN_UNAPPLIED_MEMORY_MB`, `due-budget.ts`), not only each room's `DUE_BYTES`: a process whose clients only read held
 * up to 256 KiB per loaded document outside any bound.
 */
describe('RoomApply.keepForeign within the process budget', () => {
  // Not an update (never applied here): only its length counts.
  const full = new Uint8Array(DUE_BYTES);

  it('keeps no more than the process budget over all rooms, and gets the bytes back on apply and close', () => {
    const budget = processDueBudget();
    expect(budget.limitBytes).toBe(DEFAULT_UNAPPLIED_MEMORY_MB * 1e6);
    const start = budget.used;
    const rooms = Array.from({ length: Math.floor((budget.limitBytes - start) / DUE_BYTES) + 1 }, () => new RoomApply(() => undefined));
    const kept = rooms.map((room) => room.keepForeign(full));
    // Each room alone is within its own bound; together they fill the process's, and the last is applied at once.
    expect(kept.slice(0, -1).every(Boolean)).toBe(true);
    expect(kept.at(-1)).toBe(false);
    expect(budget.used).toBeLessThanOrEqual(budget.limitBytes);
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

  it('is read from SAMPLAN_UNAPPLIED_MEMORY_MB (megabytes, 0 keeps nothing), with a clear error for a value that is not a size', () => {
    expect(unappliedMemoryMb({})).toBe(DEFAULT_UNAPPLIED_MEMORY_MB);
    expect(unappliedMemoryMb({ SAMPLAN_UNAPPLIED_MEMORY_MB: ' 64 ' })).toBe(64);
    expect(unappliedMemoryMb({ SAMPLAN_UNAPPLIED_MEMORY_MB: '0' })).toBe(0);
    expect(() => unappliedMemoryMb({ SAMPLAN_UNAPPLIED_MEMORY_MB: '-2' })).toThrow('SAMPLAN_UNAPPLIED_MEMORY_MB must be a number of megabytes, 0 or more, not "-2"');
    const none = new RoomApply(() => undefined, undefined, new DueBudget(unappliedMemoryMb({ SAMPLAN_UNAPPLIED_MEMORY_MB: '0' }) * 1e6));
    expect(none.keepForeign(new Uint8Array(1))).toBe(false);
  });
});

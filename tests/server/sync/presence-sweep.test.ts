/**
 * Presence sweeps on one timer for the whole process (`shared-ticker.ts`): rooms holding states
 * arm one interval between them, not one each, and still remove a state not renewed for
 * `outdatedMs` within a tenth more; with no state left anywhere no timer is armed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Presence } from '../../../server/sync/presence.js';
import { decodeAwarenessUpdate, decodeMessage } from '../../../server/sync/protocol.js';
import { everyShared } from '../../../server/sync/shared-ticker.js';

const OUTDATED_MS = 30_000;
const author = { memberId: 'anna', name: 'Anna', role: 'editor' as const };

/** A room's presence with one peer, and the removals it relayed (client ids). */
function room(i: number): { presence: Presence<string>; removed: number[] } {
  const removed: number[] = [];
  const presence = new Presence<string>(new Map([['peer', new Set<number>()]]), {
    docId: `doc-${i}`,
    maxStateBytes: 4096,
    maxClientIds: 8,
    outdatedMs: OUTDATED_MS,
    relay: (frame) => {
      const m = decodeMessage(frame);
      const entries = m.type === 'awareness' ? (decodeAwarenessUpdate(m.update) ?? []) : [];
      removed.push(...entries.filter((e) => e.json === 'null').map((e) => e.clientId));
    },
    send: () => undefined,
    dropped: () => undefined,
  });
  return { presence, removed };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('presence sweeps', () => {
  it('arm one timer for a hundred rooms with presence, remove each state 30-33 s after it was set, and none once all are gone', () => {
    const rooms = Array.from({ length: 100 }, (_, i) => room(i));
    for (const [i, r] of rooms.entries()) {
      r.presence.receive('peer', author, [{ clientId: 1000 + i, clock: 1, json: JSON.stringify({ user: { name: 'Anna' } }) }]);
      vi.advanceTimersByTime(10); // the rooms saw their first state at different times
    }
    // One timer per room before: 100.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(OUTDATED_MS - 1000 - 100 * 10);
    expect(rooms.filter((r) => r.removed.length > 0)).toHaveLength(0);
    vi.advanceTimersByTime(OUTDATED_MS / 10 + 1000 + 100 * 10);
    expect(rooms.map((r) => r.removed)).toEqual(rooms.map((_, i) => [1000 + i]));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop with the room: a destroyed presence is swept no more, and the last one disarms the timer', () => {
    const [a, b] = [room(1), room(2)];
    a.presence.receive('peer', author, [{ clientId: 1, clock: 1, json: JSON.stringify({ user: { name: 'Anna' } }) }]);
    b.presence.receive('peer', author, [{ clientId: 2, clock: 1, json: JSON.stringify({ user: { name: 'Anna' } }) }]);
    expect(vi.getTimerCount()).toBe(1);
    a.presence.destroy();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(OUTDATED_MS * 1.2);
    expect(a.removed).toEqual([]);
    expect(b.removed).toEqual([2]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('everyShared', () => {
  it('calls every subscriber of a period on one timer, keeps calling the others when one throws, and stops each on its own', () => {
    const calls: string[] = [];
    const stopA = everyShared(500, () => calls.push('a'));
    const stopBad = everyShared(500, () => {
      throw new Error('sweep failed');
    });
    const stopB = everyShared(500, () => calls.push('b'));
    const stopOther = everyShared(700, () => calls.push('other'));
    expect(vi.getTimerCount()).toBe(2);
    expect(() => vi.advanceTimersByTime(500)).toThrow('sweep failed');
    expect(calls).toEqual(['a', 'b']);
    stopBad();
    stopA();
    stopA();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['a', 'b', 'other', 'b']);
    stopB();
    stopOther();
    expect(vi.getTimerCount()).toBe(0);
  });
});

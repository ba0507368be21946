import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ForeignWrites } from '../../../server/sync/foreign-writes.js';
import type { Room } from '../../../server/sync/room.js';

/** `count` loaded rooms of one workspace, each recording the head it is handed; and the storage calls made. */
function setUp(count: number) {
  const asked: { workspace: string; docs: readonly string[] }[] = [];
  const storage = {
    dataVersion: async () => 1,
    lastSeqs: async (workspace: string, docs: readonly string[]) => {
      asked.push({ workspace, docs });
      return new Map(docs.map((doc, i) => [doc, i % 2]));
    },
  };
  const heads: (number | undefined)[] = [];
  const rooms = Array.from({ length: count }, (_, i) => ({
    ref: { workspace: 'ws', doc: `plan-${i}` },
    checkForeign: async (head?: number) => void heads.push(head),
  })) as unknown as Room[];
  const look = new ForeignWrites({ storage, logger: pino({ level: 'silent' }), pollMs: 0, rooms: () => [] });
  return { asked, heads, rooms, look };
}

/**
 * Steps taken by array iterators (spreads, for…of over arrays) while `run` runs: a count of work
 * that does not depend on how busy the machine is.
 */
async function arraySteps(run: () => Promise<void>): Promise<number> {
  const original = Array.prototype[Symbol.iterator];
  let steps = 0;
  Array.prototype[Symbol.iterator] = function (this: unknown[]) {
    const inner = original.call(this);
    const counted = {
      next: () => {
        steps++;
        return inner.next();
      },
      [Symbol.iterator]: () => counted,
    };
    return counted as unknown as ArrayIterator<unknown>;
  };
  try {
    await run();
  } finally {
    Array.prototype[Symbol.iterator] = original;
  }
  return steps;
}

describe("the look for other writers' updates over many loaded rooms", () => {
  it('reads the last sequence numbers of all rooms of a workspace in one call and hands each room its own', async () => {
    const { asked, heads, rooms, look } = setUp(1000);
    await look.checkOf(rooms);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.docs).toEqual(Array.from({ length: 1000 }, (_, i) => `plan-${i}`));
    expect(heads).toHaveLength(1000);
    expect(heads.filter((h) => h === 1)).toHaveLength(500);
  });

  it('gathers the rooms in work linear in their number, not by copying the list at each room', async () => {
    // Copying the workspace's list at each room was quadratic: 2,000 rooms took about 2·10⁶
    // steps of array iteration, and 40,000 rooms minutes of one turn of the event loop.
    const count = 2000;
    const { heads, rooms, look } = setUp(count);
    const steps = await arraySteps(() => look.checkOf(rooms));
    expect(heads).toHaveLength(count);
    expect(steps).toBeLessThan(10 * count);
  });
});

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

/** The fastest of three looks over `count` rooms, in ms (the fastest: least disturbed by a busy machine). */
async function fastestLook(count: number): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const { rooms, look } = setUp(count);
    const started = performance.now();
    await look.checkOf(rooms);
    best = Math.min(best, performance.now() - started);
  }
  return best;
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

  it('gathers the rooms in time linear in their number: four times the rooms, about four times the time', async () => {
    // Copying the workspace's list at each room made it quadratic: 40,000 rooms took sixteen
    // times as long as 10,000 (8·10⁸ element copies, seconds of one turn of the event loop).
    await fastestLook(2500);
    const small = await fastestLook(10_000);
    const large = await fastestLook(40_000);
    expect(large / small).toBeLessThan(9);
  }, 120_000);
});

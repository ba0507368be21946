/**
 * The big doc's cold-load figures measure what their names say (`bench/support/big-doc.ts`): the
 * figure "until the room can take an edit" includes building the Y.Doc from storage, and the
 * figure "until a fresh client is answered" is served from the stored bytes without building it.
 * A change that made `acquire` build the doc, or the fresh answer build it, would make one of them
 * measure something else: `coldLoads` refuses to print such figures.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { seedBench } from '../../bench/support/bench-seed.js';
import { coldLoads, growth } from '../../bench/support/big-doc.js';

describe('coldLoads', () => {
  it('times a build for an editable room and none for a fresh client, beside the bare apply', async () => {
    const storage = createMemoryStorage();
    const snapshot = await seedBench(storage, 30);
    const [run, ...rest] = await coldLoads(storage, 'big', snapshot, 2, () => undefined, pino({ level: 'silent' }));
    expect(rest).toHaveLength(1);
    for (const figure of [run?.editable, run?.freshAnswered, run?.bareApply]) expect(figure).toBeGreaterThan(0);
    // The snapshot it applies is the stored doc's: the bare figure is of the same state.
    const bare = new Y.Doc();
    Y.applyUpdateV2(bare, snapshot);
    expect(bare.getMap('rows').size).toBe(30);
  });
});

describe('growth', () => {
  it('is each figure after less before', () => {
    const before = { rss: 100, heapUsed: 40, heapTotal: 60, external: 5, arrayBuffers: 2 };
    const after = { rss: 150, heapUsed: 55, heapTotal: 90, external: 9, arrayBuffers: 3 };
    expect(growth({ before, after })).toEqual({ rss: 50, heapUsed: 15, heapTotal: 30, external: 4, arrayBuffers: 1 });
  });
});

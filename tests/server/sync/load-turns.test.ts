import { afterEach, describe, expect, it } from 'vitest';
import { LoadTurns } from '../../../server/sync/load-turns.js';
import type { Lease } from '../../../server/sync/registry.js';
import { startTestServer, WS, type TestServer } from './support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('room loads a few per turn of the event loop', () => {
  it('starts at most perTurn loads a turn, in the order asked, and passes on answers and failures', async () => {
    const turns = new LoadTurns(3);
    const started: number[] = [];
    const asked = Array.from({ length: 7 }, (_, i) =>
      turns.run(async () => {
        started.push(i);
        if (i === 5) throw new Error('storage failed');
        return i * 10;
      }),
    );
    const settling = Promise.allSettled(asked);
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const settled = await settling;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([0, 10, 20, 30, 40, 'storage failed', 60]);
    expect(turns.pending).toBe(0);
  });

  it('refuses a batch size that is not a whole number of at least one', () => {
    expect(() => new LoadTurns(0)).toThrow(RangeError);
    expect(() => new LoadTurns(2.5)).toThrow(RangeError);
  });

  it('lets work queued during a storm of 40 loads run before the last of them, and loads every room once', async () => {
    server = await startTestServer();
    const { registry } = server.sync;
    const at = '2026-01-01T00:00:00.000Z';
    let loaded = 0;
    const leases: Promise<Lease>[] = [];
    for (let i = 0; i < 40; i++) {
      const ref = { workspace: WS, doc: `storm-${i}` };
      const record = { ...ref, kind: 'activity-plan' as const, title: ref.doc, ownerUnit: 'vc-husby', createdAt: at, updatedAt: at };
      // Two sockets of each document: one load between them.
      for (let k = 0; k < 2; k++) leases.push(registry.acquire(ref, record).then((lease) => (loaded++, lease)));
    }
    // A group commit of an edit elsewhere is such work (it runs on setImmediate).
    let loadedBeforeIt = -1;
    setImmediate(() => (loadedBeforeIt = loaded));
    const all = await Promise.all(leases);
    expect(loadedBeforeIt).toBeGreaterThanOrEqual(0);
    expect(loadedBeforeIt).toBeLessThan(80);
    expect(registry.stats().rooms).toBe(40);
    expect(new Set(all.map((l) => l.room)).size).toBe(40);
    for (const lease of all) lease.release();
  });
});

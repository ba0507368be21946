/**
 * Updates another process committed wait unapplied in a room that remembers no take-back
 * (`RoomApply.keepForeign`): relayed at once, applied together, in one transaction, when the room
 * next reads its doc (a read, a client's sync), or once `DUE_MAX` wait. A process whose clients of
 * a document only read so applies the other processes' edits in one transaction per batch
 * instead of one each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { DUE_MAX } from '../../../server/sync/room-apply.js';
import { otherProcessInserts, quietFanout, rowsOf } from './quiet-fanout.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];
const ref = { workspace: WS, doc: 'plan-a' };

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/** A server with two readers of plan-a, and its live doc with a count of its transactions. */
async function readersOnly(): Promise<{ fanout: ReturnType<typeof quietFanout>; live: Y.Doc; transactions: () => number }> {
  const fanout = quietFanout();
  server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
  for (let i = 0; i < 2; i++) clients.push(new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`));
  await Promise.all(clients.map((c) => c.synced));
  const live = await server.sync.registry.getDoc(ref);
  let n = 0;
  live.on('afterTransaction', () => n++);
  return { fanout, live, transactions: () => n };
}

describe('updates of other processes in a room whose clients only read', () => {
  it('are relayed at once and applied in one transaction when the doc is next read', async () => {
    const { fanout, live, transactions } = await readersOnly();
    const ids = ['row-x1', 'row-x2', 'row-x3', 'row-x4', 'row-x5'];
    for (const id of ids) await otherProcessInserts(server!, fanout, ref, id);
    for (const c of clients) await eventually(() => ids.every((id) => rowsOf(c).includes(id)), 3000, 'every row at every reader');
    // One transaction per update before; none until the doc is read now.
    expect(transactions()).toBe(0);
    expect([...live.getMap('rows').keys()]).not.toContain('row-x1');
    expect(await server!.sync.registry.getDoc(ref)).toBe(live);
    expect([...live.getMap('rows').keys()]).toEqual(expect.arrayContaining(ids));
    expect(transactions()).toBe(1);
  });

  it('are in what a client connecting later is sent', async () => {
    const { fanout } = await readersOnly();
    for (const id of ['row-y1', 'row-y2']) await otherProcessInserts(server!, fanout, ref, id);
    const late = new SyncClient(`${server!.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(late);
    await late.synced;
    await eventually(() => ['row-y1', 'row-y2'].every((id) => rowsOf(late).includes(id)), 3000, 'both rows at the late client');
  });

  it(`are applied without a read once ${DUE_MAX} wait`, async () => {
    const { fanout, live, transactions } = await readersOnly();
    for (let i = 0; i <= DUE_MAX; i++) await otherProcessInserts(server!, fanout, ref, `row-z${i}`);
    // The first DUE_MAX in one transaction, the one past them in its own.
    expect(transactions()).toBe(2);
    expect(live.getMap('rows').size).toBeGreaterThanOrEqual(DUE_MAX + 1);
  });
});

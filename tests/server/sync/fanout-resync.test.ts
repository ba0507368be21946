/**
 * The link to the other processes comes back (Redis reconnected) after messages may have been
 * lost: every loaded room reads from storage what it lacks, at once. Here the storage poll is a
 * minute away, so what reaches the client came through that catch-up; with the real Redis see
 * `tests/server/scale/cluster-stock.test.ts`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import type { Fanout, FanoutHandlers } from '../../../server/sync/fanout.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/** A fan-out that reports itself connected, delivers nothing by itself and records what it is asked. */
function quietFanout(): Fanout & { handlers: FanoutHandlers | null; asked: string[] } {
  const fanout = {
    handlers: null as FanoutHandlers | null,
    asked: [] as string[],
    publishUpdates: () => undefined,
    publishAwareness: () => undefined,
    askPresence: (ref: { doc: string }) => void fanout.asked.push(ref.doc),
    publishRights: () => undefined,
    connected: () => true,
    listen: (h: FanoutHandlers) => void (fanout.handlers = h),
    close: async () => undefined,
  };
  return fanout;
}

const rowsOf = (c: SyncClient): string[] => [...c.doc.getMap('rows').keys()];

describe('catching up once the link to the other processes is back', () => {
  it('reads the updates another process committed meanwhile from storage and relays them, and asks for presence again', async () => {
    const fanout = quietFanout();
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(client);
    await client.synced;
    // Another process committed a row; its message was lost while the link was down.
    const doc = new Y.Doc();
    insertRow(doc, { title: 'written during the outage' }, { id: 'missed-row' });
    await server.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: Y.encodeStateAsUpdate(doc), memberId: 'm-a' }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(rowsOf(client)).not.toContain('missed-row');
    fanout.handlers?.resync();
    await eventually(() => rowsOf(client).includes('missed-row'), 2000, 'the missed row after the catch-up');
    expect(fanout.asked).toEqual(['plan-a', 'plan-a']);
  });

  it('also takes in the take-backs stored with the updates it missed, so none of them is applied as a plain update', async () => {
    const fanout = quietFanout();
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const ref = { workspace: WS, doc: 'plan-a' };
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(client);
    await client.synced;
    // Another process: a row, then another unit's edit of it refused and taken back there.
    const other = new Y.Doc();
    const loaded = await server.storage.loadDoc(ref);
    if (loaded.snapshot) Y.applyUpdateV2(other, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(other, u);
    const start = Y.encodeStateVector(other);
    insertRow(other, { title: 'rad' }, { id: 'taken-back' });
    const row = Y.encodeStateAsUpdate(other, start);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(other));
    const before = Y.encodeStateVector(b);
    setCells(b, 'taken-back', { title: 'ändrad' });
    const stored: StoredTakeBack[] = [];
    const memory = new TakeBacks();
    const undo = applyAndUndo(other, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => memory.remember(tb, stored));
    expect(undo).not.toBeNull();
    expect(stored).toHaveLength(1);
    await server.storage.appendUpdates(ref, [
      { update: row, memberId: 'm-a' },
      { update: undo as Uint8Array, memberId: null, takeBacks: stored },
    ]);
    fanout.handlers?.resync();
    await eventually(() => rowsOf(client).includes('taken-back'), 2000, 'the missed updates after the catch-up');
    const remembered = await server.sync.registry.withDoc(ref, (room) => room.rememberedTakeBacks());
    expect(remembered).not.toBeNull();
  });
});

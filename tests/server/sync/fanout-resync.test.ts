/**
 * The link to the other processes comes back (Redis reconnected) after messages may have been
 * lost: every loaded room reads from storage what it lacks, at once. Here the storage poll is a
 * minute away, so what reaches the client came through that catch-up; with the real Redis see
 * `tests/server/scale/cluster-stock.test.ts`. The take-backs stored with the missed updates are
 * read in that catch-up too, and in the one a room makes once subscribed after it loaded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import type { AppendItem, StoredTakeBack } from '../../../server/storage/storage.js';
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

/**
 * What another process appends to `ref`: a row `rowId`, then another unit's edit of it, refused
 * and taken back there, with the take-back to store (`applyAndUndo`, `TakeBacks.remember`).
 */
async function takenBackElsewhere(storage: TestServer['storage'], ref: { workspace: string; doc: string }, rowId: string): Promise<AppendItem[]> {
  const other = new Y.Doc();
  const loaded = await storage.loadDoc(ref);
  if (loaded.snapshot) Y.applyUpdateV2(other, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(other, u);
  const start = Y.encodeStateVector(other);
  insertRow(other, { title: 'rad' }, { id: rowId });
  const row = Y.encodeStateAsUpdate(other, start);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(other));
  const before = Y.encodeStateVector(b);
  setCells(b, rowId, { title: 'ändrad' });
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(other, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, stored));
  if (!undo || stored.length !== 1) throw new Error('the edit was not taken back');
  return [
    { update: row, memberId: 'm-a' },
    { update: undo, memberId: null, takeBacks: stored },
  ];
}

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
    await server.storage.appendUpdates(ref, await takenBackElsewhere(server.storage, ref, 'taken-back'));
    fanout.handlers?.resync();
    await eventually(() => rowsOf(client).includes('taken-back'), 2000, 'the missed updates after the catch-up');
    const remembered = await server.sync.registry.withDoc(ref, (room) => room.rememberedTakeBacks());
    expect(remembered).not.toBeNull();
  });
});

describe('a room that loads while another process writes', () => {
  it('takes in the take-backs stored between its load and its subscription to the other processes', async () => {
    let subscribed: () => void = () => undefined;
    const fanout = { ...quietFanout(), watch: () => new Promise<void>((resolve) => (subscribed = resolve)) };
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const ref = { workspace: WS, doc: 'plan-a' };
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(client);
    await client.synced;
    // Loaded, not yet subscribed: another process takes a refused edit back, and its message is not delivered here.
    await server.storage.appendUpdates(ref, await takenBackElsewhere(server.storage, ref, 'between'));
    subscribed();
    await eventually(() => rowsOf(client).includes('between'), 2000, 'the updates stored meanwhile after the subscription');
    expect(await server.sync.registry.withDoc(ref, (room) => room.rememberedTakeBacks())).not.toBeNull();
  });
});

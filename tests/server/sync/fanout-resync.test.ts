/**
 * The link to the other processes comes back (Redis reconnected) after messages may have been
 * lost: every loaded room reads from storage what it lacks, at once. Here the storage poll is a
 * minute away, so what reaches the client came through that catch-up; with the real Redis see
 * `tests/server/scale/cluster-stock.test.ts`. The take-backs stored with the missed updates are
 * read in that catch-up too, and in the one a room makes once subscribed after it loaded; and
 * when an owner's edit loses to a take-back whose message alone was lost, once it has lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient, syncFrame } from '../../../bench/support/sync-client.js';
import type { AppendItem, StoredTakeBack } from '../../../server/storage/storage.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { quietFanout, rowsOf } from './quiet-fanout.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/**
 * What another process appends to `ref`: a row `rowId`, then another unit's edit of it, refused
 * and taken back there, with the take-back to store (`applyAndUndo`, `TakeBacks.remember`); and
 * the owner's edit of the same cell, made offline before the take-back (`offline`), which stands
 * only where the take-back is known.
 */
async function takenBackElsewhere(storage: TestServer['storage'], ref: { workspace: string; doc: string }, rowId: string): Promise<{ appended: AppendItem[]; offline: Uint8Array }> {
  const other = new Y.Doc();
  // Above the owner's client id (100): the take-back wins Yjs's order over the owner's edit unless written again.
  other.clientID = 9000;
  const loaded = await storage.loadDoc(ref);
  if (loaded.snapshot) Y.applyUpdateV2(other, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(other, u);
  const start = Y.encodeStateVector(other);
  insertRow(other, { unit: 'clinic-a', title: 'rad' }, { id: rowId });
  const row = Y.encodeStateAsUpdate(other, start);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(other));
  const owner = new Y.Doc();
  owner.clientID = 100;
  Y.applyUpdate(owner, Y.encodeStateAsUpdate(other));
  const ownerBefore = Y.encodeStateVector(owner);
  setCells(owner, rowId, { title: 'ägarens' });
  const before = Y.encodeStateVector(b);
  setCells(b, rowId, { title: 'ändrad' });
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(other, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, stored));
  if (!undo || stored.length !== 1) throw new Error('the edit was not taken back');
  return {
    appended: [
      { update: row, memberId: 'm-a' },
      { update: undo, memberId: null, takeBacks: stored },
    ],
    offline: Y.encodeStateAsUpdate(owner, ownerBefore),
  };
}

const titleOf = (c: SyncClient, rowId: string): unknown => (c.doc.getMap('rows').get(rowId) as Y.Map<unknown> | undefined)?.get('title');

/**
 * The room took the take-back in: the owner's `offline` edit of `rowId`'s title, sent now by an
 * editor of the owning unit, stands over it (written again), as `viewer` sees.
 */
async function ownerEditStands(viewer: SyncClient, offline: Uint8Array, rowId: string): Promise<void> {
  expect(titleOf(viewer, rowId)).toBe('rad');
  const editor = new SyncClient(`${server?.base ?? ''}/plan-a?token=${TOKENS.editorA}`);
  clients.push(editor);
  await editor.synced;
  // Sent as the owner's client sends it from offline: built before the take-back (a doc that had it would send the value collected).
  editor.sendRaw(syncFrame(2, offline));
  await eventually(() => titleOf(viewer, rowId) === 'ägarens', 3000, `the owner's edit over the take-back (${String(titleOf(viewer, rowId))})`);
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
    const { appended, offline } = await takenBackElsewhere(server.storage, ref, 'taken-back');
    await server.storage.appendUpdates(ref, appended);
    fanout.handlers?.resync();
    await eventually(() => rowsOf(client).includes('taken-back'), 2000, 'the missed updates after the catch-up');
    await ownerEditStands(client, offline, 'taken-back');
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
    const { appended, offline } = await takenBackElsewhere(server.storage, ref, 'between');
    await server.storage.appendUpdates(ref, appended);
    subscribed();
    await eventually(() => rowsOf(client).includes('between'), 2000, 'the updates stored meanwhile after the subscription');
    await ownerEditStands(client, offline, 'between');
  });
});

describe('a take-back whose message was lost while the link seemed up', () => {
  it("is read from storage once an owner's edit loses to it here, and the edit is written again", async () => {
    const fanout = quietFanout();
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const ref = { workspace: WS, doc: 'plan-a' };
    const client = new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(client);
    await client.synced;
    const { appended, offline } = await takenBackElsewhere(server.storage, ref, 'unheard');
    const last = await server.storage.appendUpdates(ref, appended);
    // The updates' message arrives; the take-backs' message was lost.
    fanout.handlers?.updates(ref, last - appended.length + 1, appended.map((a) => a.update));
    await eventually(() => titleOf(client, 'unheard') === 'rad', 2000, 'the updates published');
    await ownerEditStands(client, offline, 'unheard');
  });
});

/**
 * An update another process committed and published is sent to the peers here before this
 * process's doc applies it (the bytes are stored already, and the frame is those bytes): the
 * readers on this process do not wait for the apply, which waits until the doc is read. Still once per peer, in storage order, and a
 * message heard twice is sent once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { WsTransport } from '../../../server/sync/ws-transport.js';
import { insertRow } from '../../../shared/doc/index.js';
import { quietFanout, rowsOf } from './quiet-fanout.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

/** A row another process inserts, as an update on top of what `ref` holds in storage. */
async function otherRow(storage: TestServer['storage'], ref: { workspace: string; doc: string }, id: string): Promise<Uint8Array> {
  const other = new Y.Doc();
  const loaded = await storage.loadDoc(ref);
  if (loaded.snapshot) Y.applyUpdateV2(other, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(other, u);
  const before = Y.encodeStateVector(other);
  insertRow(other, { title: `från en annan process ${id}` }, { id });
  return Y.encodeStateAsUpdate(other, before);
}

describe('an update of another process, relayed here', () => {
  it('goes to every peer before the doc applies it, once each, in storage order', async () => {
    const fanout = quietFanout();
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const ref = { workspace: WS, doc: 'plan-a' };
    for (let i = 0; i < 2; i++) clients.push(new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`));
    await Promise.all(clients.map((c) => c.synced));
    const order: string[] = [];
    const marks = ['row-x1', 'row-x2'].map((id) => Buffer.from(id));
    const which = (bytes: Uint8Array): number => marks.findIndex((m) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(m));
    const send = WsTransport.prototype.send;
    vi.spyOn(WsTransport.prototype, 'send').mockImplementation(function (this: WsTransport, payload: Uint8Array) {
      if (which(payload) >= 0) order.push(`send ${which(payload) + 1}`);
      send.call(this, payload);
    });
    const apply = TakeBacks.prototype.applyStored;
    vi.spyOn(TakeBacks.prototype, 'applyStored').mockImplementation(function (this: TakeBacks, doc: Y.Doc, update: Uint8Array, origin: unknown) {
      if (which(update) >= 0) order.push(`apply ${which(update) + 1}`);
      return apply.call(this, doc, update, origin);
    });
    // The other process commits two rows, then publishes them; the first message is heard twice.
    const first = await otherRow(server.storage, ref, 'row-x1');
    const seq1 = await server.storage.appendUpdates(ref, [{ update: first, memberId: 'm-a' }]);
    const second = await otherRow(server.storage, ref, 'row-x2');
    const seq2 = await server.storage.appendUpdates(ref, [{ update: second, memberId: 'm-a' }]);
    fanout.handlers?.updates(ref, seq1, [first]);
    fanout.handlers?.updates(ref, seq1, [first]);
    fanout.handlers?.updates(ref, seq2, [second]);
    for (const c of clients) await eventually(() => rowsOf(c).includes('row-x2'), 3000, 'the second row at every peer');
    expect(rowsOf(clients[0]!)).toContain('row-x1');
    // Nobody here wrote or read the doc since: both wait unapplied (`RoomApply.keepForeign`), and are applied once it is read.
    expect(order).toEqual(['send 1', 'send 1', 'send 2', 'send 2']);
    const live = await server.sync.registry.getDoc(ref);
    expect([...live.getMap('rows').keys()]).toEqual(expect.arrayContaining(['row-x1', 'row-x2']));

  });
});

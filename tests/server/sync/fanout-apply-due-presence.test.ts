/**
 * A presence frame whose `row` is not of the pane's shape (an id an import kept) is relayed only
 * while the document holds that row (`room-presence.ts`). Asking must not apply the updates of
 * other processes waiting unapplied (`RoomApply.keepForeign`) when the doc holds the row already:
 * a cursor in an imported row would otherwise apply them at each move, one transaction each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { decodeAwarenessUpdate, decodeMessage, encodeAwareness, encodeAwarenessUpdate } from '../../../server/sync/protocol.js';
import { otherProcessInserts, quietFanout } from './quiet-fanout.js';
import { eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];
const raws: RawClient[] = [];
const ref = { workspace: WS, doc: 'plan-a' };

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const r of raws.splice(0)) r.ws.terminate();
  await server?.stop();
  server = null;
});

/** The `row` of client `clientId`'s last state among the frames `c` received (undefined: none, or no row). */
function rowSeen(c: RawClient, clientId: number): unknown {
  let row: unknown;
  for (const f of c.frames) {
    const m = decodeMessage(f);
    for (const e of m.type === 'awareness' ? (decodeAwarenessUpdate(m.update) ?? []) : []) if (e.clientId === clientId) row = (JSON.parse(e.json) as { row?: unknown } | null)?.row;
  }
  return row;
}

describe('presence in an imported row while updates of other processes wait', () => {
  it('is relayed without applying them when the doc holds the row, and with them applied when only they hold it', async () => {
    const fanout = quietFanout();
    server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
    const reader = new SyncClient(`${server.base}/plan-a?token=${TOKENS.viewer}`);
    clients.push(reader);
    await reader.synced;
    const sender = rawClient(server, 'plan-a', TOKENS.viewer);
    const watcher = rawClient(server, 'plan-a', TOKENS.viewer);
    raws.push(sender, watcher);
    await Promise.all([sender.opened, watcher.opened]);
    // An imported row the doc holds (read, so applied), then one that waits unapplied.
    await otherProcessInserts(server, fanout, ref, 'imported_row-1');
    const live = await server.sync.registry.getDoc(ref);
    expect(live.getMap('rows').has('imported_row-1')).toBe(true);
    let transactions = 0;
    live.on('afterTransaction', () => transactions++);
    await otherProcessInserts(server, fanout, ref, 'imported_row-2');
    await eventually(() => reader.doc.getMap('rows').has('imported_row-2'), 3000, 'the waiting row at the reader');
    expect(transactions).toBe(0);

    const frame = (clock: number, row: string): Uint8Array => encodeAwareness(encodeAwarenessUpdate([{ clientId: 4242, clock, json: JSON.stringify({ user: { name: 'x' }, row }) }]));
    sender.send(frame(1, 'imported_row-1'));
    await eventually(() => rowSeen(watcher, 4242) === 'imported_row-1', 3000, 'the cursor in the held row');
    // The doc held the row: what waits stays unapplied.
    expect(transactions).toBe(0);
    expect(live.getMap('rows').has('imported_row-2')).toBe(false);

    sender.send(frame(2, 'imported_row-2'));
    await eventually(() => rowSeen(watcher, 4242) === 'imported_row-2', 3000, 'the cursor in the row that waited');
    expect(live.getMap('rows').has('imported_row-2')).toBe(true);
    expect(transactions).toBe(1);
  });
});

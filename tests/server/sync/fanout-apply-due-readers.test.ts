/**
 * What reads a room's doc while updates of other processes wait unapplied in it
 * (`RoomApply.keepForeign`) sees them: an edit of this process to a row only such an update
 * inserted is judged against a doc that holds the row, and the snapshot a room writes when it
 * unloads (which lets storage drop the update log up to it) holds every row that waited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { setCell } from '../../../shared/doc/index.js';
import { otherProcessInserts, quietFanout, rowsOf, storedDoc } from './quiet-fanout.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
const clients: SyncClient[] = [];
const ref = { workspace: WS, doc: 'plan-a' };

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

async function serverWith(token: string): Promise<{ fanout: ReturnType<typeof quietFanout>; client: SyncClient }> {
  const fanout = quietFanout();
  server = await startTestServer({ foreignPollMs: 60_000 }, { fanout });
  const client = new SyncClient(`${server.base}/plan-a?token=${token}`);
  clients.push(client);
  await client.synced;
  return { fanout, client };
}

describe('readers of a room while updates of other processes wait', () => {
  it('judge an edit of a row only a waiting update inserted against a doc that holds it', async () => {
    const { fanout, client } = await serverWith(TOKENS.editorA);
    await otherProcessInserts(server!, fanout, ref, 'row-w1');
    await eventually(() => rowsOf(client).includes('row-w1'), 15_000, 'the row relayed to the editor');
    client.write((doc) => expect(setCell(doc, 'row-w1', 'title', 'ändrad här')).toBe(true));
    await eventually(async () => {
      const rows = (await storedDoc(server!, ref)).getMap('rows');
      const row = rows.get('row-w1') as Y.Map<unknown> | undefined;
      return row?.get('title') === 'ändrad här';
    }, 15_000, 'the edit stored');
    const live = await server!.sync.registry.getDoc(ref);
    expect((live.getMap('rows').get('row-w1') as Y.Map<unknown>).get('title')).toBe('ändrad här');
  });

  it('are all in the snapshot written when the room unloads', async () => {
    const { fanout } = await serverWith(TOKENS.viewer);
    const ids = ['row-s1', 'row-s2', 'row-s3'];
    for (const id of ids) await otherProcessInserts(server!, fanout, ref, id);
    for (const c of clients.splice(0)) c.close();
    await server!.sync.registry.closeAll();
    const loaded = await server!.storage.loadDoc(ref);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdateV2(doc, loaded.snapshot);
    // The snapshot alone (storage may have dropped the updates it covers) holds every row.
    expect([...doc.getMap('rows').keys()]).toEqual(expect.arrayContaining(ids));
  });
});

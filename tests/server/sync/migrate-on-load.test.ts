import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { createDoc, getRow, insertRow, metaOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { closedAfterEach, eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

const ref = { workspace: WS, doc: 'plan-2025' };
/** The test's server and clients, closed after each test. */
const t = closedAfterEach<SyncClient>((c) => c.close());

/** Store an activity plan as version 1 wrote it: one `date` and one `participants` per activity. */
async function storeV1Plan(s: TestServer): Promise<void> {
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2025', ownerUnit: 'clinic-a', schemaVersion: 1 });
  insertRow(doc, { title: 'Hälsodag', date: '2025-05-14', participants: 40 }, { id: 'r1' });
  const at = '2025-01-01T00:00:00.000Z';
  // The record first: every store appends only to a document whose record is stored.
  await s.storage.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Aktivitetsplan 2025', ownerUnit: 'clinic-a', createdAt: at, updatedAt: at });
  await s.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: 'm-a' }]);
}

function connect(s: TestServer): SyncClient {
  const c = new SyncClient(`${s.base}/${ref.doc}?token=${TOKENS.viewer}`);
  t.clients.push(c);
  return c;
}

describe('room loading an older document', () => {
  it('migrates an activity plan v1 to the current version, persisted by no member, before serving it', async () => {
    expect(kindDef('activity-plan').schemaVersion).toBe(2);
    t.server = await startTestServer({ graceMs: 20 });
    await storeV1Plan(t.server);

    const client = connect(t.server);
    await client.synced;
    // What the client first receives is already migrated: the sync answer waits for the write.
    expect(metaOf(client.doc)?.schemaVersion).toBe(2);
    expect(getRow(client.doc, 'r1')?.values).toEqual({
      title: 'Hälsodag',
      startDate: '2025-05-14',
      endDate: '2025-05-14',
      participantsReached: 40,
    });
    const history = await t.server.storage.listUpdates(ref, 1, 10);
    expect(history.map((u) => u.memberId)).toEqual([null]);

    client.close();
    await eventually(() => t.server!.sync.registry.stats().rooms === 0, 3000, 'unload');
    const again = connect(t.server);
    await again.synced;
    expect(metaOf(again.doc)?.schemaVersion).toBe(2);
    expect(await t.server.storage.listUpdates(ref, 1, 10)).toHaveLength(1);
  });
});

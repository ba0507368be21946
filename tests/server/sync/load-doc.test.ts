import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { createDoc, getRow, insertRow } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-2026' };

describe('loading a document for a room', () => {
  it('names the doc by its workspace and document instead of drawing a random guid, and holds what is stored', async () => {
    const storage = createMemoryStorage();
    const source = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'clinic-a', schemaVersion: kindDef('activity-plan').schemaVersion });
    insertRow(source, { title: 'Promenadgrupp' }, { id: 'r1' });
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(source), memberId: null }]);

    const first = await loadDoc(ref, storage, pino({ level: 'silent' }));
    const again = await loadDoc(ref, storage, pino({ level: 'silent' }));
    expect(first.doc.guid).toBe('hbi-stockholm/plan-2026');
    expect(again.doc.guid).toBe(first.doc.guid);
    // Two loads are still two docs, each with its own client id for any write the server makes.
    expect(again.doc).not.toBe(first.doc);
    expect(getRow(first.doc, 'r1')?.values.title).toBe('Promenadgrupp');
    expect(first.tail).toBe(1);
    expect(first.migration).toBeNull();
  });
});

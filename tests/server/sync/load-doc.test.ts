import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { createDoc, getRow, insertRow } from '../../../shared/doc/index.js';
import { MADE_FIELD, markMade, metaMap } from '../../../shared/doc/create.js';
import { loadMarkClient, makingOf } from '../../../shared/doc/made-mark.js';
import { kindDef } from '../../../shared/schema/index.js';
import { made } from '../storage/made.js';

const ref = { workspace: 'hbi-stockholm', doc: 'plan-2026' };
const silent = pino({ level: 'silent' });

/** A plan with one row, as the server makes it (`mark`), or as one made before marks. */
function plan(mark: boolean): Y.Doc {
  const source = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'clinic-a', schemaVersion: kindDef('activity-plan').schemaVersion });
  if (mark) markMade(source);
  insertRow(source, { title: 'Promenadgrupp' }, { id: 'r1' });
  return source;
}

describe('loading a document for a room', () => {
  it('names the doc by its workspace and document instead of drawing a random guid, and holds what is stored', async () => {
    const storage = createMemoryStorage();
    await made(storage, ref);
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(plan(true)), memberId: null }]);

    const first = await loadDoc(ref, storage, silent);
    const again = await loadDoc(ref, storage, silent);
    expect(first.doc.guid).toBe('hbi-stockholm/plan-2026');
    expect(again.doc.guid).toBe(first.doc.guid);
    // Two loads are still two docs, each with its own client id for any write the server makes.
    expect(again.doc).not.toBe(first.doc);
    expect(getRow(first.doc, 'r1')?.values.title).toBe('Promenadgrupp');
    expect(first.tail).toBe(1);
    expect(first.migration).toBeNull();
  });

  it('marks a document made before marks, with the same bytes in every load, drawn from its making', async () => {
    const storage = createMemoryStorage();
    await made(storage, ref);
    const source = plan(false);
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(source), memberId: null }]);

    // Two processes loading it at once write one mark, not two.
    const first = await loadDoc(ref, storage, silent);
    const other = await loadDoc(ref, storage, silent);
    expect(metaMap(first.doc).get(MADE_FIELD)).toBe(1);
    expect(first.migration).not.toBeNull();
    expect(other.migration).toEqual(first.migration);
    const making = makingOf(source)!;
    expect(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(first.migration!))).toEqual(new Map([[loadMarkClient(making), 1]]));
    expect(loadMarkClient(making)).not.toBe(making.client);

    // Stored (twice, as two processes would): the next load writes nothing, and holds one mark.
    await storage.appendUpdates(ref, [{ update: first.migration!, memberId: null }, { update: other.migration!, memberId: null }]);
    const later = await loadDoc(ref, storage, silent);
    expect(later.migration).toBeNull();
    expect(metaMap(later.doc).get(MADE_FIELD)).toBe(1);
    expect(Y.encodeStateVector(later.doc)).toEqual(Y.encodeStateVector(first.doc));

    // Another making has another mark.
    const makingB = makingOf(plan(false))!;
    expect(loadMarkClient(makingB)).not.toBe(loadMarkClient(making));
  });

  it('marks nothing in a document with no kind (nothing made yet)', async () => {
    const storage = createMemoryStorage();
    await made(storage, ref);
    const bare = new Y.Doc();
    insertRow(bare, { title: 'Rad' }, { id: 'r1' });
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(bare), memberId: null }]);
    const loaded = await loadDoc(ref, storage, silent);
    expect(loaded.migration).toBeNull();
    expect(metaMap(loaded.doc).has(MADE_FIELD)).toBe(false);
  });
});

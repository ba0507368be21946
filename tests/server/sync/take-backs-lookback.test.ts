/**
 * A room that loads a document writes again an allowed edit that lost to a stored take-back and
 * that nobody wrote again (`take-back-lookback.ts`): the process that took B's edit back is gone
 * before the owner's edit, integrated by a process that applied the take-back as a plain update,
 * reached it. Docs stand for processes; storage is the memory store.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { integrated, measureOfRa as measure, REF as ref, silentLogger as logger } from './take-backs-fixture.js';

/** Apply `update` as `RoomApply.integrate` does (keeping values that lose) and return what it emitted. */
const integrate = (doc: Y.Doc, update: Uint8Array): Uint8Array => Y.mergeUpdates(integrated(doc, update));

/**
 * Stores: the row (by A, id 700), B's edit (id 800) taken back by process 1 with its take-back,
 * then A's offline edit as process 0 stored it: process 0 applied the take-back as a plain update,
 * so A's edit lost there (A's id below B's) and was kept, but never written again. With
 * `seenTakeBack`, A edits after having seen the take-back instead (nothing is owed).
 */
async function stored(seenTakeBack = false): Promise<ReturnType<typeof createMemoryStorage>> {
  const storage = createMemoryStorage();
  const a = new Y.Doc();
  a.clientID = 700;
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const p0 = new Y.Doc();
  const p1 = new Y.Doc();
  const b = new Y.Doc();
  b.clientID = 800;
  for (const d of [p0, p1, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(a), memberId: 'm-a' }]);
  const before = Y.encodeStateVector(b);
  setCells(b, 'ra', { measure: 'Övertagen' });
  const takeBacks: StoredTakeBack[] = [];
  const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => new TakeBacks().remember(tb, takeBacks));
  if (!undo) throw new Error('nothing taken back');
  await storage.appendUpdates(ref, [{ update: undo, memberId: 'm-b', takeBacks }]);
  Y.applyUpdate(p0, undo, 'storage');
  if (seenTakeBack) Y.applyUpdate(a, undo);
  const sv = Y.encodeStateVector(p0);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const update = integrate(p0, Y.encodeStateAsUpdate(a, sv));
  await storage.appendUpdates(ref, [{ update, memberId: 'm-a' }]);
  return storage;
}

describe('looking back over a loaded document for values lost to a stored take-back', () => {
  it("writes the owner's value again, and what the load stores holds it for everyone", async () => {
    const storage = await stored();
    const loaded = await loadDoc(ref, storage, logger);
    expect(measure(loaded.doc)).toBe('Ägarens ändring');
    expect(loaded.migration).not.toBeNull();
    await storage.appendUpdates(ref, [{ update: loaded.migration as Uint8Array, memberId: null }]);
    const again = await loadDoc(ref, storage, logger);
    expect(measure(again.doc)).toBe('Ägarens ändring');
    // Written once: the value is no longer the take-back's, so a later load owes nothing.
    expect(again.migration).toBeNull();
  });

  it('owes nothing to an edit made after its author saw the take-back', async () => {
    const loaded = await loadDoc(ref, await stored(true), logger);
    expect(measure(loaded.doc)).toBe('Ägarens ändring');
    expect(loaded.migration).toBeNull();
  });
});

/**
 * A set of a whole row map that loses to a take-back: editor B's delete of owner A's row is
 * refused and the row put back as the server's copy on process 1, while A, offline, deleted the
 * row and inserted it again under the same id (as the pane does when a row the sheet still has is
 * put back). Process 0 applied the take-back as a plain update, so A's row loses there (Yjs's
 * order) and is kept (`keepLostSets`). The process that remembers the take-back writes it again
 * (`applyStored`); when none is left, the next room that loads the document does
 * (`take-back-lookback.ts`). Either way A's row must come back with its cells, not empty and not
 * the copy. Docs stand for processes; storage is the memory store.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated, REF as ref, silentLogger as logger } from './take-backs-fixture.js';
import { made } from '../storage/made.js';

const row = (doc: Y.Doc): Record<string, unknown> | undefined => rowsMap(doc).get('ra')?.toJSON();

/**
 * Apply `update` as `RoomApply.integrate` does (keeping values that lose) and return what it emitted;
 * `mapOnly`: as a process that kept a losing row map but not its values.
 */
function integrate(doc: Y.Doc, update: Uint8Array, mapOnly = false): Uint8Array {
  const emitted = integrated(doc, update, (tr) => {
    if (!mapOnly) keepLostSets(tr);
    // A's row map, which lost to the copy (left of it).
    const lost = rowsMap(doc)._map.get('ra')?.left;
    if (mapOnly && lost?.deleted) lost.keep = true;
  });
  return Y.mergeUpdates(emitted);
}

/**
 * The race, written to `storage` as the processes store it: the row (A, id 700), B's delete (id
 * 800) taken back by process 1 (id 900, so its copy wins over A's row in Yjs's order) with its
 * take-back, then A's row inserted again as process 0 stored it. Returns process 1 (which
 * remembers the take-back), what process 0 stored, and A's doc.
 */
async function race(mapOnly = false, storage = createMemoryStorage()) {
  await made(storage, ref);
  const a = new Y.Doc();
  a.clientID = 700;
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  const [p0, p1, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  p1.clientID = 900;
  b.clientID = 800;
  for (const d of [p0, p1, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  for (const d of [p0, p1]) rowsMap(d);
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(a), memberId: 'm-a' }]);
  const sv = Y.encodeStateVector(b);
  rowsMap(b).delete('ra');
  const takeBacks = new TakeBacks();
  const stored: StoredTakeBack[] = [];
  const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, sv), 'undo', () => true, (tb) => takeBacks.remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  await storage.appendUpdates(ref, [{ update: undo, memberId: 'm-b', takeBacks: stored }]);
  Y.applyUpdate(p0, undo, 'storage');
  const seen = Y.encodeStateVector(p0);
  rowsMap(a).delete('ra');
  insertRow(a, { unit: 'clinic-a', measure: 'Ägarens rad', target: 'Alla' }, { id: 'ra' });
  const update = integrate(p0, Y.encodeStateAsUpdate(a, seen), mapOnly);
  expect(row(p0)?.measure).toBe('Hälsodag');
  await storage.appendUpdates(ref, [{ update, memberId: 'm-a' }]);
  return { p1, takeBacks, update, a, storage };
}

describe('a whole row map that lost to a take-back', () => {
  it('is written again with its cells by the process that remembers the take-back', async () => {
    const { p1, takeBacks, update, a } = await race();
    const rewrite = takeBacks.applyStored(p1, update, 'storage');
    expect(rewrite).not.toBeNull();
    expect(row(p1)).toEqual(row(a));
  });

  it('is written again with its cells by the next room that loads the document', async () => {
    const { storage, a } = await race();
    const loaded = await loadDoc(ref, storage, logger);
    expect(row(loaded.doc)).toEqual(row(a));
    expect(loaded.migration).not.toBeNull();
    await storage.appendUpdates(ref, [{ update: loaded.migration as Uint8Array, memberId: null }]);
    const again = await loadDoc(ref, storage, logger);
    expect(row(again.doc)).toEqual(row(a));
    expect(again.migration).toBeNull();
  });

  it('is not written again, neither live nor on load, when it was stored without its values (it would empty the row)', async () => {
    const { p1, takeBacks, update, storage } = await race(true);
    expect(takeBacks.applyStored(p1, update, 'storage')).toBeNull();
    expect(row(p1)?.measure).toBe('Hälsodag');
    const loaded = await loadDoc(ref, storage, logger);
    expect(row(loaded.doc)?.measure).toBe('Hälsodag');
    expect(loaded.migration).toBeNull();
  });
});

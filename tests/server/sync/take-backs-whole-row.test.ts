/**
 * A whole row set concurrently with the take-back of a refused delete of that row: owner A, offline,
 * deletes row ru and inserts it again under the same id (a whole new row map), while unit B's
 * delete of ru is refused and the row put back as a copy; D, of A's unit, then edits a cell of the
 * copy, and sees it stored. A's row loses to the copy by Yjs's order (the server's client id is
 * above A's) and is written again; written whole it replaced the copy, and D's edit was lost for
 * everyone. Now A's row goes into the copy cell by cell, and a cell edited in the copy since the
 * take-back keeps that edit: live (`TakeBacks.reassert`) and on the next load when A's row lost
 * where the take-back was not known (`take-back-lookback.ts`).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated, REF as ref, silentLogger as logger } from './take-backs-fixture.js';
import { made } from '../storage/made.js';

const sync = (to: Y.Doc, from: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const cells = (doc: Y.Doc): Record<string, unknown> => {
  const { _pos: _ignored, ...rest } = rowsMap(doc).get('ru')?.toJSON() ?? {};
  return rest;
};

function race() {
  const [server, a, b, d] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  [server.clientID, a.clientID, b.clientID, d.clientID] = [9000, 100, 200, 300];
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ru' });
  for (const doc of [server, b]) sync(doc, a);
  rowsMap(server);
  const svA = Y.encodeStateVector(a);
  rowsMap(a).delete('ru');
  insertRow(a, { unit: 'clinic-a', measure: 'Ny rad' }, { id: 'ru' });
  const takeBacks = new TakeBacks();
  const stored: StoredTakeBack[] = [];
  const before = Y.encodeStateVector(b);
  rowsMap(b).delete('ru');
  if (!applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb, stored))) throw new Error('nothing taken back');
  sync(d, server);
  const svD = Y.encodeStateVector(d);
  setCells(d, 'ru', { note: 'Dagens anteckning' });
  integrated(server, Y.encodeStateAsUpdate(d, svD), (tr) => takeBacks.reassert(tr));
  expect(cells(server)).toEqual({ unit: 'clinic-a', measure: 'Hälsodag', note: 'Dagens anteckning' });
  return { server, takeBacks, stored, offline: Y.encodeStateAsUpdate(a, svA) };
}

describe('a whole row set at the same time as the take-back of a refused delete of it', () => {
  it("goes into the row put back cell by cell, keeping an edit made there since (live)", () => {
    const { server, takeBacks, offline } = race();
    integrated(server, offline, (tr) => takeBacks.reassert(tr));
    expect(cells(server)).toEqual({ unit: 'clinic-a', measure: 'Ny rad', note: 'Dagens anteckning' });
  });

  it('goes into the row put back cell by cell on the next load, when it lost where the take-back was not known', async () => {
    const storage = createMemoryStorage();
    await made(storage, ref);
    const { server, stored, offline } = race();
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(server), memberId: null, takeBacks: stored }]);
    const plain = new Y.Doc();
    Y.applyUpdate(plain, Y.encodeStateAsUpdate(server));
    rowsMap(plain);
    const emitted = integrated(plain, offline);
    expect(cells(plain).measure).toBe('Hälsodag');
    await storage.appendUpdates(ref, [{ update: Y.mergeUpdates(emitted), memberId: 'm-a' }]);
    const loaded = await loadDoc(ref, storage, logger);
    expect(cells(loaded.doc)).toEqual({ unit: 'clinic-a', measure: 'Ny rad', note: 'Dagens anteckning' });
  });
});

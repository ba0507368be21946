/**
 * A take-back keeps the state from before the refused update of the clients that wrote its key
 * only (`keyState` in undo-refused.ts), not the whole state vector: a document gets a new client
 * id per session, so a year's document has thousands, and a room keeps up to `TAKE_BACK_LIMIT`
 * take-backs however old (`take-backs.ts`). What is stored and remembered per take-back must not
 * grow with the clients that wrote elsewhere in the document, and the owner's offline edit must
 * still stand, also when the value it built on was written by a third client.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { decodeTakeBacks } from '../../../server/sync/take-back-wire.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated, measureOfRa as measure } from './take-backs-fixture.js';

const sync = (to: Y.Doc, from: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/**
 * The server's doc (client id 9000) with A's row `ra` (A: 100), its measure last set by D (300),
 * and `sessions` other clients that each set a note of row `rb`; B (200) then edits `ra`'s measure,
 * refused and taken back, while A, offline since D's edit, edits it too.
 */
function race(sessions: number) {
  const [server, a, d, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  [server.clientID, a.clientID, d.clientID, b.clientID] = [9000, 100, 300, 200];
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  insertRow(a, { unit: 'clinic-a', measure: 'Promenad' }, { id: 'rb' });
  sync(server, a);
  sync(d, server);
  setCells(d, 'ra', { measure: 'Hälsodag för alla' });
  sync(server, d);
  for (let i = 0; i < sessions; i++) {
    const s = new Y.Doc();
    s.clientID = 10_000 + i;
    sync(s, server);
    setCells(s, 'rb', { note: `anteckning ${i}` });
    sync(server, s);
  }
  rowsMap(server);
  sync(a, server);
  sync(b, server);
  const svA = Y.encodeStateVector(a);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const before = Y.encodeStateVector(b);
  setCells(b, 'ra', { measure: 'Övertagen' });
  const stored: StoredTakeBack[] = [];
  const takeBacks = new TakeBacks();
  const undo = applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  return { server, takeBacks, stored, offline: Y.encodeStateAsUpdate(a, svA) };
}

describe("a take-back's size", () => {
  it('does not grow with the clients that wrote elsewhere in the document', () => {
    const few = race(2).stored;
    const many = race(600).stored;
    expect(many).toHaveLength(1);
    expect(many[0]?.data.byteLength).toBe(few[0]?.data.byteLength);
    // The state kept names the clients of the key: A (the row), D and B (the refused set).
    const wire = decodeTakeBacks(many[0]?.data as Uint8Array)?.[0];
    expect(wire?.kind === 'key' ? [...wire.before.keys()].sort((x, y) => x - y) : null).toEqual([100, 300]);
  });

  it("keeps the owner's offline edit standing over the take-back, built on a third client's value", () => {
    const { server, takeBacks, offline } = race(600);
    expect(measure(server)).toBe('Hälsodag för alla');
    integrated(server, offline, (tr) => takeBacks.reassert(tr));
    expect(measure(server)).toBe('Ägarens ändring');
  });
});

/**
 * Sets in a row map a refused delete deleted, as another process stores them and the process that
 * took the delete back applies them (`TakeBacks.applyStored`); without services: docs stand for
 * processes. Process A takes editor B's delete of owner A's row back (the row lives on as the
 * server's copy); the set then reaches process B, which integrates it as `RoomApply.integrate` does.
 *
 * `applyStored` has no author to ask about rights (a stored update from another process carries
 * none): what it may copy is only what the process that integrated the set checked. A set that
 * lands in the deleted row map there is deleted as it is integrated, and Yjs collects its content
 * before the transaction's update is emitted (only the map itself is kept, `undo-refused.ts`), so
 * the stored update holds no value to copy: the copy is made, with the author's rights checked,
 * only by that process (`reassert`). A set that lands in the live row there was checked against
 * that row. A take-back that process made in the live row (another unit's cell edit refused there)
 * writes the value from before: it is no edit, and is not copied over a later edit of the copy.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated, measureOfRa as measure } from './take-backs-fixture.js';

const diff = (from: Y.Doc, to: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));

/** Every string value an update's structs carry. */
function strings(update: Uint8Array): unknown[] {
  return Y.decodeUpdate(update).structs.flatMap((s) => (s instanceof Y.Item ? s.content.getContent() : [])).filter((v) => typeof v === 'string');
}

/** Process `p` integrating `update` as `RoomApply.integrate` does, its author may write no cell of the row; returns what it emitted (what it stores). */
function integrateRefusingRows(p: Y.Doc, takeBacks: TakeBacks, update: Uint8Array): Uint8Array | null {
  const emitted = integrated(p, update, (tr) => {
    takeBacks.reassert(tr, { update, seen: undefined, mayDelete: () => false, mayWriteRow: () => false });
    keepLostSets(tr);
  });
  return emitted.length === 0 ? null : Y.mergeUpdates(emitted);
}

/**
 * Owner A's row `ra`; editor B's delete of it refused and taken back on process A, whose
 * take-back process B hears (`heard`) or not, and applies as stored. Returns both processes with
 * their take-backs, and the update of a client that set `measure` in the deleted row map (as a
 * client that kept it, with no collection, makes it).
 */
async function deletedRow(heard: boolean) {
  const [pA, pB, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  a.clientID = 100;
  b.clientID = 200;
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  for (const d of [pA, pB, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  for (const d of [pA, pB]) rowsMap(d);
  const sv = Y.encodeStateVector(b);
  rowsMap(b).delete('ra');
  const sent: Uint8Array[] = [];
  const tA = new TakeBacks({ share: (bytes) => sent.push(bytes) });
  const tB = new TakeBacks();
  const undo = applyAndUndo(pA, Y.encodeStateAsUpdate(b, sv), 'undo', () => true, (tb) => tA.remember(tb));
  if (!undo) throw new Error('nothing taken back');
  await Promise.resolve();
  if (heard) tB.receive(pB, sent[0] as Uint8Array);
  expect(tB.applyStored(pB, undo, 'foreign')).toBeNull();
  expect(measure(pB)).toBe('Hälsodag');
  const shadow = new Y.Doc({ gc: false });
  shadow.clientID = 300;
  Y.applyUpdate(shadow, Y.encodeStateAsUpdate(pA));
  const old = (rowsMap(shadow)._map.get('ra')?.left?.content as unknown as { type: Y.Map<unknown> }).type;
  expect(old).toBeInstanceOf(Y.Map);
  const before = Y.encodeStateVector(shadow);
  old.set('measure', 'Kapad');
  return { pA, pB, tA, tB, set: Y.encodeStateAsUpdate(shadow, before) };
}

describe('a set in a row map a refused delete deleted, stored by another process', () => {
  for (const heard of [true, false]) {
    it(`is not copied into the live row by the process that took the delete back when its author may not write the row (take-back ${heard ? 'heard' : 'not heard'} by the other process)`, async () => {
      const { pA, pB, tA, tB, set } = await deletedRow(heard);
      const stored = integrateRefusingRows(pB, tB, set);
      expect(measure(pB)).toBe('Hälsodag');
      expect(stored).not.toBeNull();
      // Nothing of the refused value is stored, so nothing of it reaches process A.
      expect(strings(stored as Uint8Array)).not.toContain('Kapad');
      expect(tA.applyStored(pA, stored as Uint8Array, 'foreign')).toBeNull();
      expect(measure(pA)).toBe('Hälsodag');
    });
  }

  it("an allowed set made in the row while it was live on the other process lands in the row's copy on the process that took the delete back", async () => {
    const [pA, pB, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
    a.clientID = 100;
    b.clientID = 200;
    insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
    for (const d of [pA, pB, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
    for (const d of [pA, pB]) rowsMap(d);
    const sv = Y.encodeStateVector(b);
    rowsMap(b).delete('ra');
    const tA = new TakeBacks();
    const undo = applyAndUndo(pA, Y.encodeStateAsUpdate(b, sv), 'undo', () => true, (tb) => tA.remember(tb));
    if (!undo) throw new Error('nothing taken back');
    // Process B has not applied the take-back yet: A's edit lands in the live row there and is stored.
    setCells(a, 'ra', { measure: 'Ägarens ändring' });
    const stored = integrateRefusingRows(pB, new TakeBacks(), diff(a, pB));
    const rewrite = tA.applyStored(pA, stored as Uint8Array, 'foreign');
    expect(rewrite).not.toBeNull();
    expect(measure(pA)).toBe('Ägarens ändring');
    Y.applyUpdate(pB, undo);
    Y.applyUpdate(pB, rewrite as Uint8Array);
    expect(measure(pB)).toBe('Ägarens ändring');
  });
  it("another process's take-back of a cell of the row, made while the row was live there, does not overwrite a later edit of the row's copy", async () => {
    const [pA, pB, a, b, c] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
    a.clientID = 100;
    b.clientID = 200;
    c.clientID = 300;
    insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
    for (const d of [pA, pB, b, c]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
    for (const d of [pA, pB]) rowsMap(d);
    // B's delete of the row is refused on process A; C's edit of its cell on process B, at the same time.
    const [svB, svC] = [Y.encodeStateVector(b), Y.encodeStateVector(c)];
    rowsMap(b).delete('ra');
    setCells(c, 'ra', { measure: 'Övertagen' });
    const sentB: Uint8Array[] = [];
    const tA = new TakeBacks();
    const tB = new TakeBacks({ share: (bytes) => sentB.push(bytes) });
    const undoA = applyAndUndo(pA, Y.encodeStateAsUpdate(b, svB), 'undo', () => true, (tb) => tA.remember(tb));
    const undoB = applyAndUndo(pB, Y.encodeStateAsUpdate(c, svC), 'undo', () => true, (tb) => tB.remember(tb));
    if (!undoA || !undoB) throw new Error('nothing taken back');
    await Promise.resolve();
    // The owner, having seen the row put back, edits it on process A.
    Y.applyUpdate(a, undoA);
    setCells(a, 'ra', { measure: 'Ägarens ändring' });
    integrateRefusingRows(pA, tA, diff(a, pA));
    expect(measure(pA)).toBe('Ägarens ändring');
    // Process B's take-back reaches process A (published before its update), then the update.
    tA.receive(pA, sentB[0] as Uint8Array);
    const rewrite = tA.applyStored(pA, undoB, 'foreign');
    expect(measure(pA)).toBe('Ägarens ändring');
    expect(rewrite).toBeNull();
  });
});

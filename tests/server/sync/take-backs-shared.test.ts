/**
 * Take-backs shared between processes, without servers: two docs stand for two processes' rooms
 * of one document. Process 1 takes a refused edit back and shares its take-backs as bytes;
 * process 2 applies the stored take-back and receives the bytes; the owner's concurrent edit then
 * reaches process 2 first and must stand there (`take-backs.ts`, `take-back-wire.ts`).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { decodeTakeBacks, encodeTakeBacks } from '../../../server/sync/take-back-wire.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

const measure = (doc: Y.Doc): unknown => rowsMap(doc).get('ra')?.get('measure');
const diff = (from: Y.Doc, to: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));

/** Process 2 integrating a client's update as a room does (`RoomApply.integrate`): returns what it wrote again. */
function integrate(doc: Y.Doc, takeBacks: TakeBacks, update: Uint8Array): number {
  let wrote = 0;
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, 'client');
    wrote = takeBacks.reassert(tr);
  }, 'client');
  return wrote;
}

/**
 * A owns row `ra`; A edits it offline while B's `refusedEdit` is refused and taken back on process
 * 1, whose take-backs process 2 hears (`shared`, or not). Returns both processes, the stored
 * take-back, and A.
 */
async function scenario(aId: number, bId: number, refusedEdit: (b: Y.Doc) => void, shared = true) {
  const [p1, p2, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  a.clientID = aId;
  b.clientID = bId;
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
  for (const d of [p1, p2, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  // A room's doc has its root maps typed (the checks read them) before an update is taken back.
  for (const d of [p1, p2]) rowsMap(d);
  setCells(a, 'ra', { measure: 'Ägarens ändring' });
  const before = Y.encodeStateVector(b);
  refusedEdit(b);
  const sent: Uint8Array[] = [];
  const t1 = new TakeBacks({ share: (bytes) => sent.push(bytes) });
  const t2 = new TakeBacks();
  const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => t1.remember(tb));
  if (!undo) throw new Error('nothing taken back');
  await Promise.resolve();
  expect(sent.length).toBe(1);
  // Published before the stored update reaches the others: kept until process 2 holds its items.
  if (shared) expect(t2.receive(p2, sent[0] as Uint8Array)).toBeGreaterThan(0);
  expect(t2.applyStored(p2, undo, 'foreign')).toBeNull();
  expect(measure(p2)).toBe('Hälsodag');
  return { p1, p2, a, t2 };
}

describe('take-backs shared between processes', () => {
  for (const [aId, bId] of [[100, 200], [200, 100]] as const) {
    it(`the owner's edit reaching the other process stands over a take-back it heard of (A=${aId}, B=${bId})`, async () => {
      const { p1, p2, a, t2 } = await scenario(aId, bId, (b) => setCells(b, 'ra', { measure: 'Övertagen' }));
      integrate(p2, t2, diff(a, p2));
      expect(measure(p2)).toBe('Ägarens ändring');
      // What process 2 stored reaches process 1 and A: everyone ends with A's edit.
      Y.applyUpdate(p1, diff(p2, p1));
      Y.applyUpdate(a, diff(p2, a));
      expect([measure(p1), measure(a)]).toEqual(['Ägarens ändring', 'Ägarens ändring']);
    });

    it(`a refused delete: the owner's edit lands in the row put back, on the other process (A=${aId}, B=${bId})`, async () => {
      const { p2, a, t2 } = await scenario(aId, bId, (b) => rowsMap(b).delete('ra'));
      integrate(p2, t2, diff(a, p2));
      expect(measure(p2)).toBe('Ägarens ändring');
      expect(rowsMap(p2).get('ra')?.get('unit')).toBe('clinic-a');
    });
  }

  it('without the shared take-backs the owner loses on the other process (what this guards against)', async () => {
    // With A's client id below B's the take-back wins the key in Yjs's order.
    const { p2, a, t2 } = await scenario(100, 200, (b) => setCells(b, 'ra', { measure: 'Övertagen' }), false);
    expect(integrate(p2, t2, diff(a, p2))).toBe(0);
    expect(measure(p2)).toBe('Hälsodag');
  });

  it('an edit made after the take-back was seen is not written again', async () => {
    const { p2, t2 } = await scenario(100, 200, (b) => setCells(b, 'ra', { measure: 'Övertagen' }));
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(p2));
    setCells(later, 'ra', { measure: 'Efteråt' });
    expect(integrate(p2, t2, diff(later, p2))).toBe(0);
    expect(measure(p2)).toBe('Efteråt');
  });

  it('ignores bytes that are not take-backs, and takes a take-back heard twice once', async () => {
    const t = new TakeBacks();
    const doc = new Y.Doc();
    expect(t.receive(doc, new Uint8Array([7, 1, 2]))).toBe(0);
    expect(decodeTakeBacks(new Uint8Array([1, 9]))).toBeNull();
    expect(t.size).toBe(0);
    const sent: Uint8Array[] = [];
    const t1 = new TakeBacks({ share: (bytes) => sent.push(bytes) });
    const p1 = new Y.Doc();
    insertRow(p1, { unit: 'clinic-a', measure: 'x' }, { id: 'ra' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(p1));
    const sv = Y.encodeStateVector(b);
    setCells(b, 'ra', { measure: 'y' });
    applyAndUndo(p1, Y.encodeStateAsUpdate(b, sv), 'undo', () => true, (tb) => t1.remember(tb));
    await Promise.resolve();
    t.receive(doc, sent[0] as Uint8Array);
    t.receive(doc, sent[0] as Uint8Array);
    expect(t.size).toBe(1);
  });
  it('names a root map by its name and a nested one by its item, and leaves out a map in no doc', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    const before = new Map([[7, 3]]);
    const key = (map: Y.Map<unknown>) => ({ at: 5, tb: { kind: 'key' as const, map, key: 'k', takeBack: Y.createID(1, 2), refused: null, before } });
    insertRow(doc, { unit: 'clinic-a' }, { id: 'r1' });
    const row = rowsMap(doc).get('r1') as Y.Map<unknown>;
    const bytes = encodeTakeBacks([key(meta), key(row), key(new Y.Map())]);
    expect(decodeTakeBacks(bytes as Uint8Array)).toEqual([
      { kind: 'key', at: 5, map: 'meta', key: 'k', takeBack: Y.createID(1, 2), refused: null, before },
      { kind: 'key', at: 5, map: row._item?.id, key: 'k', takeBack: Y.createID(1, 2), refused: null, before },
    ]);
    expect(encodeTakeBacks([key(new Y.Map())])).toBeNull();
  });
});

/**
 * A set of an allowed update that loses, as a room integrates it, to a value the doc already held
 * keeps its content in what the room stores (`keepLostSets` of `take-backs.ts`), so a process
 * that remembers a take-back it lost to can write it again; without services: docs stand for
 * processes.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keepLostSets, TakeBacks } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

const measure = (doc: Y.Doc): unknown => rowsMap(doc).get('ra')?.get('measure');
const diff = (from: Y.Doc, to: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));

/** What a room storing `update` emits when it integrates it as `RoomApply.integrate` does (`keep` on or off). */
function integrate(doc: Y.Doc, update: Uint8Array, keep: boolean): Uint8Array {
  const emitted: Uint8Array[] = [];
  const collect = (u: Uint8Array): number => emitted.push(u);
  doc.on('update', collect);
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, 'client');
    if (keep) keepLostSets(tr);
  }, 'client');
  doc.off('update', collect);
  return Y.mergeUpdates(emitted);
}

describe('keepLostSets', () => {
  /**
   * Process 1 takes B's edit back and remembers it; process 0 gets the stored take-back as a plain
   * update, then A's offline edit (A's id below B's, so it loses there); process 1 gets what
   * process 0 stored. Returns process 1's doc after it applied that.
   */
  function run(keep: boolean): Y.Doc {
    const a = new Y.Doc();
    a.clientID = 700;
    insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
    const p0 = new Y.Doc();
    const p1 = new Y.Doc();
    const b = new Y.Doc();
    b.clientID = 800;
    for (const d of [p0, p1, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
    setCells(a, 'ra', { measure: 'Ägarens ändring' });
    const before = Y.encodeStateVector(b);
    setCells(b, 'ra', { measure: 'Övertagen' });
    const takeBacks = new TakeBacks();
    const undo = applyAndUndo(p1, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb));
    expect(undo).not.toBeNull();
    Y.applyUpdate(p0, undo as Uint8Array, 'storage');
    const stored = integrate(p0, diff(a, p0), keep);
    expect(measure(p0)).toBe('Hälsodag');
    const rewrite = takeBacks.applyStored(p1, stored, 'storage');
    if (rewrite) Y.applyUpdate(p0, rewrite);
    expect(measure(p0)).toBe(measure(p1));
    return p1;
  }

  it("keeps the owner's value that lost to a take-back this process did not know, so the process that remembers it writes it again", () => {
    expect(measure(run(true))).toBe('Ägarens ändring');
  });

  it('is what makes the difference: without it the stored update holds an empty placeholder and the value is lost', () => {
    expect(measure(run(false))).toBe('Hälsodag');
  });

  it('keeps nothing of an ordinary overwrite (the set built on the value it replaced)', () => {
    const doc = new Y.Doc();
    const client = new Y.Doc();
    insertRow(client, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ra' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    setCells(client, 'ra', { measure: 'Ny' });
    let kept = -1;
    doc.transact((tr) => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(client, sv));
      kept = keepLostSets(tr);
    });
    expect(kept).toBe(0);
    expect(measure(doc)).toBe('Ny');
  });
});

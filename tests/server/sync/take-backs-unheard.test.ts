/**
 * A take-back another process made in a row while it lived, applied here after the row's refused
 * delete was taken back (`TakeBacks.needsStored`): this process may not have heard of it (its
 * message lost while the fan-out seemed up), and would copy it into the row's copy as an edit,
 * over the owner's edit there. So such an update is recognised before it is applied, and the
 * stored take-backs are read first (`CommitLog`); once known, the take-back is not copied.
 * Without services: docs stand for processes (n1 took B1's edit back, n2 B2's delete).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { StoredTakeBack } from '../../../server/storage/storage.js';
import { TakeBacks } from '../../../server/sync/take-backs.js';
import { TakeBackBudget } from '../../../server/sync/take-back-budget.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

const sync = (to: Y.Doc, from: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const measure = (doc: Y.Doc): unknown => rowsMap(doc).get('ru')?.get('measure');

/**
 * A owns row ru; B2's delete is taken back on n2 (copy), A edits the copy; B1, on n1 that saw none
 * of it, edits ru and is taken back there. n2's take-backs live within `budget` (default: the process's).
 */
function race(budget?: TakeBackBudget) {
  const [n1, n2, a, b1, b2] = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  [n1.clientID, n2.clientID, a.clientID, b1.clientID, b2.clientID] = [9001, 9002, 100, 500, 600];
  insertRow(a, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'ru' });
  for (const d of [n1, n2, b1, b2]) sync(d, a);
  rowsMap(n1);
  rowsMap(n2);
  const t2 = new TakeBacks(budget ? { budget } : {});
  let before = Y.encodeStateVector(b2);
  rowsMap(b2).delete('ru');
  applyAndUndo(n2, Y.encodeStateAsUpdate(b2, before), 'undo', () => true, (tb) => t2.remember(tb));
  sync(a, n2);
  setCells(a, 'ru', { measure: 'Ägarens ändring' });
  sync(n2, a);
  const stored: StoredTakeBack[] = [];
  const t1 = new TakeBacks();
  before = Y.encodeStateVector(b1);
  setCells(b1, 'ru', { measure: 'Övertagen' });
  const undo = applyAndUndo(n1, Y.encodeStateAsUpdate(b1, before), 'undo', () => true, (tb) => t1.remember(tb, stored));
  if (!undo) throw new Error('nothing taken back');
  return { n2, t2, a, undo, stored };
}

describe("another process's take-back in a row while it lived, not heard of here", () => {
  it('is recognised before it is applied as needing the stored take-backs', () => {
    const { n2, t2, undo } = race();
    expect(measure(n2)).toBe('Ägarens ändring');
    expect(t2.needsStored(n2, undo)).toBe(true);
  });

  it("once read from storage, is not copied into the row's copy: the owner's edit there stands", () => {
    const { n2, t2, undo, stored } = race();
    t2.receiveAll(n2, stored.map((s) => s.data));
    expect(t2.applyStored(n2, undo, 'foreign')).toBeNull();
    expect(measure(n2)).toBe('Ägarens ändring');
  });

  it("once read from storage and at once dropped from memory for the budget, is still not copied into the row's copy", () => {
    // A budget of 1 byte: every take-back is dropped from memory as soon as it is remembered (storage holds it).
    const { n2, t2, undo, stored } = race(new TakeBackBudget(1));
    t2.receiveAll(n2, stored.map((s) => s.data));
    expect(t2.applyStored(n2, undo, 'foreign')).toBeNull();
    expect(t2.needsLookBack).toBe(true);
    expect(measure(n2)).toBe('Ägarens ändring');
    // Nor is such an update taken for one that needs the stored take-backs read again.
    expect(t2.needsStored(n2, undo)).toBe(false);
  });

  it('asks for nothing for an edit of a live row, nor when no row take-back is remembered', () => {
    const { n2, t2, a } = race();
    const sv = Y.encodeStateVector(n2);
    setCells(a, 'ru', { measure: 'Ännu en ändring' });
    expect(t2.needsStored(n2, Y.encodeStateAsUpdate(a, sv))).toBe(false);
    const fresh = new Y.Doc();
    expect(new TakeBacks().needsStored(fresh, Y.encodeStateAsUpdate(a))).toBe(false);
  });
});

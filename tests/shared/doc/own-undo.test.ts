/**
 * `rowAfterUndo` (`shared/doc/own-undo.ts`) tells what undoing the next step would make of a row
 * before anything is undone: each case checks it against what the undo then does to the doc.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, deleteRow, getRow, insertRow, setCell, setCells } from '../../../shared/doc/index.js';
import { ownUndo, rowAfterUndo } from '../../../shared/doc/own-undo.js';

const ME = { me: true };
const PEER = { peer: true };

/** A doc with one row, the person's undo history over it, and the row as the next undo would make it. */
function start() {
  const doc = createDoc('indicator-values', { title: 'Indikatorvärden 2025', ownerUnit: 'region', schemaVersion: 1 });
  const id = insertRow(doc, { unit: 'vc-tensta', period: '2025Q2', value: 5 });
  const undo = ownUndo(doc, ME);
  const predicted = () => undo.nextSteps().map((step) => rowAfterUndo(step, getRow(doc, step.id)?.values));
  const actual = () => {
    expect(undo.undo()).toBe(true);
    return getRow(doc, id)?.values;
  };
  return { doc, id, undo, predicted, actual };
}

describe('rowAfterUndo', () => {
  it('puts back the cells the step changed and removes the ones it added', () => {
    const { doc, id, predicted, actual } = start();
    doc.transact(() => setCells(doc, id, { period: '2025Q3', comment: 'ny' }), ME);
    expect(predicted()).toEqual([{ unit: 'vc-tensta', period: '2025Q2', value: 5 }]);
    expect(actual()).toEqual({ unit: 'vc-tensta', period: '2025Q2', value: 5 });
  });

  it("leaves a cell a colleague changed since, as the undo does, and puts back the person's other cell", () => {
    const { doc, id, predicted, actual } = start();
    doc.transact(() => setCells(doc, id, { period: '2025Q3', value: 6 }), ME);
    doc.transact(() => setCell(doc, id, 'period', '2025Q4'), PEER);
    expect(predicted()).toEqual([{ unit: 'vc-tensta', period: '2025Q4', value: 5 }]);
    expect(actual()).toEqual({ unit: 'vc-tensta', period: '2025Q4', value: 5 });
  });

  it('brings back a row the step deleted as it was, and takes away a row the step added', () => {
    const { doc, id, undo, predicted, actual } = start();
    doc.transact(() => deleteRow(doc, id), ME);
    expect(predicted()).toEqual([{ unit: 'vc-tensta', period: '2025Q2', value: 5 }]);
    expect(actual()).toEqual({ unit: 'vc-tensta', period: '2025Q2', value: 5 });
    const added = doc.transact(() => insertRow(doc, { unit: 'vc-tensta', period: '2025Q1' }), ME);
    expect(undo.nextSteps().map((s) => [s.id, rowAfterUndo(s, getRow(doc, s.id)?.values)])).toEqual([[added, undefined]]);
  });
});

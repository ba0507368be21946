import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { observeChanges, type ChangeSet } from '../../../shared/doc/observe.js';
import { LOCAL_ORIGIN } from '../../../shared/doc/origin.js';
import { deleteRow, insertRow, moveRow, setCell, setCells } from '../../../shared/doc/rows.js';

const init = { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: 1 };

function record(doc: Y.Doc): { sets: ChangeSet[]; stop: () => void } {
  const sets: ChangeSet[] = [];
  const stop = observeChanges(doc, (s) => sets.push(s));
  return { sets, stop };
}

describe('observeChanges', () => {
  it('reports an added row with its cells, before undefined', () => {
    const doc = createDoc('activity-plan', init);
    const { sets } = record(doc);
    const id = insertRow(doc, { name: 'Hälsodag', count: 2 });
    expect(sets).toHaveLength(1);
    expect(sets[0]?.addedRows).toEqual([id]);
    expect(sets[0]?.changes).toEqual(
      expect.arrayContaining([
        { rowId: id, column: 'name', before: undefined, after: 'Hälsodag' },
        { rowId: id, column: 'count', before: undefined, after: 2 },
      ]),
    );
    expect(sets[0]?.changes).toHaveLength(2);
    expect(sets[0]?.origin).toBe(LOCAL_ORIGIN);
    expect(sets[0]?.local).toBe(true);
  });

  it('coalesces the cell edits of one transaction, with before and after', () => {
    const doc = createDoc('activity-plan', init);
    const id = insertRow(doc, { name: 'a', count: 1 });
    const { sets } = record(doc);
    setCells(doc, id, { name: 'b', count: 2, note: 'ny' });
    expect(sets).toHaveLength(1);
    expect(new Set(sets[0]?.changes)).toEqual(
      new Set([
        { rowId: id, column: 'name', before: 'a', after: 'b' },
        { rowId: id, column: 'count', before: 1, after: 2 },
        { rowId: id, column: 'note', before: undefined, after: 'ny' },
      ]),
    );
  });

  it('reports moved and deleted rows, and remote origin', () => {
    const doc = createDoc('activity-plan', init);
    const a = insertRow(doc, { name: 'a' });
    const b = insertRow(doc, { name: 'b' });
    const { sets, stop } = record(doc);
    moveRow(doc, b, { after: null });
    expect(sets[0]?.movedRows).toEqual([b]);
    expect(sets[0]?.changes).toEqual([]);
    deleteRow(doc, a);
    expect(sets[1]?.deletedRows).toEqual([a]);

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setCell(other, b, 'name', 'B');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'peer');
    expect(sets[2]?.local).toBe(false);
    expect(sets[2]?.origin).toBe('peer');
    expect(sets[2]?.changes).toEqual([{ rowId: b, column: 'name', before: 'b', after: 'B' }]);
    stop();
    setCell(doc, b, 'name', 'C');
    expect(sets).toHaveLength(3);
  });

  it('does not report cell edits of a row deleted in the same transaction', () => {
    const doc = createDoc('activity-plan', init);
    const a = insertRow(doc, { name: 'a' });
    const { sets } = record(doc);
    doc.transact(() => {
      setCell(doc, a, 'name', 'x');
      deleteRow(doc, a);
    });
    expect(sets[0]?.deletedRows).toEqual([a]);
    expect(sets[0]?.changes).toEqual([]);
  });

  it('names the clients whose writes a transaction added, and none for a deletion alone', () => {
    const doc = createDoc('activity-plan', init);
    const id = insertRow(doc, { name: 'a' });
    const theirs = new Y.Doc();
    theirs.clientID = 4242;
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(doc));
    const { sets } = record(doc);
    setCell(theirs, id, 'name', 'b');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(doc)), 'remote');
    expect(sets.at(-1)?.writers).toEqual([4242]);
    deleteRow(theirs, id);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(doc)), 'remote');
    expect(sets.at(-1)?.deletedRows).toEqual([id]);
    expect(sets.at(-1)?.writers).toEqual([]);
  });
});

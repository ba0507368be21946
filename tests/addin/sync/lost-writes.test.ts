import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, deleteRow, getRow, insertRow, setCell } from '../../../shared/doc/index.js';
import { watchLostWrites, type LostWrite } from '../../../addin/sync/lost-writes.js';

/** Two panes' docs of one document, in sync, with one row. */
function twoPanes(): { a: Y.Doc; b: Y.Doc; rowId: string } {
  const a = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-tensta', schemaVersion: 1 });
  const rowId = insertRow(a, { title: 'Hälsodag i Tensta', venue: 'Träffpunkten' });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b, rowId };
}

/** Sends what `from` has that `to` lacks (one remote transaction at `to`). */
function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Watches `doc`; with `held`, the server holds the doc's own changes below that clock. */
function watch(doc: Y.Doc, held?: () => number): LostWrite[] {
  const lost: LostWrite[] = [];
  watchLostWrites(doc, (l) => lost.push(...l), held ? { serverHas: (id) => id.client !== doc.clientID || id.clock < held() } : {});
  return lost;
}

describe('two people set one cell at once', () => {
  it('tells the pane whose value Yjs dropped, with its text and the value kept, and not the other', () => {
    const { a, b, rowId } = twoPanes();
    const lostA = watch(a);
    const lostB = watch(b);
    setCell(a, rowId, 'venue', 'Biblioteket');
    setCell(b, rowId, 'venue', 'Folkets hus');
    deliver(a, b);
    deliver(b, a);
    const kept = getRow(a, rowId)?.values.venue;
    expect(getRow(b, rowId)?.values.venue).toBe(kept);
    const [loser, lost, winnerLost] = kept === 'Folkets hus' ? [a, lostA, lostB] : [b, lostB, lostA];
    expect(lost).toEqual([
      {
        kind: 'overwritten',
        rowId,
        column: 'venue',
        mine: loser === a ? 'Biblioteket' : 'Folkets hus',
        kept,
        row: expect.objectContaining({ title: 'Hälsodag i Tensta', venue: kept }) as unknown,
      },
    ]);
    expect(winnerLost).toEqual([]);
  });

  it('says nothing when both wrote the same text at once (nothing of theirs is gone)', () => {
    const { a, b, rowId } = twoPanes();
    const [lostA, lostB] = [watch(a), watch(b)];
    setCell(a, rowId, 'venue', 'Biblioteket');
    setCell(b, rowId, 'venue', 'Biblioteket');
    deliver(a, b);
    deliver(b, a);
    expect([...lostA, ...lostB]).toEqual([]);
  });

  it('says nothing when the colleague overwrote a value they had seen (ordinary collaboration)', () => {
    const { a, b, rowId } = twoPanes();
    const lostA = watch(a);
    setCell(a, rowId, 'venue', 'Biblioteket');
    deliver(a, b);
    setCell(b, rowId, 'venue', 'Folkets hus');
    setCell(b, rowId, 'venue', 'Folkets hus, sal 2');
    deliver(b, a);
    expect(getRow(a, rowId)?.values.venue).toBe('Folkets hus, sal 2');
    expect(lostA).toEqual([]);
  });

  it('says nothing when a third person had overwritten it first and the colleague saw that', () => {
    const { a, b, rowId } = twoPanes();
    const c = new Y.Doc();
    deliver(a, c);
    const lostA = watch(a);
    setCell(a, rowId, 'venue', 'Biblioteket');
    deliver(a, c);
    setCell(c, rowId, 'venue', 'Kyrkan');
    deliver(c, a);
    deliver(c, b);
    setCell(b, rowId, 'venue', 'Folkets hus');
    deliver(b, a);
    expect(lostA).toEqual([]);
  });

  it('tells the loser also when the colleague set the cell twice before it arrived', () => {
    for (let i = 0; i < 6; i++) {
      const { a, b, rowId } = twoPanes();
      const lostA = watch(a);
      const lostB = watch(b);
      setCell(a, rowId, 'title', 'Promenadgrupp');
      setCell(b, rowId, 'title', 'Promenad');
      setCell(b, rowId, 'title', 'Promenad för seniorer');
      deliver(a, b);
      deliver(b, a);
      const kept = getRow(a, rowId)?.values.title;
      expect(getRow(b, rowId)?.values.title).toBe(kept);
      const told = [...lostA, ...lostB];
      expect(told).toHaveLength(1);
      expect(told[0]?.kept).toBe(kept);
      expect(told[0]?.mine).toBe(kept === 'Promenadgrupp' ? 'Promenad för seniorer' : 'Promenadgrupp');
    }
  });
});

describe('a colleague deletes a row this pane wrote in', () => {
  it('tells the cells the server had not taken (an offline edit), with the row as it was', () => {
    const { a, b, rowId } = twoPanes();
    const confirmed = Y.getState(a.store, a.clientID);
    const lostA = watch(a, () => confirmed);
    setCell(a, rowId, 'venue', 'Biblioteket');
    deleteRow(b, rowId);
    deliver(b, a);
    expect(getRow(a, rowId)).toBeUndefined();
    expect(lostA).toEqual([
      { kind: 'row-deleted', rowId, column: 'venue', mine: 'Biblioteket', kept: null, row: expect.objectContaining({ title: 'Hälsodag i Tensta', venue: 'Biblioteket' }) as unknown },
    ]);
  });

  it('says nothing of cells the server had when the row was deleted', () => {
    const { a, b, rowId } = twoPanes();
    const lostA = watch(a, () => Y.getState(a.store, a.clientID));
    setCell(a, rowId, 'venue', 'Biblioteket');
    deliver(a, b);
    deleteRow(b, rowId);
    deliver(b, a);
    expect(lostA).toEqual([]);
  });
});

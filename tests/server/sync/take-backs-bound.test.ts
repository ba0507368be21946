/**
 * A room's memory of take-backs is bounded by count and bytes (`take-back-index.ts`), as storage
 * is: a refused paste of 10,000 cells is remembered whole, so the owner's offline edit of its
 * first cell stands; beyond the bound the oldest are forgotten first, and an allowed edit that
 * then loses to a forgotten take-back is told (`TakeBacks`' `onLost`), with the cell's path and no
 * value. The server doc's client id (9000) is above the owner's (100): a take-back wins Yjs's
 * order unless written again.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TAKE_BACK_LIMIT, TakeBacks, type LostToForgotten } from '../../../server/sync/take-backs.js';
import { applyAndUndo } from '../../../server/sync/undo-refused.js';
import { insertRows, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { integrated } from './take-backs-fixture.js';

const measure = (doc: Y.Doc, row = 'r0'): unknown => rowsMap(doc).get(row)?.get('measure');

/** A (100) owns rows r0…; edits r0 offline; B (200) pastes into every row, refused and taken back into `takeBacks`. */
function paste(cells: number, takeBacks: TakeBacks): { server: Y.Doc; offline: Uint8Array } {
  const ids = Array.from({ length: cells }, (_, i) => `r${i}`);
  const [server, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  [server.clientID, a.clientID, b.clientID] = [9000, 100, 200];
  insertRows(a, ids.map(() => ({ unit: 'clinic-a', measure: 'Hälsodag' })), { ids });
  for (const d of [server, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
  const svA = Y.encodeStateVector(a);
  setCells(a, 'r0', { measure: 'Ägarens ändring' });
  const before = Y.encodeStateVector(b);
  b.transact(() => {
    for (const id of ids) setCells(b, id, { measure: 'Inklistrad' });
  });
  const undo = applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb));
  if (!undo) throw new Error('nothing taken back');
  return { server, offline: Y.encodeStateAsUpdate(a, svA) };
}

describe("a room's take-backs, bounded by count and bytes", () => {
  it('remembers a refused paste of 10,000 cells whole: the offline edit of its first cell stands', () => {
    expect(TAKE_BACK_LIMIT).toBeGreaterThanOrEqual(10_000);
    const takeBacks = new TakeBacks();
    const { server, offline } = paste(10_000, takeBacks);
    expect(takeBacks.size).toBe(10_000);
    expect(measure(server)).toBe('Hälsodag');
    integrated(server, offline, (tr) => takeBacks.reassert(tr));
    expect(measure(server)).toBe('Ägarens ändring');
  }, 60_000);

  it('forgets the oldest beyond its bytes, and tells of an edit lost to one forgotten, without its value', () => {
    const lost: LostToForgotten[] = [];
    // About 40 bytes each: room for some 50 of the paste's 300.
    const takeBacks = new TakeBacks({ bytes: 2000, onLost: (l) => lost.push(l) });
    const { server, offline } = paste(300, takeBacks);
    expect(takeBacks.size).toBeGreaterThan(20);
    expect(takeBacks.size).toBeLessThan(100);
    integrated(server, offline, (tr) => takeBacks.reassert(tr));
    expect(measure(server)).toBe('Hälsodag');
    expect(lost).toHaveLength(1);
    expect(lost[0]?.path).toEqual(['rows', 'r0', 'measure']);
    expect(lost[0]?.set.client).toBe(100);
    expect(lost[0]?.winner.client).toBe(9000);
    expect(JSON.stringify(lost)).not.toContain('Ägarens');
  });

  it('forgets the oldest beyond its count, the newest kept: an edit of the last cell still stands', () => {
    const takeBacks = new TakeBacks({ limit: 50 });
    const ids = Array.from({ length: 120 }, (_, i) => `r${i}`);
    const [server, a, b] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    [server.clientID, a.clientID, b.clientID] = [9000, 100, 200];
    insertRows(a, ids.map(() => ({ unit: 'clinic-a', measure: 'Hälsodag' })), { ids });
    for (const d of [server, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
    const svA = Y.encodeStateVector(a);
    setCells(a, 'r119', { measure: 'Ägarens ändring' });
    const before = Y.encodeStateVector(b);
    b.transact(() => {
      for (const id of ids) setCells(b, id, { measure: 'Inklistrad' });
    });
    applyAndUndo(server, Y.encodeStateAsUpdate(b, before), 'undo', () => true, (tb) => takeBacks.remember(tb));
    expect(takeBacks.size).toBe(50);
    integrated(server, Y.encodeStateAsUpdate(a, svA), (tr) => takeBacks.reassert(tr));
    expect(measure(server, 'r119')).toBe('Ägarens ändring');
  });
});

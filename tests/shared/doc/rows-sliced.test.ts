/**
 * `rowsOfSliced`: the first read of a doc's rows made a row at a time, the caller's pause awaited
 * between them (an export of a large plan, `server/http/export-rows.ts`), with the doc edited in
 * those pauses as a live room's doc is: the list it gives is the doc's rows as they are at its end,
 * as `rowsOf` of a copy made then reads them, and the index it leaves follows later edits.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { rowsOf, rowsOfSliced } from '../../../shared/doc/row-index.js';
import { deleteRow, insertRow, insertRows, moveRow, setCell } from '../../../shared/doc/rows.js';

const init = { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 };
const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const listed = (rows: readonly { id: string; values: object }[]) => rows.map((r) => [r.id, r.values]);

describe('rowsOfSliced', () => {
  it('gives the rows as they are once read, with the doc edited between its pieces', async () => {
    // Edits made elsewhere reach the doc as updates, as a live room's doc takes them.
    const elsewhere = createDoc('activity-plan', init);
    const ids = insertRows(elsewhere, Array.from({ length: 40 }, (_, i) => ({ title: `Promenad ${i}` })));
    const doc = copyOf(elsewhere);
    const taken = (edit: () => unknown) => () => {
      const before = Y.encodeStateVector(doc);
      edit();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere, before));
    };
    const edits = [
      taken(() => setCell(elsewhere, ids[0] as string, 'title', 'Stavgång i Hansta')),
      taken(() => setCell(elsewhere, ids[30] as string, 'title', 'Hälsosamtal')),
      taken(() => deleteRow(elsewhere, ids[31] as string)),
      taken(() => insertRow(elsewhere, { title: 'Boule' })),
      taken(() => moveRow(elsewhere, ids[39] as string, { after: null })),
      taken(() => deleteRow(elsewhere, ids[1] as string)),
    ];
    let pauses = 0;
    const rows = await rowsOfSliced(doc, () => {
      pauses++;
      const edit = edits.shift();
      if (!edit) return undefined;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          edit();
          resolve();
        }),
      );
    });
    expect(pauses).toBeGreaterThan(6);
    expect(listed(rows)).toEqual(listed(rowsOf(copyOf(doc))));
    expect(rows.map((r) => r.values.title)).toContain('Stavgång i Hansta');
    expect(rows.map((r) => r.id)).not.toContain(ids[31]);
    expect(rows[0]?.id).toBe(ids[39]);
    // The index it left follows the next edit, as rowsOf's own does.
    taken(() => setCell(elsewhere, ids[2] as string, 'title', 'Matlagning'))();
    expect(listed(rowsOf(doc))).toEqual(listed(rowsOf(copyOf(doc))));
  });

  it('reads a doc already indexed as rowsOf does, without pausing', async () => {
    const doc = createDoc('activity-plan', init);
    insertRows(doc, [{ title: 'Promenad' }, { title: 'Boule' }]);
    const first = rowsOf(doc);
    let pauses = 0;
    const rows = await rowsOfSliced(doc, () => void pauses++);
    expect(rows).toBe(first);
    expect(pauses).toBe(0);
  });
});

/**
 * Ctrl+Z of the unit that let a held row go (`held-rows.ts`), with row locks: the row is held again
 * under its id, as the undo of a held row's only value already makes it (`held-undo.test.ts`). On
 * the old code the locked-row rule put the unit back from the plan: the person's undo was undone,
 * the row stayed shared, and Problems said the change was taken back.
 */
import { describe, expect, it } from 'vitest';
import { addComment, commentCounts } from '../../../shared/comments/comments.js';
import { getRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
import * as Y from 'yjs';
import { cellAt, disposedAfterEach, docWith, openSide, relay, RELAY, type Side } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null },
  { code: 'vc-husby', name: 'Husby vårdcentral', parent: null },
];
const at = (key: string, index: number): string => cellAt('action-plan', key, index);
const codes = (side: Side, rowId: unknown) => side.binding.problems.filter((p) => p.rowId === rowId).map((p) => p.code);

/** Nina, editor of Tensta, with `doc` open in a fresh workbook. */
async function nina(doc: Y.Doc): Promise<Side> {
  const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta'], memberId: 'nina' }, { kind: 'action-plan', ownerUnit: 'region' }, UNITS);
  const lists = refListsFeed({ partner: [], unit: UNITS.map((u) => ({ id: u.code, name: u.name })) });
  const side = await openSide(doc, 'action-plan', { refLists: lists, ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) });
  opened.push(side);
  return side;
}

/** A new row typed measure first (held), then its unit (sent); returns its id. */
async function releasedRow(side: Side): Promise<string> {
  side.host.user.type(side.binding.sheetName, at('measure', 1), 'Stavgång vid Järvafältet');
  await side.settle();
  const id = String(side.host.read(side.binding.sheetName, 'A3')[0]![0]);
  expect(codes(side, id)).toEqual(['row-held']);
  side.host.user.type(side.binding.sheetName, at('unit', 1), 'Tensta vårdcentral');
  await side.settle();
  expect(getRow(side.doc, id)?.values).toMatchObject({ unit: 'vc-tensta', measure: 'Stavgång vid Järvafältet' });
  return id;
}

describe('undo of the unit that let a held row go', () => {
  it('holds the row again under its id: out of the plan, what was typed stays, the note back', async () => {
    const side = await nina(docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]));
    const id = await releasedRow(side);
    // Excel's undo of the typing: the cell read back empty.
    side.host.user.clear(side.binding.sheetName, at('unit', 1));
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.id)).not.toContain(id);
    expect(side.host.read(side.binding.sheetName, at('measure', 1))).toEqual([['Stavgång vid Järvafältet']]);
    expect(side.host.read(side.binding.sheetName, at('unit', 1))).toEqual([['']]);
    expect(side.host.read(side.binding.sheetName, 'A3')).toEqual([[id]]);
    expect(codes(side, id)).toEqual(['row-held']);
    // The unit typed again sends it again, under the same id.
    side.host.user.type(side.binding.sheetName, at('unit', 1), 'Tensta vårdcentral');
    await side.settle();
    expect(getRow(side.doc, id)?.values).toMatchObject({ unit: 'vc-tensta', measure: 'Stavgång vid Järvafältet' });
    expect(codes(side, id)).toEqual([]);
  });

  it("after a colleague wrote in the row: the row stays shared with their value, the unit put back as before", async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), RELAY);
    const net = relay(doc, other);
    const side = await nina(doc);
    const id = await releasedRow(side);
    setCell(other, id, 'perspective', 'befolkning');
    await side.settle();
    side.host.user.clear(side.binding.sheetName, at('unit', 1));
    await side.settle();
    expect(getRow(other, id)?.values).toMatchObject({ unit: 'vc-tensta', perspective: 'befolkning' });
    expect(side.host.read(side.binding.sheetName, at('unit', 1))).toEqual([['Tensta vårdcentral']]);
    expect(codes(side, id)).not.toContain('row-held');
    net.stop();
  });

  it('after a colleague commented on the row: the row stays shared with its thread, the unit put back', async () => {
    const side = await nina(docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]));
    const id = await releasedRow(side);
    // Written from the pane's comment view, not through the sheet.
    addComment(side.doc, { row: id, author: 'Bo', text: 'Vem leder den?' });
    side.host.user.clear(side.binding.sheetName, at('unit', 1));
    await side.settle();
    expect(getRow(side.doc, id)?.values.unit).toBe('vc-tensta');
    expect(commentCounts(side.doc).get(id)).toBe(1);
    expect(codes(side, id)).not.toContain('row-held');
  });

  it('of a row made before this session is the locked-row rule as before: put back', async () => {
    const side = await nina(docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]));
    const id = rowsOf(side.doc)[0]!.id;
    side.host.user.clear(side.binding.sheetName, at('unit', 0));
    await side.settle();
    expect(getRow(side.doc, id)?.values.unit).toBe('vc-tensta');
    expect(side.host.read(side.binding.sheetName, at('unit', 0))).toEqual([['Tensta vårdcentral']]);
  });
});

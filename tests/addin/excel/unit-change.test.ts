/**
 * The unit of a row is set once: an editor may not move their row to another unit, not even one
 * of their own, nor empty its unit (the server refuses it, `server/sync/ownership.ts`, and takes
 * the edit back). The pane asks its rights (`write-rights.ts` `changeFor`) before sending, typed
 * live or while the pane was closed: the edit is put back from the doc, said in words on the
 * row, and nothing is sent.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { writeRightsFor } from '../../../addin/taskpane/write-rights.js';
import type { BindOptions } from '../../../addin/excel/sheet/types.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null },
  { code: 'vc-rinkeby', name: 'Rinkeby vårdcentral', parent: null },
  { code: 'vc-husby', name: 'Husby vårdcentral', parent: null },
];
/** An editor of Tensta and Rinkeby in the county action plan, by the pane's rights. */
const rights = writeRightsFor({ name: 'Nina', role: 'editor', units: ['vc-tensta', 'vc-rinkeby'], memberId: 'nina' }, { kind: 'action-plan', ownerUnit: 'region' }, UNITS);
const options: Partial<BindOptions> = { ...(rights.rowLocks ? { rowLocks: rights.rowLocks } : {}) };
const PUT_BACK = 'Ändringen togs tillbaka: raden hör till Tensta vårdcentral och en rads enhet kan bara en samordnare ändra.';

const planDoc = (): Y.Doc => docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
/** Every update the doc emits from now on. */
const updatesOf = (doc: Y.Doc): Uint8Array[] => {
  const sent: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => sent.push(u));
  return sent;
};

describe('an editor changing the unit of their own row', () => {
  it.each([
    ['another unit (Husby)', 'vc-husby'],
    ['another of their own units (Rinkeby)', 'vc-rinkeby'],
  ])('typed live, to %s: put back at once, said on the row, nothing sent', async (_what, typed) => {
    const doc = planDoc();
    const side = await openSide(doc, 'action-plan', options);
    opened.push(side);
    await side.settle();
    const cell = cellAt('action-plan', 'unit', 0);
    const shown = side.host.readText(side.binding.sheetName, cell);
    const sent = updatesOf(doc);
    side.host.user.type(side.binding.sheetName, cell, typed);
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.unit).toBe('vc-tensta');
    expect(side.host.readText(side.binding.sheetName, cell)).toEqual(shown);
    const said = side.binding.problems.filter((p) => p.code === 'row-locked');
    expect(said.map((p) => [p.rowId, p.column, p.message.sv])).toEqual([[rowsOf(doc)[0]?.id, 'unit', PUT_BACK]]);
  });

  it('typed live, emptied: put back, nothing sent; another cell of the row is still taken', async () => {
    const doc = planDoc();
    const side = await openSide(doc, 'action-plan', options);
    opened.push(side);
    await side.settle();
    const sent = updatesOf(doc);
    side.host.user.clear(side.binding.sheetName, cellAt('action-plan', 'unit', 0));
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.unit).toBe('vc-tensta');
    side.host.user.type(side.binding.sheetName, cellAt('action-plan', 'measure', 0), 'Promenadgrupp varje tisdag');
    await side.settle();
    expect(rowsOf(doc)[0]?.values).toMatchObject({ unit: 'vc-tensta', measure: 'Promenadgrupp varje tisdag' });
  });

  it('typed while the pane was closed: put back on opening, said on the row, nothing sent', async () => {
    const doc = planDoc();
    const first = await openSide(doc, 'action-plan', options);
    await first.settle();
    await first.binding.saveSnapshot();
    await first.binding.dispose();
    const sheet = first.binding.sheetName;
    const shown = first.host.readText(sheet, cellAt('action-plan', 'unit', 0));
    first.host.user.type(sheet, cellAt('action-plan', 'unit', 0), 'vc-husby');
    await first.host.settle();
    const sent = updatesOf(doc);
    const side = await openSide(doc, 'action-plan', options, first.host);
    opened.push(side);
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.unit).toBe('vc-tensta');
    expect(side.host.readText(sheet, cellAt('action-plan', 'unit', 0))).toEqual(shown);
    const said = side.binding.problems.filter((p) => p.code === 'row-locked');
    expect(said.map((p) => [p.column, p.message.sv.startsWith(PUT_BACK)])).toEqual([['unit', true]]);
  });

  it('typed live as a unit name before the unit list has arrived: put back when the list arrives, nothing sent', async () => {
    const doc = planDoc();
    const lists = refListsFeed({ partner: [] });
    const side = await openSide(doc, 'action-plan', { ...options, refLists: lists });
    opened.push(side);
    await side.settle();
    const sent = updatesOf(doc);
    side.host.user.type(side.binding.sheetName, cellAt('action-plan', 'unit', 0), 'Husby vårdcentral');
    await side.settle();
    lists.set('unit', UNITS.map((u) => ({ id: u.code, name: u.name })));
    await expect.poll(() => side.binding.problems.filter((p) => p.code === 'row-locked').map((p) => p.column), { timeout: 5000 }).toEqual(['unit']);
    await side.settle();
    expect(sent).toEqual([]);
    expect(rowsOf(doc)[0]?.values.unit).toBe('vc-tensta');
    expect(side.host.readText(side.binding.sheetName, cellAt('action-plan', 'unit', 0))).toEqual([['Tensta vårdcentral']]);
  });
});

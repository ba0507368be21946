/**
 * Rows added while the pane was closed ask the row locks on reopening, like rows typed live
 * (`local/reconcile.ts`, `local/held-rows.ts`): a row of another unit's is not sent (the server
 * would take it back), it stays in the sheet as typed and Problems says why; a row of the
 * person's own unit is sent as usual.
 */
import { describe, expect, it } from 'vitest';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import type * as Y from 'yjs';
import type { ExcelHost } from '../../../addin/excel-emulator/index.js';
import type { BindOptions } from '../../../addin/excel/sheet/types.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const opened = disposedAfterEach();
// A Tensta editor's locks: rows of other units are not theirs to write.
const UNITS = [
  { id: 'vc-tensta', name: 'vc-tensta' },
  { id: 'vc-husby', name: 'vc-husby' },
];
const tenstaOnly = rowLocks((_id, values) => (values.unit === 'vc-tensta' ? undefined : { sv: `raden tillhör ${String(values.unit)}.`, en: `the row belongs to ${String(values.unit)}.` }));

/** The pane opened again over `host`'s workbook by the Tensta editor (with `more` options), settled. */
async function reopen(doc: Y.Doc, host: ExcelHost, more: Partial<BindOptions> = {}): Promise<Side> {
  const side = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly, ...more }, host);
  opened.push(side);
  await side.settle();
  return side;
}

describe('rows added while the pane was closed', () => {
  it('are held in the sheet when they are another unit’s, said in words, and sent when they are the person’s own', async () => {
    const doc = docWith('action-plan', [{ unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' }]);
    const first = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly });
    const sheet = first.binding.sheetName;
    await first.settle();
    await first.binding.saveSnapshot();
    await first.binding.dispose();
    const host = first.host;
    host.user.type(sheet, cellAt('action-plan', 'unit', 1), 'vc-husby');
    host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Hälsodag på torget');
    host.user.type(sheet, cellAt('action-plan', 'unit', 2), 'vc-tensta');
    host.user.type(sheet, cellAt('action-plan', 'measure', 2), 'Stavgång vid Järvafältet');
    await host.settle();

    const side = await reopen(doc, host);
    expect(rowsOf(doc).map((r) => [r.values.unit, r.values.measure])).toEqual([
      ['vc-tensta', 'Promenadgrupp'],
      ['vc-tensta', 'Stavgång vid Järvafältet'],
    ]);
    expect(host.readText(sheet, cellAt('action-plan', 'measure', 1))).toEqual([['Hälsodag på torget']]);
    const held = side.binding.problems.filter((p) => p.code === 'row-held');
    expect(held.map((p) => p.message.sv)).toEqual([
      'Raden skickas inte än: raden tillhör vc-husby. Det du skrev står kvar i bladet och skickas när raden är en du får skriva.',
    ]);
    // The note leads to the held row, known by the id written in its id cell.
    expect(await side.binding.selectCell(held[0]?.rowId ?? '', held[0]?.column ?? null)).toBe(true);
    expect(side.host.selection()?.row).toBe(2);
    expect(side.host.readTable(side.binding.tableName).rows[1]?.[0]).toBe(held[0]?.rowId);
  });
});

/** A county action plan with a Tensta row and a Husby row, opened, saved and closed by a Tensta editor. */
async function closedPlan() {
  const doc = docWith('action-plan', [
    { unit: 'vc-tensta', measure: 'Promenadgrupp', perspective: 'befolkning' },
    { unit: 'vc-husby', measure: 'Hälsodag på torget', perspective: 'befolkning' },
  ]);
  const ids = rowsOf(doc).map((r) => r.id);
  const first = await openSide(doc, 'action-plan', { rowLocks: tenstaOnly });
  await first.settle();
  await first.binding.saveSnapshot();
  await first.binding.dispose();
  return { doc, ids, host: first.host, sheet: first.binding.sheetName, table: first.binding.tableName };
}

describe('rows changed while the pane was closed', () => {
  it('puts an edit of another unit’s row back from the doc, sends nothing of it, and names what was typed', async () => {
    const { doc, ids, host, sheet } = await closedPlan();
    host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Min ändring');
    await host.settle();
    const sent: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(u));

    const side = await reopen(doc, host);
    // Nothing is written to the doc, so nothing goes to the server for it to take back.
    expect(sent).toEqual([]);
    expect(rowsOf(doc).map((r) => r.values.measure)).toEqual(['Promenadgrupp', 'Hälsodag på torget']);
    expect(host.readText(sheet, cellAt('action-plan', 'measure', 1))).toEqual([['Hälsodag på torget']]);
    const locked = side.binding.problems.filter((p) => p.code === 'row-locked');
    expect(locked.map((p) => [p.rowId, p.column])).toEqual([[ids[1], 'measure']]);
    expect(locked.map((p) => p.message)).toEqual([
      {
        sv: 'Ändringen togs tillbaka: raden tillhör vc-husby. Det du skrev: ”Min ändring”.',
        en: 'The change was put back: the row belongs to vc-husby. What you wrote: “Min ändring”.',
      },
    ]);
  });

  it('sends an edit of the person’s own row made in the same closed session', async () => {
    const { doc, host, sheet } = await closedPlan();
    host.user.type(sheet, cellAt('action-plan', 'measure', 0), 'Promenadgrupp varje tisdag');
    host.user.type(sheet, cellAt('action-plan', 'measure', 1), 'Min ändring');
    await host.settle();
    await reopen(doc, host);
    expect(rowsOf(doc).map((r) => r.values.measure)).toEqual(['Promenadgrupp varje tisdag', 'Hälsodag på torget']);
    expect(host.readText(sheet, cellAt('action-plan', 'measure', 1))).toEqual([['Hälsodag på torget']]);
  });

  it('keeps another unit’s row deleted in the sheet, shows it again and says why', async () => {
    const { doc, ids, host, table } = await closedPlan();
    host.user.deleteTableRows(table, 1, 1);
    await host.settle();
    const side = await reopen(doc, host);
    expect(rowsOf(doc).map((r) => r.id)).toEqual(ids);
    expect(host.readTable(table).rows.map((r) => r.includes('Hälsodag på torget'))).toEqual([false, true]);
    const locked = side.binding.problems.filter((p) => p.code === 'row-locked');
    expect(locked.map((p) => [p.rowId, p.message.sv, p.message.en])).toEqual([[ids[1], 'Raden togs inte bort och visas igen: raden tillhör vc-husby.', 'The row was not deleted and is shown again: the row belongs to vc-husby.']]);
  });

  it('puts back a partner chosen in another unit’s row once the partner list arrives, and names it', async () => {
    const { doc, ids, host, sheet } = await closedPlan();
    host.user.type(sheet, cellAt('action-plan', 'partner', 1), 'Försäkringskassan');
    await host.settle();
    const lists = refListsFeed({ unit: UNITS });
    const side = await reopen(doc, host, { refLists: lists });
    lists.set('partner', [{ id: 'Fk7sD1wQ9nBc', name: 'Försäkringskassan' }]);
    await expect.poll(() => side.binding.problems.filter((p) => p.code === 'row-locked').map((p) => [p.rowId, p.column, p.message.sv])).toEqual([
      [ids[1], 'partner', 'Ändringen togs tillbaka: raden tillhör vc-husby. Det du skrev: ”Försäkringskassan”.'],
    ]);
    await side.settle();
    expect(getRow(doc, ids[1] ?? '')?.values.partner ?? null).toBeNull();
    expect(host.readText(sheet, cellAt('action-plan', 'partner', 1))).toEqual([['']]);
  });
});

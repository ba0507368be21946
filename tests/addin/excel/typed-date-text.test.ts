/**
 * Date columns of a bound table are text (`@`), so what a coordinator types there reaches the pane
 * as typed. In a date format Swedish Excel made `1/3` 1 March of the current year before the pane
 * saw the cell, and the pane, seeing only the serial, stored that without a word whatever the
 * plan's title said. Now `1/3` is read by the plan's period, as an import reads it. A table made
 * before, whose date cells hold serials in a date format, keeps working: read, written and
 * compared as before.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setCell, setMeta } from '../../../shared/doc/index.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const END = cellAt('activity-plan', 'endDate', 0);
const opened = disposedAfterEach();

async function swedishPlan(title: string): Promise<Side> {
  const doc = docWith('activity-plan', [{ title: 'Promenad', type: 'halsodag', startDate: '2025-09-01', endDate: '2025-09-30' }]);
  setMeta(doc, { title });
  const side = await openSide(doc, 'activity-plan', {}, createWorkbook({ locale: 'sv-SE' }));
  opened.push(side);
  return side;
}

const endProblems = (side: Side) => side.binding.problems.filter((p) => p.column === 'endDate');

describe('a date typed into the bound sheet of a Swedish Excel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows stored dates as text in text-formatted date cells', async () => {
    const side = await swedishPlan('Aktivitetsplan 2025–2026');
    expect(side.host.read(SHEET, END)).toEqual([['2025-09-30']]);
    expect(side.host.model.sheet(SHEET)!.numberFormat(1, END.charCodeAt(0) - 65)).toBe('@');
    expect(side.host.view(SHEET, END)!.cells[0]![0]!.text).toBe('2025-09-30');
  });

  it('reads "1/3" in "Aktivitetsplan 2025–2026" by the plan\'s period: refused naming both years, the cell kept as typed, the stored date unchanged', async () => {
    const side = await swedishPlan('Aktivitetsplan 2025–2026');
    side.host.user.type(SHEET, END, '1/3');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.endDate).toBe('2025-09-30');
    expect(side.host.read(SHEET, END)).toEqual([['1/3']]);
    expect(endProblems(side)).toEqual([expect.objectContaining({ severity: 'error', code: 'date-year-ambiguous' })]);
    expect(endProblems(side)[0]!.message.sv).toContain('1 mars 2025 eller 1 mars 2026');
  });

  it('reads "1/12" in "Aktivitetsplan 2025" as 1 December 2025, not this year\'s, and shows the date it stored', async () => {
    const side = await swedishPlan('Aktivitetsplan 2025');
    side.host.user.type(SHEET, END, '1/12');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.endDate).toBe('2025-12-01');
    expect(side.host.read(SHEET, END)).toEqual([['2025-12-01']]);
    expect(endProblems(side)).toEqual([]);
  });

  it('keeps a table made before, with serials in a date format, working: read, written from the doc, typed over', async () => {
    const side = await swedishPlan('Aktivitetsplan 2025');
    // The cell as an older pane left it: the serial of 30 September 2025 under `yyyy-mm-dd`.
    await side.host.run(async (context) => {
      context.runtime.enableEvents = false;
      const cell = context.workbook.worksheets.getItem(SHEET).getRange(END);
      cell.numberFormat = [['yyyy-mm-dd']];
      cell.values = [[isoToExcelSerial('2025-09-30')!]];
      await context.sync();
      context.runtime.enableEvents = true;
    });
    const writes: unknown[] = [];
    side.host.onValuesWritten((w) => writes.push(w));
    // A colleague's date reaches the old cell as a date, shown as one.
    setCell(side.doc, rowsOf(side.doc)[0]!.id, 'endDate', '2025-10-15');
    await side.settle();
    expect(side.host.read(SHEET, END)).toEqual([[isoToExcelSerial('2025-10-15')]]);
    expect(side.host.readText(SHEET, END)).toEqual([['2025-10-15']]);
    // Typed over, the date is stored; the serial it holds is no difference to write back.
    writes.length = 0;
    side.host.user.type(SHEET, END, '2025-11-01');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.endDate).toBe('2025-11-01');
    expect(side.host.read(SHEET, END)).toEqual([[isoToExcelSerial('2025-11-01')]]);
    expect(writes).toHaveLength(1);
    expect(endProblems(side)).toEqual([]);
  });
});

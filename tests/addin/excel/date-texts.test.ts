/**
 * A table bound before date columns were text holds its dates as serials in a date format, where
 * Excel makes `1/3` this year's 1 March before the pane sees it. Opened now, its dates become the
 * plan's text (`@`, `YYYY-MM-DD`), and nothing typed is lost: a date typed while the pane was
 * closed is taken into the plan first, a text that is no date stays as typed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const START = layout.columnIndex.get('startDate') as number;
const END = layout.columnIndex.get('endDate') as number;
const opened = disposedAfterEach();

const ROWS: RowValues[] = [
  { title: 'Promenad', type: 'halsodag', startDate: '2025-09-01', endDate: '2025-09-30' },
  { title: 'Hälsodag', type: 'halsodag', startDate: '2025-10-01', endDate: '2025-10-31' },
  { title: 'Samtal', type: 'halsodag', startDate: '2025-11-03' },
];

/** A bound plan whose date cells are then made as an older pane left them: serials under `yyyy-mm-dd`. */
async function oldTable(title: string): Promise<Side> {
  const doc = docWith('activity-plan', ROWS);
  setMeta(doc, { title });
  const side = await openSide(doc, 'activity-plan', {}, createWorkbook({ locale: 'sv-SE' }));
  await side.settle();
  const sheet = side.host.model.sheet(SHEET)!;
  ROWS.forEach((row, r) => {
    for (const [col, iso] of [[START, row.startDate], [END, row.endDate]] as const) {
      const cell = sheet.ensureCell(r + 1, col);
      cell.numberFormat = 'yyyy-mm-dd';
      if (typeof iso === 'string') cell.value = isoToExcelSerial(iso)!;
    }
  });
  await side.binding.dispose();
  return side;
}

describe('opening a table bound before dates were text', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes its dates as the plan\'s text in text-formatted cells, keeping a date typed while closed and a text that is no date', async () => {
    const old = await oldTable('Aktivitetsplan 2025');
    // With the pane closed: a date typed over an old date cell (Excel keeps it a serial), a text in another.
    old.host.user.type(SHEET, cellAt('activity-plan', 'endDate', 1), '2025-11-15');
    old.host.user.type(SHEET, cellAt('activity-plan', 'startDate', 2), 'nästa vecka');
    const side = await openSide(old.doc, 'activity-plan', {}, old.host);
    opened.push(side);
    await side.settle();
    const sheet = side.host.model.sheet(SHEET)!;
    expect(rowsOf(side.doc).map((r) => [r.values.startDate, r.values.endDate ?? null])).toEqual([
      ['2025-09-01', '2025-09-30'],
      ['2025-10-01', '2025-11-15'],
      ['2025-11-03', null],
    ]);
    expect(side.host.read(SHEET, `${cellAt('activity-plan', 'startDate', 0)}:${cellAt('activity-plan', 'endDate', 2)}`)).toEqual([
      ['2025-09-01', '2025-09-30'],
      ['2025-10-01', '2025-11-15'],
      ['nästa vecka', ''],
    ]);
    expect([0, 1].flatMap((r) => [sheet.numberFormat(r + 1, START), sheet.numberFormat(r + 1, END)])).toEqual(['@', '@', '@', '@']);
    // The empty cell takes what is typed next as typed; the text kept stays as it was.
    expect(sheet.numberFormat(3, END)).toBe('@');
    expect(side.binding.problems.filter((p) => p.column === 'startDate').map((p) => p.code)).toEqual(['not-date']);
  });

  it('then reads "1/3" typed into a date cell by the plan\'s period, not as this year\'s date', async () => {
    const old = await oldTable('Aktivitetsplan 2025–2026');
    const side = await openSide(old.doc, 'activity-plan', {}, old.host);
    opened.push(side);
    await side.settle();
    side.host.user.type(SHEET, cellAt('activity-plan', 'endDate', 0), '1/3');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.endDate).toBe('2025-09-30');
    expect(side.host.read(SHEET, cellAt('activity-plan', 'endDate', 0))).toEqual([['1/3']]);
    expect(side.binding.problems.filter((p) => p.column === 'endDate').map((p) => p.code)).toEqual(['date-year-ambiguous']);
  });

  it('sends nothing to a table whose dates are text already', async () => {
    const doc = docWith('activity-plan', ROWS);
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    await first.binding.dispose();
    const writes: unknown[] = [];
    first.host.onValuesWritten((w) => writes.push(w));
    const side = await openSide(doc, 'activity-plan', {}, first.host);
    opened.push(side);
    await side.settle();
    expect(writes).toEqual([]);
  });
});

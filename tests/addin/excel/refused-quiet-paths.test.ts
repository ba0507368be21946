/**
 * The requests that turn events off and had no refusal test: making the table (`createTable`),
 * making a lost table again from its cells (`tableAgain`), adoption's copy-and-clear, and the pulled
 * table's writes (which lift protection themselves, so only a password stops them). Each is
 * refused part-way on a protected sheet; the error reaches the caller (who says it in words), the
 * add-in's events are on again (what the person types reaches the pane) and nothing is lost.
 */
import { describe, expect, it } from 'vitest';
import { adoptInPlace, originalSheetName, readUsedRange } from '../../../addin/excel/adopt/adopt.js';
import { planAdoption, readHeader } from '../../../addin/excel/adopt/plan.js';
import { createTable } from '../../../addin/excel/sheet/excel-io.js';
import { headerValues, layoutFor } from '../../../addin/excel/sheet/layout.js';
import { tableAgain } from '../../../addin/excel/sheet/lost-table.js';
import { quietRequest } from '../../../addin/excel/sheet/quiet-request.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { createPulled, writeDiff, type PulledTarget } from '../../../addin/indicators/pulled-writer.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { eventsOn } from '../events-on.js';
import { createDoc } from '../../../shared/doc/index.js';
import { FITTJA_PLAN, FITTJA_SHEET } from '../../support/fittja-plan.js';

const SHEET = 'plan-test';
const layout = () => layoutFor('activity-plan', 'plan-test', 'sv');


async function protect(host: ExcelHost, sheet: string, password?: string): Promise<void> {
  await host.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).protection.protect(undefined, password);
    await context.sync();
  });
}

describe('a quiet request refused part-way', () => {
  it('createTable on a protected sheet: refused, events on, the sheet as it was', async () => {
    const host = createWorkbook({ sheets: [SHEET] });
    host.user.type(SHEET, 'C3', 'mitt');
    await protect(host, SHEET);
    const before = host.snapshot();
    const run: ExcelRun = (b) => host.run(b);
    const rows = [['', 'Promenad']];
    await expect(createTable(run, layout(), { sheetExists: true, rows, lists: new Map(), readOnly: false, settings: [] }, { syncs: 0 })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(await eventsOn(host)).toBe(true);
    expect(host.snapshot().tables).toEqual(before.tables);
    expect(host.read(SHEET, 'C3')).toEqual([['mitt']]);
  });

  it('the lost-table remake on a protected sheet: refused, events on, the cells kept', async () => {
    const host = createWorkbook({ sheets: [SHEET] });
    const l = layout();
    const header = headerValues(l);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      sheet.getRangeByIndexes(l.headerRow, 0, 1, header.length).values = [header];
      sheet.getRangeByIndexes(l.headerRow + 1, 0, 1, 2).values = [['r1', 'Promenad']];
      await context.sync();
    });
    await protect(host, SHEET);
    const run: ExcelRun = (b) => host.run(b);
    const counter = { syncs: 0 };
    await expect(quietRequest(run, (context, quietSync) => tableAgain(context, l, SHEET, counter, quietSync), counter)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(await eventsOn(host)).toBe(true);
    expect(host.read(SHEET, 'B2')).toEqual([['Promenad']]);
  });

  it('adoption’s copy-and-clear on a protected sheet: refused after the copy, events on, the plan kept', async () => {
    const host = createWorkbook({ sheets: [FITTJA_SHEET] });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem(FITTJA_SHEET).getRangeByIndexes(0, 0, FITTJA_PLAN.length, 8).values = FITTJA_PLAN;
      await context.sync();
    });
    const run: ExcelRun = (b) => host.run(b);
    const grid = await readUsedRange(run, FITTJA_SHEET);
    const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'plan-test', year: 2025 });
    const original = host.read(FITTJA_SHEET, `A1:H${FITTJA_PLAN.length}`);
    await protect(host, FITTJA_SHEET);
    const doc = createDoc('activity-plan', { title: 'Fittja', ownerUnit: 'vc-fittja', schemaVersion: 2 });
    await expect(adoptInPlace(run, doc, plan, grid, { docId: 'plan-test', lang: 'sv', sheetName: FITTJA_SHEET })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(await eventsOn(host)).toBe(true);
    // The original is still where it was.
    expect(host.read(FITTJA_SHEET, `A1:H${FITTJA_PLAN.length}`)).toEqual(original);
    expect(host.snapshot().sheets.map((s) => s.name)).toContain(originalSheetName(FITTJA_SHEET));
  });

  it('a pulled table’s writes on a sheet protected with a password: refused, events on', async () => {
    const host = createWorkbook({ sheets: ['Indikatorer'] });
    const run: ExcelRun = (b) => host.run(b);
    const target: PulledTarget = { sheetName: 'Indikatorer', tableName: 'SamplanIndikatorer' };
    await protect(host, 'Indikatorer', 'hemligt');
    const found = { sheetExists: true, sheetProtected: true, tableExists: false };
    await expect(createPulled(run, target, { ...found, header: ['A'], rows: [], meta: ['Titel'] }, { syncs: 0 })).rejects.toMatchObject({ name: 'PulledSheetLocked' });
    expect(await eventsOn(host)).toBe(true);
    expect(host.snapshot().tables).toEqual([]);
    // An update writes a table that is there: pulled before the manager set the password.
    const open = createWorkbook({ sheets: ['Indikatorer'] });
    const openRun: ExcelRun = (b) => open.run(b);
    const pulled: PulledTarget = { sheetName: 'Indikatorer', tableName: 'SamplanIndikatorer' };
    await createPulled(openRun, pulled, { sheetExists: true, sheetProtected: false, tableExists: false, header: ['A'], rows: [], meta: ['Titel'] }, { syncs: 0 }, { width: 1, numberFormats: ['General'], columnWidths: [80] });
    await open.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Indikatorer');
      sheet.protection.unprotect();
      sheet.protection.protect(undefined, 'hemligt');
      await context.sync();
    });
    await expect(writeDiff(openRun, pulled, { deletes: [], inserts: [], blocks: [], cellsWritten: 0 }, ['Ny titel'], { syncs: 0 })).rejects.toMatchObject({ name: 'PulledSheetLocked' });
    expect(await eventsOn(open)).toBe(true);
    expect(open.read('Indikatorer', 'A1')[0]?.[0]).toBe('Titel');
  });
});

/**
 * Rows hidden in an imported workbook — by hand, or by an autofilter that leaves only some rows
 * shown — are data of the file and are read, but a person who hid them may not expect that: the
 * answer names them by the sheet's row numbers, in Swedish and English.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importWorkbook } from './import-post.js';
import { makeFixture, type Fixture } from './support.js';

describe('hidden rows of an imported workbook', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('reads rows hidden under a filter and names them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 'Aktivitetsplan 2026';
    ws.getRow(3).values = ['Aktivitet', 'Typ', 'Status'];
    ws.getRow(4).values = ['Gympa', 'halsodag', 'Planerad'];
    ws.getRow(5).values = ['Dans', 'halsodag', 'Inställd'];
    ws.getRow(6).values = ['Yoga', 'halsodag', 'Inställd'];
    ws.autoFilter = 'A3:C6';
    ws.getRow(5).hidden = true;
    ws.getRow(6).hidden = true;
    ws.getRow(2).hidden = true;
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 3, headerRow: 3, hiddenRows: { rows: [5, 6] } });
    const message = (summary.hiddenRows as { message: { sv: string; en: string } }).message;
    expect(message.sv).toBe('Raderna 5, 6 är dolda i arbetsboken (för hand eller av ett filter) men lästes som de andra. Ta bort dem ur filen om de inte ska importeras.');
    expect(message.en).toContain('Rows 5, 6 are hidden in the workbook');
  });

  it('says nothing of hidden rows when none is hidden', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ']);
    ws.addRow(['Gympa', 'halsodag']);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 1 });
    expect(summary).not.toHaveProperty('hiddenRows');
  });
});

import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';

describe('excel emulator: host helpers for tests and the playground', () => {
  it('renders a sheet view with text, colours, headers, dropdowns, hidden rows and selection', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:B2').values = [['Status', 'Datum'], ['planerad', '2024-05-01']];
      sheet.tables.add('A1:B2', true);
      sheet.getRange('A2').dataValidation.rule = { list: { inCellDropDown: true, source: 'planerad, genomförd' } };
      sheet.getRange('B2').format.fill.color = '#FFC7CE';
      sheet.getRange('3:3').rowHidden = true;
      sheet.getRange('B2').select();
      await context.sync();
    });
    const view = host.view('Sheet1');
    expect(view?.rect).toEqual({ row: 0, col: 0, rows: 7, cols: 7 });
    expect(view?.cells[0]?.[0]).toMatchObject({ text: 'Status', header: true });
    expect(view?.cells[1]?.[0]).toMatchObject({ text: 'planerad', dropdown: ['planerad', 'genomförd'], header: false });
    expect(view?.cells[1]?.[1]).toMatchObject({ value: 45413, text: '2024-05-01', fill: '#FFC7CE' });
    expect(view?.rowHidden.slice(0, 3)).toEqual([false, false, true]);
    expect(view?.tables).toEqual([{ name: 'Table1', address: 'A1:B2' }]);
    expect(view?.selection).toBe('B2');
  });

  it('notifies subscribers after applied syncs and user actions', async () => {
    const host = createWorkbook();
    let calls = 0;
    const unsubscribe = host.subscribe(() => calls++);
    host.user.type('Sheet1', 'A1', 'x');
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [['y']];
      await context.sync();
    });
    expect(calls).toBe(2);
    unsubscribe();
    host.user.type('Sheet1', 'A3', 'z');
    expect(calls).toBe(2);
  });

  it('tells where the selection is, whether the user or the API moved it', async () => {
    const host = createWorkbook();
    expect(host.selection()).toBeUndefined();
    host.user.select('Sheet1', 'C4:D9');
    expect(host.selection()).toEqual({ sheetName: 'Sheet1', row: 3, col: 2 });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('B2').select();
      await context.sync();
    });
    expect(host.selection()).toEqual({ sheetName: 'Sheet1', row: 1, col: 1 });
  });

  it('navigates from a range to its worksheet', async () => {
    const host = createWorkbook({ sheets: ['Plan'] });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Plan').getRange('C3').worksheet.load('name');
      await context.sync();
      expect(sheet.name).toBe('Plan');
    });
  });

  it('snapshots every sheet, table and setting as plain data', async () => {
    const host = createWorkbook();
    host.user.paste('Sheet1', 'A1', [['h'], ['v']]);
    await host.run(async (context) => {
      context.workbook.tables.add('Sheet1!A1:A2', true);
      await context.sync();
    });
    expect(host.snapshot()).toEqual({
      sheets: [{ name: 'Sheet1', protected: false, values: [['h'], ['v']] }],
      tables: [{ name: 'Table1', sheet: 'Sheet1', address: 'A1:A2', headers: ['h'], rows: [['v']], hiddenRows: [] }],
      settings: {},
    });
  });
});

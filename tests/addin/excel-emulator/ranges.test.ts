import { describe, expect, it } from 'vitest';
import { createWorkbook, UserEditRefused } from '../../../addin/excel-emulator/index.js';
import { DEFAULT_ERROR_ALERT } from '../../../addin/excel-emulator/sheet-model.js';

describe('excel emulator: ranges', () => {
  it('prints addresses the way Excel does', async () => {
    const host = createWorkbook({ sheets: ['Sheet1', 'Min plan'] });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const quoted = context.workbook.worksheets.getItem('Min plan').getRange('b2');
      const ranges = [sheet.getRange('A1'), sheet.getRange('C3:A1'), sheet.getRange('B:C'), sheet.getRange('2:3'), quoted];
      ranges.forEach((r) => r.load('address'));
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual(['Sheet1!A1', 'Sheet1!A1:C3', 'Sheet1!B:C', 'Sheet1!2:3', "'Min plan'!B2"]);
    });
  });

  it('derives ranges: getCell, getResizedRange, getOffsetRange, getRow, getColumn, getEntireColumn', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const base = context.workbook.worksheets.getItem('Sheet1').getRange('B2:D4');
      const derived = [
        base.getCell(1, 2),
        base.getResizedRange(2, -1),
        base.getOffsetRange(1, 1),
        base.getRow(0),
        base.getColumn(2),
        base.getEntireColumn(),
        base.getLastRow(),
      ].map((r) => r.load('address, rowCount, columnCount, rowIndex, columnIndex'));
      await context.sync();
      expect(derived.map((r) => r.address)).toEqual(['Sheet1!D3', 'Sheet1!B2:C6', 'Sheet1!C3:E5', 'Sheet1!B2:D2', 'Sheet1!D2:D4', 'Sheet1!B:D', 'Sheet1!B4:D4']);
      expect([derived[1]?.rowCount, derived[1]?.columnCount, derived[0]?.rowIndex, derived[0]?.columnIndex]).toEqual([5, 2, 2, 3]);
    });
  });

  it('fails a resize that leaves no cells with InvalidArgument at sync', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').getResizedRange(-1, 0).load('address');
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });

  it('reports the used range (A1 on an empty sheet, or a null object)', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const empty = sheet.getUsedRange().load('address');
      const none = sheet.getUsedRangeOrNullObject(true);
      await context.sync();
      expect(empty.address).toBe('Sheet1!A1');
      expect(none.isNullObject).toBe(true);
    });
    host.user.paste('Sheet1', 'B3', [[1, 2], [3, '']]);
    await host.run(async (context) => {
      const used = context.workbook.worksheets.getItem('Sheet1').getUsedRange(true).load('address, values');
      await context.sync();
      expect([used.address, used.values]).toEqual(['Sheet1!B3:C4', [[1, 2], [3, '']]]);
    });
  });

  it('hides rows and columns, reporting null for a mix', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A:A').columnHidden = true;
      sheet.getRange('3:3').rowHidden = true;
      const a = sheet.getRange('A1').load('columnHidden');
      const mixed = sheet.getRange('A1:B1').load('columnHidden');
      const rows = sheet.getRange('A2:A3').load('rowHidden');
      await context.sync();
      expect([a.columnHidden, mixed.columnHidden, rows.rowHidden]).toEqual([true, null, null]);
    });
  });

  it('formats numbers and reports text and formulas', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C1');
      range.values = [[0.256, 45352, 3]];
      range.numberFormat = [['0.0%', 'yyyy-mm-dd', '0.00']];
      const d1 = context.workbook.worksheets.getItem('Sheet1').getRange('D1');
      d1.formulas = [['=C1']];
      range.load('text, numberFormat');
      d1.load('values, formulas');
      await context.sync();
      expect(range.text).toEqual([['25.6%', '2024-03-01', '3.00']]);
      expect(range.numberFormat).toEqual([['0.0%', 'yyyy-mm-dd', '0.00']]);
      expect([d1.values, d1.formulas]).toEqual([[[3]], [['=C1']]]);
    });
  });

  it('stores a percentage written as text as its hundredth, shown with a percent format, as Excel does', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:D1');
      range.values = [['12%', '12 %', '12.5%', "'12%"]];
      range.load('values, text, numberFormat');
      await context.sync();
      expect(range.values).toEqual([[0.12, 0.12, 0.125, '12%']]);
      expect(range.numberFormat).toEqual([['0%', '0%', '0.00%', 'General']]);
      expect(range.text).toEqual([['12%', '12%', '12.50%', '12%']]);
    });
  });

  it('turns a typed percentage into a percent cell in a plain number format too, as Excel does, and keeps any other format', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:F1');
      range.numberFormat = [['0', '0.00', '#,##0', 'yyyy-mm-dd', '0.0%', '@']];
      range.values = [['12.5%', '12%', '7%', '12%', '12%', '12%']];
      range.load('values, text, numberFormat');
      await context.sync();
      expect(range.values).toEqual([[0.125, 0.12, 0.07, 0.12, 0.12, '12%']]);
      expect(range.numberFormat).toEqual([['0.00%', '0%', '0%', 'yyyy-mm-dd', '0.0%', '@']]);
      // A date format shows 0.12 as day 0 of the 1900 system.
      expect(range.text).toEqual([['12.50%', '12%', '7%', '1900-01-00', '12.0%', '12%']]);
    });
  });

  it("shows small serials in a date cell as Excel's 1900 system does: day 0, the phantom 1900-02-29, and # for a negative one", async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:H1');
      range.numberFormat = [Array<string>(8).fill('yyyy-mm-dd')];
      range.values = [[0, 0.75, 1, 59, 60, 61, -1, 45366]];
      range.load('text');
      await context.sync();
      expect(range.text).toEqual([['1900-01-00', '1900-01-00', '1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '########', '2024-03-15']]);
    });
  });

  it('stores a typed date of early 1900 as Excel numbers it, the phantom 1900-02-29 too, and keeps a date before 1900 as text', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:E1');
      range.values = [['1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '1899-12-31']];
      range.load('values, text');
      await context.sync();
      expect(range.values).toEqual([[1, 59, 60, 61, '1899-12-31']]);
      expect(range.text).toEqual([['1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '1899-12-31']]);
    });
  });

  it('sets and clears fill, font and column width', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      range.format.fill.color = 'yellow';
      range.format.font.bold = true;
      range.format.columnWidth = 120;
      range.getCell(0, 0).format.font.color = '#c00000';
      range.load('format/fill/color, format/font/bold, format/font/color, format/columnWidth');
      await context.sync();
      expect([range.format.fill.color, range.format.font.bold, range.format.font.color, range.format.columnWidth]).toEqual(['#FFFF00', true, null, 120]);
      range.format.fill.clear();
      range.format.fill.load('color');
      await context.sync();
      expect(range.format.fill.color).toBe('#FFFFFF');
    });
  });

  it('refuses a paste that runs past the last column or row, pasting none of it, as Excel does', () => {
    const host = createWorkbook();
    expect(() => host.user.paste('Sheet1', 'XFC1', [['a', 'b', 'c']])).toThrow(expect.objectContaining({ reason: 'beyondSheet' }));
    expect(() => host.user.paste('Sheet1', 'A1048576', [['a'], ['b']])).toThrow(UserEditRefused);
    expect(host.read('Sheet1', 'XFC1:XFD1')).toEqual([['', '']]);
    host.user.paste('Sheet1', 'XFC1', [['a', 'b']]);
    expect(host.read('Sheet1', 'XFC1:XFD1')).toEqual([['a', 'b']]);
  });

  it('puts a dropdown list on cells: the user cannot type outside it, but can paste', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B2:B10');
      range.dataValidation.rule = { list: { inCellDropDown: true, source: 'planerad,genomförd,inställd' } };
      const cell = range.getCell(3, 0);
      cell.dataValidation.load('rule, type');
      await context.sync();
      expect(cell.dataValidation.type).toBe('List');
      expect(cell.dataValidation.rule.list).toEqual({ inCellDropDown: true, source: 'planerad,genomförd,inställd' });
    });
    host.user.type('Sheet1', 'B3', 'genomförd');
    expect(() => host.user.type('Sheet1', 'B4', 'kanske')).toThrow(UserEditRefused);
    host.user.paste('Sheet1', 'B4', [['kanske']]);
    expect(host.read('Sheet1', 'B3:B4')).toEqual([['genomförd'], ['kanske']]);
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B2:B10');
      range.dataValidation.clear();
      range.dataValidation.load('type');
      await context.sync();
      expect(range.dataValidation.type).toBe('None');
    });
    host.user.type('Sheet1', 'B5', 'anything');
  });

  it('adds custom conditional formats and clears them', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A2:C20');
      const cf = range.conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=$D2="error"';
      cf.custom.format.fill.color = '#FFC7CE';
      const count = range.conditionalFormats.getCount();
      await context.sync();
      expect(count.value).toBe(1);
    });
    expect(host.model.sheet('Sheet1')?.conditionalFormats).toEqual([
      expect.objectContaining({ formula: '=$D2="error"', fill: '#FFC7CE', type: 'Custom' }),
    ]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A:C').conditionalFormats.clearAll();
      await context.sync();
    });
    expect(host.model.sheet('Sheet1')?.conditionalFormats).toEqual([]);
  });

  it("keeps a typed value outside the list when the error alert is a Warning, refuses it under Excel's default Stop, and checks the alert's limits", async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B2:B10').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
      sheet.getRange('C2:C10').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
      sheet.getRange('C2:C10').dataValidation.errorAlert = { showAlert: true, style: 'Warning' as Excel.DataValidationAlertStyle, title: 'T', message: 'M' };
      const b = sheet.getRange('B2').dataValidation;
      b.load('errorAlert');
      await context.sync();
      expect(b.errorAlert.style).toBe('Stop');
    });
    expect(() => host.user.type('Sheet1', 'B3', 'c')).toThrow(UserEditRefused);
    host.user.type('Sheet1', 'C3', 'c');
    expect(host.read('Sheet1', 'C3')).toEqual([['c']]);
    await expect(host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C2:C10').dataValidation.errorAlert = { showAlert: true, style: 'Warning' as Excel.DataValidationAlertStyle, message: '', title: 'x'.repeat(33) };
      await context.sync();
    })).rejects.toThrow();
    await expect(host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('E2:E10').dataValidation.errorAlert = { showAlert: true, style: 'Warning' as Excel.DataValidationAlertStyle, message: '', title: '' };
      await context.sync();
    })).rejects.toThrow();
  });

  it('moves data validation and formats when whole rows are inserted above them', () => {
    const host = createWorkbook();
    const sheet = host.model.sheet('Sheet1')!;
    sheet.validations.push({ rect: { row: 4, col: 1, rows: 2, cols: 1 }, rule: { list: { inCellDropDown: true, source: 'a,b' } }, errorAlert: { ...DEFAULT_ERROR_ALERT } });
    host.user.insertRows('Sheet1', '2:3');
    expect(sheet.validations[0]?.rect).toEqual({ row: 6, col: 1, rows: 2, cols: 1 });
    host.user.deleteRows('Sheet1', '7:7');
    expect(sheet.validations[0]?.rect).toEqual({ row: 6, col: 1, rows: 1, cols: 1 });
  });

  it('formats inserted sheet rows like the row above (the row below for the first row), as Excel does, and leaves them empty', async () => {
    const host = createWorkbook();
    const sheet = host.model.sheet('Sheet1')!;
    await host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B1:B3').numberFormat = [['@'], ['@'], ['yyyy-mm-dd']];
      ws.getRange('B3').values = [['2025-03-01']];
      ws.getRange('C3').format.fill.color = '#FFC7CE';
      await context.sync();
      ws.getRange('4:5').insert('Down' as Excel.InsertShiftDirection);
      await context.sync();
    });
    expect([3, 4].map((r) => [sheet.numberFormat(r, 1), sheet.cell(r, 2)?.fill, sheet.value(r, 1)])).toEqual([['yyyy-mm-dd', '#FFC7CE', ''], ['yyyy-mm-dd', '#FFC7CE', '']]);
    host.user.insertRows('Sheet1', '1:1');
    expect([sheet.numberFormat(0, 1), sheet.numberFormat(1, 1), sheet.value(0, 1)]).toEqual(['@', '@', '']);
    expect(sheet.numberFormat(0, 0)).toBe('General');
  });

  it('formats table rows added inside the table like the body row above, and at the top like the one below, not the header', async () => {
    const host = createWorkbook();
    const sheet = host.model.sheet('Sheet1')!;
    await host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B3').values = [['Namn', 'Datum'], ['a', 1], ['b', 2]];
      ws.getRange('A1:B1').numberFormat = [['General', 'General']];
      ws.getRange('A2:B3').numberFormat = [['@', 'yyyy-mm-dd'], ['@', 'yyyy-mm-dd']];
      const table = ws.tables.add('A1:B3', true);
      await context.sync();
      table.rows.add(1, [['c', 3]]);
      table.rows.add(0, [['d', 4]]);
      await context.sync();
    });
    expect([1, 2, 3, 4].map((r) => [sheet.value(r, 0), sheet.numberFormat(r, 0), sheet.numberFormat(r, 1)])).toEqual([
      ['d', '@', 'yyyy-mm-dd'],
      ['a', '@', 'yyyy-mm-dd'],
      ['c', '@', 'yyyy-mm-dd'],
      ['b', '@', 'yyyy-mm-dd'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';

async function planTable(host: ExcelHost, rows: (string | number)[][]): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('Sheet1');
    const table = sheet.tables.add('A1:C1', true);
    table.getHeaderRowRange().values = [['Aktivitet', 'Antal', 'Klinik']];
    if (rows.length > 0) table.rows.add(undefined, rows);
    await context.sync();
  });
}

describe('excel emulator: tables', () => {
  it('creates a table whose header row takes the range’s first row', async () => {
    const host = createWorkbook();
    host.user.paste('Sheet1', 'B2', [['Namn', 'Antal'], ['a', 1]]);
    await host.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Sheet1').tables.add('B2:C3', true);
      const header = table.getHeaderRowRange().load('address, values');
      const body = table.getDataBodyRange().load('address, values');
      table.load('name');
      await context.sync();
      expect(table.name).toBe('Table1');
      expect([header.address, header.values]).toEqual(['Sheet1!B2:C2', [['Namn', 'Antal']]]);
      expect([body.address, body.values]).toEqual(['Sheet1!B3:C3', [['a', 1]]]);
    });
  });

  it('inserts a generated header row above the data when the range has no headers', async () => {
    const host = createWorkbook();
    host.user.paste('Sheet1', 'A1', [['a', 1]]);
    await host.run(async (context) => {
      context.workbook.tables.add('Sheet1!A1:B1', false);
      await context.sync();
    });
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:B2', headers: ['Column1', 'Column2'], rows: [['a', 1]] });
  });

  it('fills the blank row of a header-only table first, then appends', async () => {
    const host = createWorkbook();
    await planTable(host, [['Hälsodag', 12, 'Rinkeby']]);
    expect(host.readTable('Table1').rows).toEqual([['Hälsodag', 12, 'Rinkeby']]);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['Promenad', 8, 'Tensta']]);
      await context.sync();
    });
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:C3', rows: [['Hälsodag', 12, 'Rinkeby'], ['Promenad', 8, 'Tensta']] });
  });

  it('inserts rows at an index, shifting only the cells inside the table’s columns', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x'], ['c', 3, 'z']]);
    host.user.type('Sheet1', 'E3', 'beside');
    host.user.type('Sheet1', 'A5', 'below');
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(1, [['b', 2, 'y']]);
      await context.sync();
    });
    expect(host.readTable('Table1').rows).toEqual([['a', 1, 'x'], ['b', 2, 'y'], ['c', 3, 'z']]);
    expect(host.read('Sheet1', 'A6')).toEqual([['below']]);
    expect(host.read('Sheet1', 'E3')).toEqual([['beside']]);
  });

  it('rejects rows whose width differs from the table with InvalidArgument', async () => {
    const host = createWorkbook();
    await planTable(host, []);
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem('Table1').rows.add(undefined, [['only two', 1]]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('counts rows and deletes one, moving the rows below up', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x'], ['b', 2, 'y'], ['c', 3, 'z']]);
    host.user.type('Sheet1', 'A6', 'below');
    await host.run(async (context) => {
      const rows = context.workbook.tables.getItem('Table1').rows;
      rows.load('count');
      await context.sync();
      expect(rows.count).toBe(3);
      rows.getItemAt(1).delete();
      await context.sync();
    });
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:C3', rows: [['a', 1, 'x'], ['c', 3, 'z']] });
    expect(host.read('Sheet1', 'A5')).toEqual([['below']]);
  });

  it('deletes a run of rows with deleteRowsAt in one command, and refuses rows outside the body or a protected sheet', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x'], ['b', 2, 'y'], ['c', 3, 'z'], ['d', 4, 'w']]);
    const before = host.commandCount;
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.deleteRowsAt(1, 2);
      await context.sync();
    });
    expect(host.commandCount - before).toBe(1);
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:C3', rows: [['a', 1, 'x'], ['d', 4, 'w']] });
    for (const [index, count] of [[1, 2], [-1, 1], [0, 0]] as const) {
      await expect(host.run(async (context) => {
        context.workbook.tables.getItem('Table1').rows.deleteRowsAt(index, count);
        await context.sync();
      })).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
    await expect(host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.protection.protect();
      sheet.tables.getItem('Table1').rows.deleteRowsAt(0);
      await context.sync();
    })).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(host.readTable('Table1').rows).toEqual([['a', 1, 'x'], ['d', 4, 'w']]);
  });

  it('grows the table when the user types directly below its last row', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    host.user.type('Sheet1', 'B3', '5');
    host.user.type('Sheet1', 'A5', 'not adjacent');
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:C3', rows: [['a', 1, 'x'], ['', 5, '']] });
  });

  it("carries each column's number format and list validation into rows typed or pasted below the table, as Excel does", async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 45717, 'x']]);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B2').numberFormat = [['yyyy-mm-dd']];
      sheet.getRange('C2').dataValidation.rule = { list: { inCellDropDown: true, source: 'x,y' } };
      await context.sync();
    });
    host.user.type('Sheet1', 'B3', '45718');
    expect(host.readText('Sheet1', 'B3')).toEqual([['2025-03-02']]);
    expect(host.model.sheet('Sheet1')?.validationAt(2, 2)?.rule.list.source).toBe('x,y');
    host.user.paste('Sheet1', 'A4', [['c', 45719, 'y'], ['d', 45720, 'x']]);
    expect(host.readText('Sheet1', 'B4:B5')).toEqual([['2025-03-03'], ['2025-03-04']]);
    expect(host.model.sheet('Sheet1')?.validationAt(4, 2)?.rule.list.source).toBe('x,y');
    expect(() => host.user.type('Sheet1', 'C5', 'z')).toThrow(/data validation/);
    // Outside the table nothing is carried.
    host.user.type('Sheet1', 'E3', '45718');
    expect(host.readText('Sheet1', 'E3')).toEqual([['45718']]);
  });

  it('reads what is typed or pasted below the table by the cell\'s own format, before the table grows over it and gives it the column\'s text format', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A2:C2').numberFormat = [['@', '@', '@']];
      await context.sync();
    });
    // Inside the table a text cell keeps what is typed.
    host.user.type('Sheet1', 'C2', '007');
    expect(host.read('Sheet1', 'C2')).toEqual([['007']]);
    // Below it the General cell reads it first: a number, then the table takes the row and its text format.
    host.user.type('Sheet1', 'C3', '007');
    expect(host.readTable('Table1').address).toBe('A1:C3');
    expect(host.read('Sheet1', 'C3')).toEqual([[7]]);
    expect(host.model.sheet('Sheet1')?.numberFormat(2, 2)).toBe('@');
    host.user.paste('Sheet1', 'A4', [['2025-03-01', '12 %', 'b']]);
    expect(host.readTable('Table1').address).toBe('A1:C4');
    expect(host.read('Sheet1', 'A4:C4')).toEqual([[45717, 0.12, 'b']]);
    // A cell formatted beforehand reads it as typed, below the table too.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A5').numberFormat = [['@']];
      await context.sync();
    });
    host.user.type('Sheet1', 'A5', '2025-03-01');
    expect(host.read('Sheet1', 'A5')).toEqual([['2025-03-01']]);
  });

  it('grows the table to hold a block pasted from its body or below it past its last row, as Excel does', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x'], ['b', 2, 'y']]);
    // Inside the table: nothing grows.
    host.user.paste('Sheet1', 'A2', [['a2', 1, 'x'], ['b2', 2, 'y']]);
    expect(host.readTable('Table1').address).toBe('A1:C3');
    // From the last row down three rows: the table takes the two below it.
    host.user.paste('Sheet1', 'A3', [['c', 3, 'z'], ['d', 4, 'x'], ['e', 5, 'y']]);
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:C5', rows: [['a2', 1, 'x'], ['c', 3, 'z'], ['d', 4, 'x'], ['e', 5, 'y']] });
    // Right of the table, or from a row below the one directly under it: nothing grows.
    host.user.paste('Sheet1', 'E4', [['beside'], ['beside'], ['beside']]);
    host.user.paste('Sheet1', 'A8', [['apart', 0, '']]);
    expect(host.readTable('Table1').address).toBe('A1:C5');
  });

  it('grows a table by a paste or a typed value no further than the table below it, as tables never overlap in Excel', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    await host.run(async (context) => {
      const below = context.workbook.worksheets.getItem('Sheet1').tables.add('B5:D5', true);
      below.getHeaderRowRange().values = [['Namn', 'Typ', 'Ort']];
      below.rows.add(undefined, [['q', 'w', 'e']]);
      await context.sync();
    });
    // Four rows pasted from the body's first row: the table takes the two free rows, not the other's header.
    host.user.paste('Sheet1', 'A2', [['b', 2, 'y'], ['c', 3, 'z'], ['d', 4, 'x'], ['e', 5, 'y']]);
    expect([host.readTable('Table1').address, host.readTable('Table2').address]).toEqual(['A1:C4', 'B5:D6']);
    // Typed directly below it, into the other table's header row: that table keeps the cell.
    host.user.type('Sheet1', 'B5', 'Namn2');
    expect([host.readTable('Table1').address, host.readTable('Table2').address]).toEqual(['A1:C4', 'B5:D6']);
    // A table beside it, in no column of its own, does not stop it.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').tables.add('E1:F2', true);
      await context.sync();
    });
    host.user.paste('Sheet1', 'E3', [['beside', 1]]);
    expect(host.readTable('Table3').address).toBe('E1:F3');
  });

  it('takes back a growth as Ctrl+Z or Resize Table does: the rows left out keep their values, the header row stays', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    host.user.paste('Sheet1', 'A3', [['b', 2, 'y'], ['c', 3, 'z']]);
    expect(host.readTable('Table1').address).toBe('A1:C4');
    host.user.resizeTable('Table1', 'A1:C2');
    expect(host.readTable('Table1').address).toBe('A1:C2');
    expect(host.readTable('Table1').rows).toEqual([['a', 1, 'x']]);
    expect(host.read('Sheet1', 'A3:C4')).toEqual([['b', 2, 'y'], ['c', 3, 'z']]);
    expect(() => host.user.resizeTable('Table1', 'A2:C2')).toThrow(/headers must remain in the same row/);
    expect(() => host.user.resizeTable('Table1', 'A1:C1')).toThrow(/headers must remain in the same row/);
  });

  it('sorts body rows in the sheet and raises onChanged over the body', async () => {
    const host = createWorkbook();
    await planTable(host, [['b', 2, 'y'], ['a', 10, 'x'], ['c', '', 'z']]);
    const seen: unknown[] = [];
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem('Table1');
      table.onChanged.add(async (a) => void seen.push(a));
      await context.sync();
      table.sort.apply([{ key: 1, ascending: false }]);
      await context.sync();
    });
    await host.settle();
    expect(host.readTable('Table1').rows).toEqual([['a', 10, 'x'], ['b', 2, 'y'], ['c', '', 'z']]);
    expect(seen).toEqual([expect.objectContaining({ address: 'A2:C4', changeType: 'RangeEdited' })]);
    host.user.sortTable('Table1', 'Aktivitet', true);
    expect(host.read('Sheet1', 'A2:A4')).toEqual([['a'], ['b'], ['c']]);
  });

  it('filters by hiding rows without changing any value, and shows them again when cleared', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'Rinkeby'], ['b', 2, 'Tensta'], ['c', 3, 'Rinkeby']]);
    const before = host.read('Sheet1', 'A1:C4');
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').columns.getItem('Klinik').filter.applyValuesFilter(['Rinkeby']);
      const body = context.workbook.tables.getItem('Table1').getDataBodyRange().getRow(1).load('rowHidden');
      await context.sync();
      expect(body.rowHidden).toBe(true);
    });
    expect(host.readTable('Table1').hiddenRows).toEqual([1]);
    expect(host.read('Sheet1', 'A1:C4')).toEqual(before);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').autoFilter.clearCriteria();
      await context.sync();
    });
    expect(host.readTable('Table1').hiddenRows).toEqual([]);
  });

  it('names columns, reads them by name or index, and finds tables or null objects', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem('Table1');
      table.columns.load('items/name');
      const second = table.columns.getItemAt(1).load('name, values');
      const missing = context.workbook.tables.getItemOrNullObject('Nope');
      const onSheet = context.workbook.worksheets.getItem('Sheet1').tables.getItemOrNullObject('Table1');
      await context.sync();
      expect(table.columns.items.map((c) => c.name)).toEqual(['Aktivitet', 'Antal', 'Klinik']);
      expect(second.values).toEqual([['Antal'], [1]]);
      expect(missing.isNullObject).toBe(true);
      expect(onSheet.isNullObject).toBe(false);
    });
  });

  it('refuses a table that overlaps another one', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    await expect(
      host.run(async (context) => {
        context.workbook.tables.add('Sheet1!B2:D3', true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('lets the user delete table rows, raising RowDeleted for them', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x'], ['b', 2, 'y']]);
    const seen: unknown[] = [];
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').onChanged.add(async (a) => void seen.push(a));
      await context.sync();
    });
    host.user.deleteTableRows('Table1', 0);
    await host.settle();
    expect(host.readTable('Table1').rows).toEqual([['b', 2, 'y']]);
    expect(seen).toEqual([expect.objectContaining({ changeType: 'RowDeleted', address: 'A2:C2' })]);
  });

  it('adds a column, shifting the cells to its right in the table’s rows', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    host.user.type('Sheet1', 'E2', 'right of table');
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem('Table1');
      table.columns.add(undefined, [['_id'], ['r1']]);
      table.columns.add(1, undefined, 'Mål');
      table.style = 'TableStyleLight9';
      table.load('style');
      await context.sync();
      expect(table.style).toBe('TableStyleLight9');
    });
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:E2', headers: ['Aktivitet', 'Mål', 'Antal', 'Klinik', '_id'], rows: [['a', '', 1, 'x', 'r1']] });
    expect(host.read('Sheet1', 'G2')).toEqual([['right of table']]);
  });

  it('lets the user insert and delete table columns, raising ColumnInserted and ColumnDeleted', async () => {
    const host = createWorkbook();
    await planTable(host, [['a', 1, 'x']]);
    host.user.type('Sheet1', 'E2', 'right of table');
    const seen: unknown[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (a) => void seen.push(a));
      await context.sync();
    });
    host.user.insertTableColumn('Table1', 1, 'Kommentar');
    await host.settle();
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:D2', headers: ['Aktivitet', 'Kommentar', 'Antal', 'Klinik'], rows: [['a', '', 1, 'x']] });
    expect(host.read('Sheet1', 'F2')).toEqual([['right of table']]);
    host.user.insertTableColumn('Table1', 4);
    expect(host.readTable('Table1').headers).toEqual(['Aktivitet', 'Kommentar', 'Antal', 'Klinik', 'Column5']);
    host.user.deleteTableColumn('Table1', 'Antal');
    await host.settle();
    expect(host.readTable('Table1')).toMatchObject({ address: 'A1:D2', headers: ['Aktivitet', 'Kommentar', 'Klinik', 'Column5'], rows: [['a', '', 'x', '']] });
    expect(host.read('Sheet1', 'F2')).toEqual([['right of table']]);
    expect(seen).toEqual([
      expect.objectContaining({ changeType: 'ColumnInserted', address: 'B1:B2' }),
      expect.objectContaining({ changeType: 'ColumnInserted', address: 'E1:E2' }),
      expect.objectContaining({ changeType: 'ColumnDeleted', address: 'C1:C2' }),
    ]);
    expect(() => host.user.deleteTableColumn('Table1', 'nope')).toThrow();
  });

  it('inserts after the blank row of a header-only table when given index 1', async () => {
    const host = createWorkbook();
    await planTable(host, []);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(1, [['a', 1, 'x']]);
      await context.sync();
    });
    expect(host.readTable('Table1').rows).toEqual([['', '', ''], ['a', 1, 'x']]);
  });

  it('freezes the header row', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').freezePanes.freezeRows(1);
      await context.sync();
    });
    expect(host.model.sheet('Sheet1')?.frozen).toEqual({ rows: 1, columns: 0 });
  });
});

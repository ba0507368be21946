/**
 * Calculated columns: Excel fills a table column with a formula typed into it when the column holds
 * nothing else, and gives that formula to rows the table gains. The emulator did not, so code bound
 * to a table met no such fill in tests and was never made to cope with it.
 */
import { describe, expect, it } from 'vitest';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';

async function antalTable(rows: (string | number)[][]): Promise<ExcelHost> {
  const host = createWorkbook();
  await host.run(async (context) => {
    const table = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:C1', true);
    table.getHeaderRowRange().values = [['Aktivitet', 'Antal', 'Dubbelt']];
    table.rows.add(undefined, rows);
    await context.sync();
  });
  return host;
}

const formulas = (host: ExcelHost, address: string) => {
  const sheet = host.model.sheet('Sheet1')!;
  return host.read('Sheet1', address).map((line, r) => line.map((_v, c) => sheet.formula(Number(/\d+/.exec(address)![0]) - 1 + r, address.charCodeAt(0) - 65 + c)));
};

describe('excel emulator: calculated columns', () => {
  it('fills an empty table column with a formula typed into one of its cells, references moved to each row, in one change event', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, ''], ['c', 3, '']]);
    const seen: { address: string }[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (a) => void seen.push(a));
      await context.sync();
    });
    host.user.type('Sheet1', 'C3', '=B3*2');
    await host.settle();
    expect(formulas(host, 'C2:C4')).toEqual([['=B2*2'], ['=B3*2'], ['=B4*2']]);
    expect(host.read('Sheet1', 'C2:C4')).toEqual([[2], [4], [6]]);
    expect(seen.map((a) => a.address)).toEqual(['C2:C4']);
  });

  it('gives the formula to rows the table gains: typed below it, or added', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, '']]);
    host.user.type('Sheet1', 'C2', '=B2*2');
    host.user.type('Sheet1', 'A4', 'c');
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['d', 5, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C4:C5')).toEqual([['=B4*2'], ['=B5*2']]);
  });

  it('fills a column grown by typing a formula right below the table', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, '']]);
    host.user.type('Sheet1', 'C4', '=B4*2');
    expect(formulas(host, 'C2:C4')).toEqual([['=B2*2'], ['=B3*2'], ['=B4*2']]);
  });

  it('leaves a column that holds other values, and a text-formatted cell, to the one cell typed', async () => {
    const host = await antalTable([['a', 1, 7], ['b', 2, '']]);
    host.user.type('Sheet1', 'C3', '=B3*2');
    expect(formulas(host, 'C2:C3')).toEqual([[7], ['=B3*2']]);
    const empty = await antalTable([['a', 1, ''], ['b', 2, '']]);
    await empty.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C2').numberFormat = [['@']];
      await context.sync();
    });
    empty.user.type('Sheet1', 'C2', '=B2*2');
    expect(formulas(empty, 'C2:C3')).toEqual([['=B2*2'], ['']]);
    expect(empty.read('Sheet1', 'C2')).toEqual([['=B2*2']]);
  });

  it('changes the column formula typed over one of its copies: every copy takes the new one, an exception keeps its own, in one event', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, ''], ['c', 3, '']]);
    host.user.type('Sheet1', 'C2', '=B2*2');
    host.user.type('Sheet1', 'C3', 7);
    const seen: string[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (a) => void seen.push(a.address));
      await context.sync();
    });
    host.user.type('Sheet1', 'C4', '=B4*3');
    await host.settle();
    expect(formulas(host, 'C2:C4')).toEqual([['=B2*3'], [7], ['=B4*3']]);
    expect(seen).toEqual(['C2:C4']);
    // Rows gained afterwards take the new formula.
    host.user.type('Sheet1', 'A5', 'd');
    expect(formulas(host, 'C5')).toEqual([['=B5*3']]);
  });

  it('makes a calculated column of Range.formulas over a column body, the bottom formula in every cell, and changes it through the API', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, ''], ['c', 3, '']]);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').columns.getItem('Dubbelt').getDataBodyRange().formulas = [['=B2*2'], ['=B3*2'], ['=1+1']];
      await context.sync();
    });
    expect(formulas(host, 'C2:C4')).toEqual([['=1+1'], ['=1+1'], ['=1+1']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C3').formulas = [['=B3*10']];
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['d', 4, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C2:C5')).toEqual([['=B2*10'], ['=B3*10'], ['=B4*10'], ['=B5*10']]);
    expect(host.read('Sheet1', 'C2:C5')).toEqual([[10], [20], [30], [40]]);
  });

  it('keeps Range.formulas over part of a column, or values among them, to the cells written', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, ''], ['c', 3, '']]);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('C2:C3').formulas = [['=B2*2'], ['=B3*2']];
      sheet.getRange('A2:B4').formulas = [['x', '=1'], ['y', 5], ['z', '=2']];
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['d', 4, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C2:C5')).toEqual([['=B2*2'], ['=B3*2'], [''], ['']]);
    expect(formulas(host, 'B2:B4')).toEqual([['=1'], [5], ['=2']]);
  });

  it('makes a calculated column of Range.values holding formulas over a column body, as Range.formulas does', async () => {
    const host = await antalTable([['a', 1, ''], ['b', 2, '']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C2:C3').values = [['=B2*2'], ['=1+1']];
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['c', 3, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C2:C4')).toEqual([['=1+1'], ['=1+1'], ['=1+1']]);
  });

  it('makes a calculated column of rows.add writing formulas into every body row, the bottom one in each (office-js 6745)', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:C1', true);
      table.getHeaderRowRange().values = [['Aktivitet', 'Antal', 'Dubbelt']];
      table.rows.add(undefined, [['a', 1, '=1+1'], ['b', 2, '=1+2'], ['c', 3, '=B4*3']]);
      await context.sync();
    });
    expect(formulas(host, 'C2:C4')).toEqual([['=B2*3'], ['=B3*3'], ['=B4*3']]);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['d', 4, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C5')).toEqual([['=B5*3']]);
    expect(host.read('Sheet1', 'C2:C5')).toEqual([[3], [6], [9], [12]]);
  });

  it('keeps a formula rows.add writes into a column holding values to its cell, and a value written under a calculated column to its cell', async () => {
    const host = await antalTable([['a', 1, 7], ['b', 2, '']]);
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['c', 3, '=B4*2']]);
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['d', 4, '']]);
      await context.sync();
    });
    expect(formulas(host, 'C2:C5')).toEqual([[7], [''], ['=B4*2'], ['']]);
    host.user.type('Sheet1', 'C3', '=B3*5');
    // C2 holds a value: no column made, the typed formula alone.
    await host.run(async (context) => {
      context.workbook.tables.getItem('Table1').rows.add(undefined, [['e', 5, 99]]);
      await context.sync();
    });
    expect(formulas(host, 'C3')).toEqual([['=B3*5']]);
    expect(formulas(host, 'C6')).toEqual([[99]]);
  });
});

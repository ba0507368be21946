import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';

describe('Range.getSpecialCells (Formulas)', () => {
  it('gives the formula cells of the range as rectangles, each named with its sheet, whatever their result', async () => {
    const host = createWorkbook({ sheets: ['Min plan'] });
    host.user.paste('Min plan', 'B2', [['=1', 'text', '=2'], ['=3', 7, '=4'], ['x', 'y', '=5']]);
    host.user.type('Min plan', 'E9', '=6');
    const address = await host.run(async (context) => {
      const areas = context.workbook.worksheets.getItem('Min plan').getRange('A1:D4').getSpecialCellsOrNullObject('Formulas').load('address,areaCount');
      await context.sync();
      return [areas.address, areas.areaCount];
    });
    expect(address).toEqual(["'Min plan'!B2:B3, 'Min plan'!D2:D4", 2]);
  });

  it('is a null object (or ItemNotFound) where there is none, and searches the used range when asked of one cell', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    host.user.type('Blad1', 'C5', '=1');
    host.user.type('Blad1', 'A1', 'text');
    const found = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Blad1');
      const none = sheet.getRange('A1:B4').getSpecialCellsOrNullObject('Formulas');
      const one = sheet.getRange('A1').getSpecialCellsOrNullObject('Formulas').load('address');
      await context.sync();
      return { none: none.isNullObject, one: one.address };
    });
    expect(found).toEqual({ none: true, one: 'Blad1!C5' });
    await expect(host.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').getRange('A1:B4').getSpecialCells('Formulas').load('address');
      await context.sync();
    })).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

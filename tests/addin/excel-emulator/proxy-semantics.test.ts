import { describe, expect, it } from 'vitest';
import { createWorkbook, ExcelApiError } from '../../../addin/excel-emulator/index.js';

async function rejection(promise: Promise<unknown>): Promise<ExcelApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExcelApiError)) throw new Error(`expected an Excel error, got ${String(error)}`);
  return error;
}

describe('excel emulator: proxy semantics', () => {
  it('throws PropertyNotLoaded, shaped like Excel, when a property is read before load and sync', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      let error: unknown;
      try {
        void range.values;
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: 'RichApi.Error', code: 'PropertyNotLoaded' });
      expect((error as Error).message).toBe(
        `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([['']]);
      expect(() => range.address).toThrow(/'address' is not available/);
    });
  });

  it('applies writes only at sync, in order', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [['first']];
      sheet.getRange('A1').values = [['second']];
      expect(host.read('Sheet1', 'A1')).toEqual([['']]);
      await context.sync();
      expect(host.read('Sheet1', 'A1')).toEqual([['second']]);
    });
  });

  it('runs loads and writes of one request in the order they were queued', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [['before']];
      await context.sync();
      const earlier = sheet.getRange('A1').load('values');
      sheet.getRange('A1').values = [['after']];
      const later = sheet.getRange('A1').load('values');
      await context.sync();
      expect(earlier.values).toEqual([['before']]);
      expect(later.values).toEqual([['after']]);
    });
  });

  it('lets a property that was set be read back before sync, as office.js caches it', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      range.values = [['42']];
      expect(range.values).toEqual([['42']]);
      range.load('values');
      await context.sync();
      expect(range.values).toEqual([[42]]);
    });
  });

  it('parses written strings like typed input unless the cell is text-formatted', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('B1').numberFormat = [['@']];
      sheet.getRange('A1:E1').values = [['42', '042', 'TRUE', '2024-03-01', "'7"]];
      await context.sync();
    });
    expect(host.read('Sheet1', 'A1:E1')).toEqual([[42, '042', true, 45352, '7']]);
    expect(host.readText('Sheet1', 'D1')).toEqual([['2024-03-01']]);
  });

  it('counts round trips: each non-empty sync, including the one Excel.run makes at the end', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      await context.sync();
      expect(host.syncCount).toBe(0);
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      await context.sync();
      expect(host.syncCount).toBe(1);
      context.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [[2]];
    });
    expect(host.syncCount).toBe(2);
    expect(host.syncCallCount).toBe(3);
    expect(host.read('Sheet1', 'A2')).toEqual([[2]]);
  });

  it('returns ClientResult values only after sync', async () => {
    const host = createWorkbook({ sheets: ['A', 'B'] });
    await host.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }) as Error);
      await context.sync();
      expect(count.value).toBe(2);
    });
  });

  it('fails getItem of a missing sheet at sync with ItemNotFound, not at the call', async () => {
    const host = createWorkbook();
    const error = await rejection(
      host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Nope');
        sheet.load('name');
        await context.sync();
      }),
    );
    expect(error.code).toBe('ItemNotFound');
  });

  it('gives a null object from getItemOrNullObject, readable after sync', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const present = context.workbook.worksheets.getItemOrNullObject('Sheet1');
      expect(() => missing.isNullObject).toThrow(/not available/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it('rejects values whose shape does not match the range with InvalidArgument', async () => {
    const host = createWorkbook();
    const error = await rejection(
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidArgument');
    expect(host.read('Sheet1', 'A1:B2')).toEqual([['', ''], ['', '']]);
  });

  it('fills every cell when a single value is set on a multi-cell range', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = 'x' as unknown as string[][];
      await context.sync();
    });
    expect(host.read('Sheet1', 'A1:B2')).toEqual([['x', 'x'], ['x', 'x']]);
  });

  it('stops a batch at the failing command; the commands before it stay applied', async () => {
    const host = createWorkbook();
    const error = await rejection(
      host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Sheet1');
        sheet.getRange('A1').values = [['kept']];
        sheet.getRange('A2:B2').values = [['bad shape']];
        sheet.getRange('A3').values = [['never']];
        await context.sync();
      }),
    );
    expect(error.code).toBe('InvalidArgument');
    expect(host.read('Sheet1', 'A1:A3')).toEqual([['kept'], [''], ['']]);
  });

  it('does not deliver loaded values when the sync fails', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      range.load('values');
      context.workbook.worksheets.getItem('Nope').load('name');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
      expect(() => range.values).toThrow(/not available/);
    });
  });

  it('accepts load specs as a string, an array, an object and navigation paths', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      const a = sheet.getRange('B2:C3').load('address, rowCount');
      const b = sheet.getRange('B2').load(['rowIndex', 'columnIndex']);
      const c = sheet.getRange('B2').load({ select: 'address', expand: 'format/fill' });
      const d = sheet.getRange('B2').load('format/fill/color, format/font/bold');
      await context.sync();
      expect([a.address, a.rowCount, b.rowIndex, b.columnIndex, c.address]).toEqual(['Sheet1!B2:C3', 2, 1, 1, 'Sheet1!B2']);
      expect(c.format.fill.color).toBe('#FFFFFF');
      expect(d.format.font.bold).toBe(false);
      expect(() => d.format.font.color).toThrow(/not available/);
    });
  });

  it('requires loading items before reading a collection', async () => {
    const host = createWorkbook({ sheets: ['Plan', 'Data'] });
    await host.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrow(/'items' is not available/);
      sheets.load('items/name');
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Plan', 'Data']);
      expect(() => sheets.items[0]?.visibility).toThrow(/not available/);
    });
  });

  it('leaves cells unchanged where the written array holds null, and clears them for an empty string', async () => {
    const host = createWorkbook();
    host.user.paste('Sheet1', 'A1', [['keep', 'clear']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[null, '']];
      await context.sync();
    });
    expect(host.read('Sheet1', 'A1:B1')).toEqual([['keep', '']]);
  });

  it('keeps number formats where the array holds null, resets them for an empty string, and refuses values = null', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C1');
      range.numberFormat = [['0.00', '0.00', '0.00']];
      range.numberFormat = [[null, '', '0%']] as unknown as string[][];
      range.load('numberFormat');
      await context.sync();
      expect(range.numberFormat).toEqual([['0.00', 'General', '0%']]);
      range.values = null as unknown as string[][];
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });
});

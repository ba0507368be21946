import { describe, expect, it } from 'vitest';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';

type Args = Record<string, unknown>;

async function listen(host: ExcelHost, sheet = 'Sheet1'): Promise<Args[]> {
  const seen: Args[] = [];
  await host.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).onChanged.add(async (args) => {
      seen.push(args as unknown as Args);
    });
    await context.sync();
  });
  return seen;
}

describe('excel emulator: events', () => {
  it('registers a handler only when the context syncs', async () => {
    const host = createWorkbook();
    const seen: unknown[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (a) => void seen.push(a));
      host.user.type('Sheet1', 'A1', 'before registration');
      await context.sync();
    });
    host.user.type('Sheet1', 'A2', 'after');
    await host.settle();
    expect(seen).toHaveLength(1);
  });

  it('runs handlers asynchronously, after the edit returns', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    host.user.type('Sheet1', 'A1', 'x');
    expect(seen).toHaveLength(0);
    await host.settle();
    expect(seen).toHaveLength(1);
  });

  it('reports a single-cell user edit with address, change type, source and details', async () => {
    const host = createWorkbook();
    host.user.type('Sheet1', 'B2', 'old');
    const seen = await listen(host);
    host.user.type('Sheet1', 'B2', '12');
    await host.settle();
    expect(seen[0]).toMatchObject({
      type: 'WorksheetChanged',
      address: 'B2',
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource: 'Unknown',
      worksheetId: host.model.sheet('Sheet1')?.id,
      details: { valueBefore: 'old', valueAfter: 12, valueTypeBefore: 'String', valueTypeAfter: 'Double' },
    });
  });

  it('reports a paste as one event over the block, without details', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    host.user.paste('Sheet1', 'A2', [[1, 2], [3, 4]]);
    await host.settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ address: 'A2:B3', changeType: 'RangeEdited' });
    expect(seen[0]?.['details']).toBeUndefined();
  });

  it('raises events for writes made by the add-in, marked ThisLocalAddin', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('C3').values = [['api']];
      await context.sync();
    });
    await host.settle();
    expect(seen[0]).toMatchObject({ address: 'C3', source: 'Local', triggerSource: 'ThisLocalAddin' });
  });

  it('marks a co-author edit as Remote', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    host.coauthor.type('Sheet1', 'A1', 'x');
    await host.settle();
    expect(seen[0]).toMatchObject({ source: 'Remote' });
  });

  it('raises nothing for writes made while runtime.enableEvents is false, user edits included', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    await host.run(async (context) => {
      context.runtime.enableEvents = false;
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['quiet']];
      await context.sync();
      host.user.type('Sheet1', 'A2', 'also quiet');
      context.runtime.load('enableEvents');
      await context.sync();
      expect(context.runtime.enableEvents).toBe(false);
      context.runtime.enableEvents = true;
      context.workbook.worksheets.getItem('Sheet1').getRange('A3').values = [['loud']];
      await context.sync();
    });
    await host.settle();
    expect(seen.map((a) => a['address'])).toEqual(['A3']);
  });

  it('decides by enableEvents at the time of the write, not of the sync that turns it on', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    await host.run(async (context) => {
      context.runtime.enableEvents = false;
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['quiet']];
      context.runtime.enableEvents = true;
      await context.sync();
    });
    await host.settle();
    expect(seen).toHaveLength(0);
  });

  it('raises table.onChanged with the table’s part of the change, and worksheets.onChanged for any sheet', async () => {
    const host = createWorkbook({ sheets: ['Plan', 'Other'] });
    host.user.paste('Plan', 'A1', [['Namn', 'Antal'], ['a', 1]]);
    const tableSeen: Args[] = [];
    const anySeen: Args[] = [];
    await host.run(async (context) => {
      const table = context.workbook.tables.add('Plan!A1:B2', true);
      table.onChanged.add(async (a) => void tableSeen.push(a as unknown as Args));
      context.workbook.worksheets.onChanged.add(async (a) => void anySeen.push(a as unknown as Args));
      await context.sync();
    });
    host.user.paste('Plan', 'B2', [[5, 'outside']]);
    host.user.type('Other', 'A1', 'x');
    await host.settle();
    expect(tableSeen).toHaveLength(1);
    expect(tableSeen[0]).toMatchObject({ type: 'TableChanged', address: 'B2', tableId: host.model.table('Table1')?.id });
    expect(anySeen.map((a) => a['address'])).toEqual(['B2:C2', 'A1']);
  });

  it('reports whole-row insertion and deletion', async () => {
    const host = createWorkbook();
    const seen = await listen(host);
    host.user.insertRows('Sheet1', '3:4');
    host.user.deleteRows('Sheet1', '5:5');
    await host.settle();
    expect(seen.map((a) => [a['changeType'], a['address']])).toEqual([
      ['RowInserted', '3:4'],
      ['RowDeleted', '5:5'],
    ]);
  });

  it('stops calling a handler after remove() is synced', async () => {
    const host = createWorkbook();
    const seen: unknown[] = [];
    await host.run(async (context) => {
      const registration = context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (a) => void seen.push(a));
      await context.sync();
      registration.remove();
      await context.sync();
    });
    host.user.type('Sheet1', 'A1', 'x');
    await host.settle();
    expect(seen).toHaveLength(0);
  });

  it('raises onSelectionChanged with the selected address', async () => {
    const host = createWorkbook();
    const seen: Args[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onSelectionChanged.add(async (a) => void seen.push(a as unknown as Args));
      await context.sync();
    });
    host.user.select('Sheet1', 'B2:C4');
    await host.settle();
    expect(seen[0]).toMatchObject({ type: 'WorksheetSelectionChanged', address: 'B2:C4' });
  });

  it('lets a handler read the changed range through its own context', async () => {
    const host = createWorkbook();
    const read: unknown[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onChanged.add(async (args) => {
        await host.run(async (ctx) => {
          const range = args.getRange(ctx).load('values');
          await ctx.sync();
          read.push(range.values);
        });
      });
      await context.sync();
    });
    host.user.paste('Sheet1', 'A1', [['a', 'b']]);
    await host.settle();
    expect(read).toEqual([[['a', 'b']]]);
    expect(host.handlerErrors).toEqual([]);
  });

  it('raises tables.onChanged of the workbook and of the sheet for a change in any of their tables', async () => {
    const host = createWorkbook();
    host.user.paste('Sheet1', 'A1', [['h'], ['v']]);
    const workbookSeen: unknown[] = [];
    const sheetSeen: unknown[] = [];
    await host.run(async (context) => {
      context.workbook.tables.add('Sheet1!A1:A2', true);
      context.workbook.tables.onChanged.add(async (a) => void workbookSeen.push(a));
      context.workbook.worksheets.getItem('Sheet1').tables.onChanged.add(async (a) => void sheetSeen.push(a));
      await context.sync();
    });
    host.user.type('Sheet1', 'A2', 'w');
    host.user.type('Sheet1', 'C9', 'outside');
    await host.settle();
    expect(workbookSeen).toEqual([expect.objectContaining({ type: 'TableChanged', address: 'A2' })]);
    expect(sheetSeen).toHaveLength(1);
  });
});

describe('excel emulator: onProtectionChanged (ExcelApi 1.14)', () => {
  async function protection(host: ExcelHost, on: boolean, password?: string, was?: string, events = true): Promise<void> {
    await host.run(async (context) => {
      context.runtime.enableEvents = events;
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      if (on) sheet.protection.protect({}, password);
      else sheet.protection.unprotect(was);
      await context.sync();
      context.runtime.enableEvents = true;
      await context.sync();
    });
  }

  it("raises the sheet's and the collection's event on each switch, with isProtected and whether a password came or went; nothing while events are off", async () => {
    const host = createWorkbook({ sheets: ['Sheet1', 'Sheet2'] });
    const own: Args[] = [];
    const all: Args[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').onProtectionChanged.add(async (a) => void own.push(a as unknown as Args));
      context.workbook.worksheets.onProtectionChanged.add(async (a) => void all.push(a as unknown as Args));
      await context.sync();
    });
    const id = host.model.sheet('Sheet1')?.id;
    await protection(host, true, 'hemligt');
    await protection(host, false, undefined, 'hemligt');
    await protection(host, true, undefined, undefined, false);
    await host.settle();
    expect(own.map((a) => [a['type'], a['worksheetId'], a['isProtected'], a['sheetPasswordChanged'], a['source']])).toEqual([
      ['WorksheetProtectionChanged', id, true, true, 'Local'],
      ['WorksheetProtectionChanged', id, false, true, 'Local'],
    ]);
    expect(all).toEqual(own);
  });

  it('raises nothing for an unprotect Excel refuses (a wrong password)', async () => {
    const host = createWorkbook();
    await protection(host, true, 'hemligt');
    const seen: Args[] = [];
    await host.run(async (context) => {
      context.workbook.worksheets.onProtectionChanged.add(async (a) => void seen.push(a as unknown as Args));
      await context.sync();
    });
    await expect(protection(host, false, undefined, 'fel')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await host.settle();
    expect(seen).toEqual([]);
    expect(host.model.sheet('Sheet1')?.protected).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { SyncCounter } from '../../../addin/excel/sheet/excel-io.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { readBodyPaged, readIdColumnPaged, readIdsAtPaged, readRowsPaged, TableChangedError } from '../../../addin/excel/sheet/paged-read.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';

const layout = layoutFor('activity-plan', 'plan-test', 'sv');

/** A table of `rows` rows whose comment is `length` characters, written without the binding. */
async function tableOf(rows: number, length: number, limit?: number): Promise<ExcelHost> {
  const host = createWorkbook({ sheets: [layout.sheetName], ...(limit ? { payloadLimitBytes: limit } : {}) });
  const header = ['samplan-id', ...layout.columns.map((c) => c.header.sv)];
  const body = Array.from({ length: rows }, (_, i) => [`id-${String(i).padStart(6, '0')}`, `Aktivitet ${i}`, ...new Array<string>(layout.width - 3).fill(''), `${i} `.padEnd(length, 'x')]);
  // Written in parts under any limit, then made a table.
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(layout.sheetName);
    sheet.getRangeByIndexes(0, 0, 1, layout.width).values = [header];
    await context.sync();
    for (let at = 0; at < rows; at += 50) {
      const part = body.slice(at, at + 50);
      sheet.getRangeByIndexes(1 + at, 0, part.length, layout.width).values = part;
      await context.sync();
    }
    sheet.tables.add(sheet.getRangeByIndexes(0, 0, rows + 1, layout.width), true).name = layout.tableName;
  });
  return host;
}

const run = (host: ExcelHost) => <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => host.run(batch);

describe('paged reads', () => {
  it('read a body over the response limit in several requests, each under it, with every row once', async () => {
    const host = await tableOf(600, 1_000, 200_000);
    const counter: SyncCounter = { syncs: 0, budgetBytes: 150_000 };
    const before = host.syncSizes.length;
    const { values, shape } = await readBodyPaged(run(host), layout, counter);
    expect(values).toEqual(host.readTable(layout.tableName).rows);
    expect(shape.header[0]).toBe('samplan-id');
    const sizes = host.syncSizes.slice(before);
    expect(sizes.length).toBeGreaterThan(4);
    expect(sizes.every((s) => !s.failed && s.response <= 200_000)).toBe(true);
    expect(counter.syncs).toBe(sizes.length);
  });

  it('halve a page Excel refuses and read it again, when the estimate is far too small', async () => {
    const host = await tableOf(300, 1_000, 100_000);
    const counter: SyncCounter = { syncs: 0, budgetBytes: 90_000 };
    const before = host.syncSizes.length;
    const { values } = await readBodyPaged(run(host), layout, counter, { estimate: () => 10 });
    expect(values).toEqual(host.readTable(layout.tableName).rows);
    const sizes = host.syncSizes.slice(before);
    expect(sizes.some((s) => s.failed)).toBe(true);
    expect(sizes.filter((s) => !s.failed).every((s) => s.response <= 100_000)).toBe(true);
  });

  it('read the whole body again when the table was sorted between two pages', async () => {
    const host = await tableOf(300, 1_000, 100_000);
    let calls = 0;
    const sorting = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
      if (++calls === 2) host.user.sortTable(layout.tableName, 'Aktivitet', false);
      return host.run(batch);
    };
    const { values } = await readBodyPaged(sorting, layout, { syncs: 0, budgetBytes: 90_000 });
    expect(values).toEqual(host.readTable(layout.tableName).rows);
  });

  it('give up with TableChangedError when the table changes between pages every time', async () => {
    const host = await tableOf(300, 1_000, 100_000);
    let calls = 0;
    const sorting = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
      if (++calls % 2 === 0) host.user.sortTable(layout.tableName, 'Aktivitet', calls % 4 === 0);
      return host.run(batch);
    };
    await expect(readBodyPaged(sorting, layout, { syncs: 0, budgetBytes: 90_000 })).rejects.toBeInstanceOf(TableChangedError);
  });

  it('read rows below the table as well as in it, and stop early when asked', async () => {
    const host = await tableOf(400, 1_000, 100_000);
    const all = await readRowsPaged(run(host), layout, 1, 400, { syncs: 0, budgetBytes: 90_000 });
    expect(all.values.map((r) => r[0])).toEqual(host.readTable(layout.tableName).rows.map((r) => r[0]));
    expect(all.bodyRows).toBe(400);
    const counter: SyncCounter = { syncs: 0, budgetBytes: 90_000 };
    const some = await readRowsPaged(run(host), layout, 1, 400, counter, undefined, () => true);
    expect(some.values.length).toBeLessThan(400);
    expect(counter.syncs).toBe(1);
  });

  it('read the id column and scattered id cells in few requests', async () => {
    const host = await tableOf(3_000, 10);
    const counter: SyncCounter = { syncs: 0 };
    const ids = await readIdColumnPaged(run(host), layout, counter);
    expect(ids).toEqual(host.readTable(layout.tableName).rows.map((r) => r[0]));
    expect(counter.syncs).toBe(1);
    const rows = Array.from({ length: 1_000 }, (_, i) => (i * 3) % 3_000);
    const found = await readIdsAtPaged(run(host), layout, rows, { syncs: 0, budgetBytes: 20_000 });
    expect(rows.every((r) => found.get(r) === ids[r])).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createWorkbook, HOST_PROFILES } from '../../../addin/excel-emulator/index.js';

const block = (rows: number, cols: number, text: string): string[][] =>
  Array.from({ length: rows }, () => new Array<string>(cols).fill(text));

describe('excel emulator: payload limit', () => {
  it('fails a request over ~5 MB with RequestPayloadSizeLimitExceeded and applies nothing of it', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('Z1').values = [['small write queued first']];
      sheet.getRange('A1:J6000').values = block(6000, 10, 'x'.repeat(100)); // ~6.1 MB
      await expect(context.sync()).rejects.toMatchObject({ name: 'RichApi.Error', code: 'RequestPayloadSizeLimitExceeded' });
    });
    expect(host.read('Sheet1', 'Z1')).toEqual([['']]);
    expect(host.read('Sheet1', 'A1')).toEqual([['']]);
  });

  it('accepts the same data written in chunks under the limit', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:J3000').values = block(3000, 10, 'x'.repeat(100));
      await context.sync();
      sheet.getRange('A3001:J6000').values = block(3000, 10, 'y'.repeat(100));
      await context.sync();
    });
    expect(host.read('Sheet1', 'J6000')).toEqual([['y'.repeat(100)]]);
    expect(host.syncCount).toBe(2);
  });

  it('fails a sync whose response (loaded values) is over the limit with ResponsePayloadSizeLimitExceeded', async () => {
    const host = createWorkbook({ payloadLimitBytes: 10_000 });
    host.user.paste('Sheet1', 'A1', block(100, 10, 'long text value'));
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:J100');
      range.load('values');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      expect(() => range.values).toThrow(/not available/);
    });
  });

  it('refuses to load the values of a whole column, as Excel does', async () => {
    const host = createWorkbook();
    await host.run(async (context) => {
      const column = context.workbook.worksheets.getItem('Sheet1').getRange('A:C');
      column.load('values');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    });
  });

  it('writes and reads a 10,000 × 16 table body in well under a second of CPU, and in CPU time linear in its rows (best of five runs each)', async () => {
    const table = (n: number): (string | number)[][] => Array.from({ length: n }, (_, r) => Array.from({ length: 16 }, (_, c) => (c % 2 ? r * c : `r${r}c${c}`)));
    /**
     * CPU time (user + system, ms) of this process to write `rows` into a fresh workbook and read
     * them back. CPU time, not wall time: on a busy machine the wall clock also counts the time
     * other processes held the cores, which says nothing about the emulator.
     */
    const roundTrip = async (rows: (string | number)[][]): Promise<number> => {
      const host = createWorkbook();
      const started = process.cpuUsage();
      const values = await host.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(1, 0, rows.length, 16);
        range.values = rows;
        await context.sync();
        range.load('values');
        await context.sync();
        return range.values;
      });
      const spent = process.cpuUsage(started);
      expect(values[rows.length - 1]).toEqual(rows[rows.length - 1]);
      return (spent.user + spent.system) / 1000;
    };
    const big = table(10_000);
    const eighth = table(1_250);
    let bestBig = Infinity;
    let bestEighth = Infinity;
    for (let attempt = 0; attempt < 5; attempt++) {
      bestEighth = Math.min(bestEighth, await roundTrip(eighth));
      bestBig = Math.min(bestBig, await roundTrip(big));
    }
    expect(bestBig).toBeLessThan(800);
    // Eight times the rows costs about eight times as much; a cost per row that grows with the rows
    // (a scan of the sheet per row) makes it ~64 times. The bound sits between the two: 160,000
    // cells outgrow the processor's caches and the young generation where 20,000 do not, which
    // alone was measured at 14.6 times (30.9 against 2.1 ms) on a quiet machine.
    expect(bestBig / bestEighth, `${bestBig.toFixed(1)} ms for 10,000 rows, ${bestEighth.toFixed(1)} ms for 1,250`).toBeLessThan(24);
  });
});

describe('excel emulator: deleting table rows', () => {
  /**
   * CPU time (user + system, ms) of this process to delete the bottom `count` rows of a
   * 2,001-row, 16-column table one by one from the bottom (`rows.getItemAt(i).delete()`, as the
   * binding deletes a peer's removed rows), in one request.
   */
  async function deleteFromBottom(count: number): Promise<number> {
    const total = 2_001;
    const host = createWorkbook({ profile: 'desktop' });
    await host.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:P1', true);
      table.rows.add(undefined, Array.from({ length: total }, (_, r) => Array.from({ length: 16 }, (_, c) => `r${r}c${c}`)));
      await context.sync();
    });
    const started = process.cpuUsage();
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem('Table1');
      for (let i = 0; i < count; i++) table.rows.getItemAt(total - 1 - i).delete();
      await context.sync();
    });
    const spent = process.cpuUsage(started);
    expect(host.readTable('Table1').rows).toHaveLength(total - count);
    return (spent.user + spent.system) / 1000;
  }

  it('costs CPU time linear in the rows deleted (2,000 against 250, best of three each)', async () => {
    let bestAll = Infinity;
    let bestEighth = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      bestEighth = Math.min(bestEighth, await deleteFromBottom(250));
      bestAll = Math.min(bestAll, await deleteFromBottom(2_000));
    }
    // Linear: about 8 (less with the request's fixed cost). Each delete shifting every row record
    // the sheet ever had (the emptied rows below the table included) made it about 35.
    expect(bestAll / bestEighth, `${bestAll.toFixed(1)} ms for 2,000 deletes, ${bestEighth.toFixed(1)} ms for 250`).toBeLessThan(16);
  });
});

describe('excel emulator: host profiles', () => {
  const big = block(6000, 10, 'x'.repeat(100)); // ~6.1 MB

  it('web (the default): a response over 5 MB fails with ResponsePayloadSizeLimitExceeded, and the sizes are recorded', async () => {
    const host = createWorkbook();
    expect(host.limits).toEqual(HOST_PROFILES.web);
    for (const [row, part] of [[0, big.slice(0, 3000)], [3000, big.slice(3000)]] as const) {
      await host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(row, 0, part.length, 10).values = part;
        await context.sync();
      });
    }
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:J6000').load('values');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      void range;
    });
    const last = host.syncSizes[host.syncSizes.length - 1];
    expect(last?.failed).toBe(true);
    expect(last?.response).toBeGreaterThan(5 * 1024 * 1024);
    expect(host.syncSizes.filter((s) => !s.failed).every((s) => s.request <= 5 * 1024 * 1024 && s.response <= 5 * 1024 * 1024)).toBe(true);
  });

  it('desktop: no byte limit, so the same 6 MB goes in one request and comes back in one response', async () => {
    const host = createWorkbook({ profile: 'desktop' });
    const values = await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:J6000');
      range.values = big;
      await context.sync();
      range.load('values');
      await context.sync();
      return range.values;
    });
    expect(values[5999]?.[9]).toBe('x'.repeat(100));
    expect(Math.max(...host.syncSizes.map((s) => s.response))).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('both: a read over 5,000,000 cells fails, one under it does not', async () => {
    for (const profile of ['web', 'desktop'] as const) {
      const host = createWorkbook({ profile });
      await host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Sheet1');
        sheet.getRangeByIndexes(0, 0, 1_000_000, 6).load('values');
        await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      });
    }
    const host = createWorkbook({ profile: 'desktop' });
    const count = await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, 1_000_000, 1).load('values');
      await context.sync();
      return range.values.length;
    });
    expect(count).toBe(1_000_000);
  });
});

describe('excel emulator: cell-edit mode', () => {
  it('rejects every sync while the user edits a cell and applies nothing', async () => {
    const host = createWorkbook();
    host.user.enterEditMode('Sheet1', 'B2');
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      range.values = [['from add-in']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    });
    expect(host.read('Sheet1', 'A1')).toEqual([['']]);
  });

  it('lets a retry succeed after the user leaves edit mode, and commits what they typed', async () => {
    const host = createWorkbook();
    host.user.enterEditMode('Sheet1', 'B2');
    const attempt = () =>
      host.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['from add-in']];
        await context.sync();
      });
    await expect(attempt()).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    host.user.exitEditMode('typed');
    await attempt();
    expect(host.read('Sheet1', 'A1:B2')).toEqual([['from add-in', ''], ['', 'typed']]);
  });

  it('leaves the cell as it was when the user presses Esc', () => {
    const host = createWorkbook();
    host.user.type('Sheet1', 'A1', 'before');
    host.user.enterEditMode('Sheet1', 'A1');
    host.user.exitEditMode();
    expect(host.read('Sheet1', 'A1')).toEqual([['before']]);
    expect(host.model.editMode).toBeUndefined();
  });

  it('holds a batch run with delayForCellEdit until the user leaves edit mode', async () => {
    const host = createWorkbook();
    host.user.enterEditMode('Sheet1', 'B2');
    let done = false;
    const pending = host
      .run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['after edit']];
        await context.sync();
      })
      .then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    expect(host.read('Sheet1', 'A1')).toEqual([['']]);
    host.user.exitEditMode('typed');
    await pending;
    expect(host.read('Sheet1', 'A1:B2')).toEqual([['after edit', ''], ['', 'typed']]);
  });
});

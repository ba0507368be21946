/**
 * A pulled round table (Fullständighet 2025 kv 2) says it updates while the Samplan pane is open;
 * the pane opened again did not take it up, so it kept the statuses of the day it was pulled. It
 * is now remembered in the workbook and taken up again when the pane is opened again.
 */
import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import type { RoundTableSource } from '../../../addin/indicators/pull-round-table.js';
import type { CompletenessUnit, RoundTableData } from '../../../addin/indicators/round-table-layout.js';
import { RoundPulls } from '../../../addin/taskpane/round-pulls.js';

const unit = (code: string, present: number): CompletenessUnit => ({
  unit: code, status: 'pagar', overdue: false, reason: null, expected: 4, present,
  values: { expected: 4, present, missingIndicators: [] }, activities: { expected: 0, present: 0 }, problems: 0, lastChange: null,
});

describe('pulled round tables when the pane is opened again', () => {
  it('are live again; another workspace’s are left as they are', async () => {
    const present = { tensta: 1 };
    const source: RoundTableSource = {
      fetch: () => Promise.resolve<RoundTableData>({ kind: 'completeness', round: { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2' }, names: {}, units: [unit('vc-tensta', present.tensta)] }),
      watch: () => () => undefined,
    };
    const host = createWorkbook();
    const run: ExcelRun = (batch) => host.run(batch);
    const opts = { lang: 'sv' as const, unitNames: new Map([['vc-tensta', 'Tensta vårdcentral']]) };
    const first = new RoundPulls(source, 'hbi-stockholm');
    const pulled = await first.pull(run, 'completeness', '2025-kv-2', opts);
    const reported = () => host.readTable(pulled.tableName).rows[0]?.[5];
    expect(reported()).toBe(1);
    await first.close();
    present.tensta = 3;
    expect(await new RoundPulls(source, 'hbi-jonkoping').resume(run, opts)).toEqual([]);
    expect(reported()).toBe(1);
    const again = new RoundPulls(source, 'hbi-stockholm');
    const resumed = await again.resume(run, opts);
    expect(resumed.map((t) => [t.kind, t.round, t.sheetName])).toEqual([['completeness', '2025-kv-2', 'Fullständighet 2025 kv 2']]);
    expect(reported()).toBe(3);
    expect(again.tables).toHaveLength(1);
    expect(await again.resume(run, opts)).toEqual([]);
    await again.close();
  });
});

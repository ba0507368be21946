/**
 * A pulled round table stays where it is once placed, as the indicator table does
 * (`pulled-stays.test.ts`): the manager's own "Fullständighet 2025 kv 2" sheet, deleted after it
 * sent the pull to "(2)", does not draw the table back; a table or sheet the manager renamed is
 * followed by the table's id, kept in the workbook setting, and no second copy is made.
 */
import { describe, expect, it } from 'vitest';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { pullRoundTable, type RoundTableSource } from '../../../addin/indicators/pull-round-table.js';
import type { CompletenessUnit, RoundTableData } from '../../../addin/indicators/round-table-layout.js';
import { RoundPulls } from '../../../addin/taskpane/round-pulls.js';
import { until } from './support.js';

const SHEET = 'Fullständighet 2025 kv 2';
const unit = (code: string, present: number): CompletenessUnit => ({
  unit: code, status: 'pagar', overdue: false, reason: null, expected: 4, present,
  values: { expected: 4, present, missingIndicators: [] }, activities: { expected: 0, present: 0 }, problems: 0, lastChange: null,
});

function round(present: { tensta: number }): RoundTableSource {
  return {
    fetch: () => Promise.resolve<RoundTableData>({ kind: 'completeness', round: { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2' }, names: {}, units: [unit('vc-tensta', present.tensta)] }),
    watch: () => () => undefined,
  };
}

const opts = { lang: 'sv' as const, unitNames: new Map([['vc-tensta', 'Tensta vårdcentral']]) };
const tables = (host: ExcelHost) => host.snapshot().tables.map((t) => [t.name, t.sheet]);
const idOf = (host: ExcelHost, name: string) =>
  host.run(async (context) => {
    const table = context.workbook.tables.getItem(name).load('id');
    await context.sync();
    return table.id;
  });

describe('a pulled round table once placed', () => {
  it('stays on "(2)" when the manager deletes the own sheet that sent it there, and is pulled again', async () => {
    const host = createWorkbook({ sheets: ['Översikt', SHEET] });
    host.user.paste(SHEET, 'A1', [['Mina anteckningar']]);
    const run: ExcelRun = (batch) => host.run(batch);
    const pulls = new RoundPulls(round({ tensta: 1 }), 'hbi-stockholm');
    const first = await pulls.pull(run, 'completeness', '2025-kv-2', opts);
    expect(first.sheetName).toBe(`${SHEET} (2)`);
    const id = await idOf(host, first.tableName);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).delete();
      await context.sync();
    });
    const again = await pulls.pull(run, 'completeness', '2025-kv-2', opts);
    expect(again.sheetName).toBe(`${SHEET} (2)`);
    expect(await idOf(host, again.tableName)).toBe(id);
    expect(host.snapshot().sheets.map((s) => s.name)).toEqual(['Översikt', `${SHEET} (2)`]);
    await pulls.close();
  });

  it('stops, and says so, when the manager makes it a plain range: no copy is written elsewhere', async () => {
    const host = createWorkbook();
    const run: ExcelRun = (batch) => host.run(batch);
    let changed = (): void => undefined;
    const source: RoundTableSource = { ...round({ tensta: 1 }), watch: (c) => ((changed = c), () => undefined) };
    const stopped: string[] = [];
    const table = await pullRoundTable(run, source, { kind: 'completeness', round: '2025-kv-2', ...opts, coalesceMs: 5, retryMs: 20, onStopped: (r) => void stopped.push(r) });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET).protection.unprotect();
      context.workbook.tables.getItem(table.tableName).convertToRange();
      await context.sync();
    });
    changed();
    await until(() => stopped.length > 0);
    expect(stopped).toEqual([`Tabellen "${table.tableName}" finns inte längre i arbetsboken (borttagen, eller gjord till ett vanligt område), så Samplan skriver ingen ny. Hämta tabellen igen för att få en uppdaterad.`]);
    expect(table.stopped).toBe(stopped[0]);
    await new Promise((r) => setTimeout(r, 60));
    expect(tables(host)).toEqual([]);
    expect(host.snapshot().sheets.map((s) => s.name).filter((n) => n.startsWith('Fullständighet'))).toEqual([SHEET]);
    await table.dispose();
  });

  it('follows its table and sheet renamed by the manager while the pane was closed', async () => {
    const present = { tensta: 1 };
    const host = createWorkbook();
    const run: ExcelRun = (batch) => host.run(batch);
    const first = new RoundPulls(round(present), 'hbi-stockholm');
    const pulled = await first.pull(run, 'completeness', '2025-kv-2', opts);
    const id = await idOf(host, pulled.tableName);
    await first.close();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET);
      sheet.protection.unprotect();
      context.workbook.tables.getItem(pulled.tableName).name = 'Kv2Status';
      sheet.name = 'Styrgrupp kv 2';
      await context.sync();
    });
    present.tensta = 3;
    const again = new RoundPulls(round(present), 'hbi-stockholm');
    const resumed = await again.resume(run, opts);
    expect(resumed.map((t) => t.sheetName)).toEqual(['Styrgrupp kv 2']);
    expect(host.readTable('Kv2Status').rows[0]?.[5]).toBe(3);
    // Pulled again by hand: the same table, still under the manager's names.
    present.tensta = 4;
    expect((await again.pull(run, 'completeness', '2025-kv-2', opts)).sheetName).toBe('Styrgrupp kv 2');
    expect(host.readTable('Kv2Status').rows[0]?.[5]).toBe(4);
    expect(await idOf(host, 'Kv2Status')).toBe(id);
    expect(tables(host)).toEqual([['Kv2Status', 'Styrgrupp kv 2']]);
    await again.close();
  });
});

/**
 * A manager's workbook that already has a sheet of the name a pull writes to ("Indikatorer", or
 * "Fullständighet 2025 kv 2"), holding their own notes and figures. The pull wrote its title lines,
 * header and rows over that sheet's cells and protected it: the manager's own cells were gone, with
 * nothing said. The pull now goes to "Indikatorer (2)" (as Excel names a copy) and leaves the
 * manager's sheet as it was; pulled again, it finds its table there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable } from '../../../addin/indicators/pull-table.js';
import { pullRoundTable, type RoundTableSource } from '../../../addin/indicators/pull-round-table.js';
import { numberedSheet } from '../../../addin/indicators/pulled-find.js';
import type { CompletenessUnit, RoundTableData } from '../../../addin/indicators/round-table-layout.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

const open: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

/** The manager's own sheet: a heading, notes and a small table of figures from A1 down. */
const OWN: (string | number)[][] = [['Mina anteckningar inför styrgruppen'], ['Fråga Tensta om FaR'], [''], [''], ['Område', 'Budget'], ['Hälsosamtal', 120000], ['FaR', 45000]];

function withOwnSheet(name: string): ExcelHost {
  const host = createWorkbook({ sheets: ['Översikt', name] });
  host.user.paste(name, 'A1', OWN);
  return host;
}

const sheetOf = (host: ExcelHost, name: string) => host.snapshot().sheets.find((s) => s.name === name);

async function pull(host: ExcelHost) {
  const docs = indicatorDocs();
  const table = await pullIndicatorTable((b) => host.run(b), docIndicatorSource([docs.catalog.manager], [docs.values.manager]), { filter: {}, lang: 'sv', coalesceMs: 5 });
  open.push(table);
  return table;
}

describe('a pull into a workbook with a sheet of the same name of the manager’s own', () => {
  it('leaves that sheet as it was and pulls to "Indikatorer (2)"', async () => {
    const host = withOwnSheet('Indikatorer');
    const table = await pull(host);
    expect(table.sheetName).toBe('Indikatorer (2)');
    const own = sheetOf(host, 'Indikatorer');
    expect(own?.values.map((r) => r.slice(0, 2))).toEqual(OWN.map((r) => [r[0], r[1] ?? '']));
    expect(own?.protected).toBe(false);
    expect(host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([['SamplanIndikatorer', 'Indikatorer (2)']]);
    expect(sheetOf(host, 'Indikatorer (2)')?.protected).toBe(true);
    expect(host.readTable('SamplanIndikatorer').rows.map((r) => r[13])).toEqual(['vc-rinkeby', 'vc-tensta', '0180']);
  });

  it('pulled again (the pane opened anew), finds its table on "Indikatorer (2)" and keeps it', async () => {
    const host = withOwnSheet('Indikatorer');
    await (await pull(host)).dispose();
    // The same Excel table (a formula naming it stays whole), where it was.
    const id = () =>
      host.run(async (context) => {
        const table = context.workbook.tables.getItem('SamplanIndikatorer').load('id');
        const sheet = table.getRange().worksheet.load('name');
        await context.sync();
        return [table.id, sheet.name];
      });
    const before = await id();
    const again = await pull(host);
    expect(again.sheetName).toBe('Indikatorer (2)');
    expect(await id()).toEqual(before);
    expect(host.snapshot().sheets.map((s) => s.name)).toEqual(['Översikt', 'Indikatorer', 'Indikatorer (2)']);
    expect(sheetOf(host, 'Indikatorer')?.values[0]?.[0]).toBe(OWN[0]?.[0]);
  });

  it('uses an empty sheet of that name as it is, and its own earlier sheet without a look more', async () => {
    const host = createWorkbook({ sheets: ['Indikatorer'] });
    const table = await pull(host);
    expect(table.sheetName).toBe('Indikatorer');
    await table.dispose();
    const again = await pull(host);
    expect(again.sheetName).toBe('Indikatorer');
    // One look finds sheet and table, one more where the table stands, one writes.
    expect(again.syncs).toBe(3);
    expect(host.snapshot().sheets.map((s) => s.name)).toEqual(['Indikatorer']);
  });

  it('leaves a sheet "Fullständighet 2025 kv 2" of the manager’s own as it was for a pulled round table', async () => {
    const host = withOwnSheet('Fullständighet 2025 kv 2');
    const unit: CompletenessUnit = {
      unit: 'vc-tensta', status: 'pagar', overdue: false, reason: null, expected: 4, present: 2,
      values: { expected: 4, present: 2, missingIndicators: [] }, activities: { expected: 0, present: 0 }, problems: 0, lastChange: null,
    };
    const source: RoundTableSource = {
      fetch: () => Promise.resolve<RoundTableData>({ kind: 'completeness', round: { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2' }, names: {}, units: [unit] }),
      watch: () => () => undefined,
    };
    const table = await pullRoundTable((b) => host.run(b), source, { kind: 'completeness', round: '2025-kv-2', lang: 'sv', unitNames: new Map([['vc-tensta', 'Tensta vårdcentral']]), coalesceMs: 5 });
    open.push(table);
    expect(table.sheetName).toBe('Fullständighet 2025 kv 2 (2)');
    expect(sheetOf(host, 'Fullständighet 2025 kv 2')?.values[5]?.slice(0, 2)).toEqual(['Hälsosamtal', 120000]);
    expect(host.readTable(table.tableName).rows[0]?.[0]).toBe('Tensta vårdcentral');
  });

  it('pulls two rounds of one period side by side: the second to "Fullständighet 2025 kv 2 (2)", the first left whole', async () => {
    const host = createWorkbook({ sheets: ['Översikt'] });
    const unit = (code: string, present: number): CompletenessUnit => ({
      unit: code, status: 'pagar', overdue: false, reason: null, expected: 4, present,
      values: { expected: 4, present, missingIndicators: [] }, activities: { expected: 0, present: 0 }, problems: 0, lastChange: null,
    });
    const round = (id: string, title: string, present: number): RoundTableSource => ({
      fetch: () => Promise.resolve<RoundTableData>({ kind: 'completeness', round: { id, title, period: '2025Q2' }, names: {}, units: [unit('vc-tensta', present)] }),
      watch: () => () => undefined,
    });
    const pullRound = async (id: string, title: string, present: number) => {
      const t = await pullRoundTable((b) => host.run(b), round(id, title, present), { kind: 'completeness', round: id, lang: 'sv', unitNames: new Map(), coalesceMs: 5 });
      open.push(t);
      return t;
    };
    const first = await pullRound('2025-kv-2', '2025 kv 2', 1);
    const second = await pullRound('far-extra-2025-kv-2', 'FaR, extra uppföljning', 3);
    expect([first.sheetName, second.sheetName]).toEqual(['Fullständighet 2025 kv 2', 'Fullständighet 2025 kv 2 (2)']);
    expect(host.readTable(first.tableName).rows[0]?.[5]).toBe(1);
    expect(host.readTable(second.tableName).rows[0]?.[5]).toBe(3);
  });

  it('names the copy within Excel’s 31 characters, keeping the number', () => {
    expect(numberedSheet('Indikatorer', 2)).toBe('Indikatorer (2)');
    const long = numberedSheet('Länssammanställning 2025 halvår', 12);
    expect(long).toBe('Länssammanställning 2025 h (12)');
    expect(long.length).toBeLessThanOrEqual(31);
  });
});

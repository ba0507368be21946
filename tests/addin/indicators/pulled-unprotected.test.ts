/**
 * A manager unprotects a pulled table's sheet (indicators, a round's completeness) (Review → Unprotect Sheet) and types in
 * the table: the pane is told at once, and the next write rewrites the whole table, so no typed
 * number stays beside Samplan's, and protects the sheet again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { pullRoundTable, type PulledRoundTable, type RoundTableSource } from '../../../addin/indicators/pull-round-table.js';
import type { CompletenessUnit, RoundTableData } from '../../../addin/indicators/round-table-layout.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

const open: (PulledTable | PulledRoundTable)[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  vi.unstubAllGlobals();
});

async function pulled() {
  const docs = indicatorDocs();
  const host = createWorkbook({ sheets: ['Mitt blad'] });
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const told: string[] = [];
  const table = await pullIndicatorTable((batch) => host.run(batch), source, { filter: { units: [] }, lang: 'sv', coalesceMs: 5, retryMs: 20, onProtection: (sheet, on) => told.push(`${sheet} ${on ? 'on' : 'off'}`) });
  open.push(table);
  return { ...docs, host, told };
}

/** Switches the sheet's protection as the person does it, with events on. */
async function byHand(host: ExcelHost, on: boolean): Promise<void> {
  await host.run(async (context) => {
    const protection = context.workbook.worksheets.getItem('Indikatorer').protection;
    if (on) protection.protect({ allowAutoFilter: true });
    else protection.unprotect();
    await context.sync();
  });
}

const body = (host: ExcelHost) => host.readTable('SamplanIndikatorer').rows;
const isProtected = (host: ExcelHost) => host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected;

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('pulled indicator table: the person unprotects its sheet', () => {
  it('says so at once, and the next update overwrites what was typed in the table and protects the sheet again', async () => {
    const { host, told, values } = await pulled();
    const sheet = host.model.sheets.find((s) => s.name === 'Indikatorer');
    expect(host.model.events.has('protectionChanged', sheet?.id as string)).toBe(true);
    await byHand(host, false);
    expect(told).toEqual(['Indikatorer off']);
    // Täljare of the first row (30), typed over in the unprotected table.
    host.user.type('Indikatorer', 'F6', 999);
    expect(body(host)[0]?.[5]).toBe(999);
    // A change of another row only: a write of the changed cells would leave the 999 standing.
    setCell(values.coordinator, values.ids[1] as string, 'denominator', 90);
    await until(() => body(host)[1]?.[4] === 50);
    expect(body(host)[0]?.[5]).toBe(30);
    expect(isProtected(host)).toBe(true);
    expect(() => host.user.type('Indikatorer', 'F6', 1)).toThrow(/protected/);
  });

  it('writes the whole table at once when the person protects the sheet again', async () => {
    const { host, told } = await pulled();
    await byHand(host, false);
    host.user.type('Indikatorer', 'E7', 12);
    await byHand(host, true);
    await until(() => body(host)[1]?.[4] === 75);
    expect(told).toEqual(['Indikatorer off', 'Indikatorer on']);
    expect(isProtected(host)).toBe(true);
  });

  it('is told nothing of Samplan’s own writes, which lift and put back the protection with events off', async () => {
    const { host, told, values } = await pulled();
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 42);
    await until(() => body(host)[0]?.[4] === 70);
    expect(told).toEqual([]);
  });

  it('on a host without ExcelApi 1.14 listens to nothing', async () => {
    vi.stubGlobal('Office', { context: { requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version?.split('.')[1]) < 14 } } });
    const { host, told } = await pulled();
    const sheet = host.model.sheets.find((s) => s.name === 'Indikatorer');
    expect(host.model.events.has('protectionChanged', sheet?.id as string)).toBe(false);
    await byHand(host, false);
    expect(told).toEqual([]);
  });
});

describe('pulled round table: the person unprotects its sheet', () => {
  const unit = (code: string, present: number): CompletenessUnit => ({
    unit: code,
    status: 'pagar',
    overdue: false,
    reason: null,
    expected: 4,
    present,
    values: { expected: 4, present, missingIndicators: [] },
    activities: { expected: 0, present: 0 },
    problems: 0,
    lastChange: null,
  });

  it('says so at once, and the next update overwrites what was typed in the table and protects the sheet again', async () => {
    const host = createWorkbook();
    const present = { tensta: 1, husby: 2 };
    let changed: () => void = () => undefined;
    const source: RoundTableSource = {
      fetch: () => Promise.resolve<RoundTableData>({ kind: 'completeness', round: { id: '2025-kv-2', title: '2025 kv 2', period: '2025Q2' }, names: {}, units: [unit('vc-tensta', present.tensta), unit('vc-husby', present.husby)] }),
      watch: (listener) => ((changed = listener), () => (changed = () => undefined)),
    };
    const told: string[] = [];
    const table = await pullRoundTable((batch) => host.run(batch), source, { kind: 'completeness', round: '2025-kv-2', lang: 'sv', unitNames: new Map(), coalesceMs: 5, onProtection: (sheet, on) => told.push(`${sheet} ${on ? 'on' : 'off'}`) });
    open.push(table);
    const rows = () => host.readTable(table.tableName).rows;
    const sheetProtected = () => host.snapshot().sheets.find((s) => s.name === table.sheetName)?.protected;
    await host.run(async (context) => {
      context.workbook.worksheets.getItem(table.sheetName).protection.unprotect();
      await context.sync();
    });
    expect(told).toEqual([`${table.sheetName} off`]);
    // Inrapporterade (column F) of Tensta, typed over; then only Husby's figure changes.
    host.user.type(table.sheetName, 'F6', 4);
    expect(rows()[0]?.[5]).toBe(4);
    present.husby = 3;
    changed();
    await until(() => rows()[1]?.[5] === 3);
    expect(rows()[0]?.[5]).toBe(1);
    expect(sheetProtected()).toBe(true);
  });
});

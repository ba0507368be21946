import { afterEach, describe, expect, it } from 'vitest';
import { deleteRow, insertRow, setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

const START = new Date(2026, 10, 25, 14, 5);
const AT = new Date(START);
const open: PulledTable[] = [];

async function pulled(options: { lang?: 'sv' | 'en'; units?: string[]; onError?: (e: unknown) => void } = {}) {
  const docs = indicatorDocs();
  const host = createWorkbook({ sheets: ['Mitt blad'] });
  const run: ExcelRun = (batch) => host.run(batch);
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const writes: object[] = [];
  const logger = { debug: (obj: object) => void writes.push(obj), warn() {}, error() {} };
  const table = await pullIndicatorTable(run, source, { filter: { units: options.units ?? [] }, lang: options.lang ?? 'sv', coalesceMs: 5, retryMs: 20, now: () => new Date(AT), logger, ...(options.onError ? { onError: options.onError } : {}) });
  open.push(table);
  return { ...docs, host, table, source, writes };
}

const body = (host: ExcelHost) => host.readTable('SamplanIndikatorer').rows;

describe('pullIndicatorTable', () => {
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
    AT.setTime(START.getTime());
  });

  it('inserts a table with headers, typed values, "no value" as an empty cell, and text kept as text', async () => {
    const { host, table } = await pulled();
    const snap = host.readTable('SamplanIndikatorer');
    expect(snap.sheet).toBe('Indikatorer');
    expect(snap.headers).toEqual(['Indikator', 'Enhet', 'Period', 'Kön', 'Värde', 'Täljare', 'Nämnare', 'Måttenhet', 'Mål', 'Mot målet', 'Status', 'Källa', 'Indikatorkod', 'Enhetskod', 'Periodkod', 'Könskod']);
    expect(snap.rows).toEqual([
      ['FaR uppföljda efter 6 månader', 'vc-rinkeby', '2025', 'Totalt', 50, 30, 60, 'procent', 60, 'På väg', 'Definitiv', '', 'far-6man', 'vc-rinkeby', '2025', 'T'],
      ['FaR uppföljda efter 6 månader', 'vc-tensta', '2025', 'Totalt', 75, 45, 60, 'procent', 60, 'Uppnått', 'Preliminär', '', 'far-6man', 'vc-tensta', '2025', 'T'],
      ['Hälsosamtal', '0180', '2025', 'Totalt', '', '', '', 'antal', '', '', '', '', 'halsosamtal', '0180', '2025', 'T'],
    ]);
    expect(table.rowCount).toBe(3);
  });

  it('formats numbers and keeps periods and unit codes as text', async () => {
    const { host } = await pulled();
    const formats = await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Indikatorer').getRange('A6:P6');
      range.load('numberFormat');
      await context.sync();
      return range.numberFormat[0];
    });
    expect(formats?.[2]).toBe('@');
    expect(formats?.[4]).toBe('General');
    expect(formats?.[5]).toBe('#,##0');
  });

  it('shows counts as integers and values and targets to the indicator\'s decimals, never 8.0 or 60.0', async () => {
    const docs = indicatorDocs([
      { indicator: 'far-6man', unit: 'vc-rinkeby', period: '2025', kon: 'T', numerator: 5, denominator: 21, status: 'definitiv' },
      { indicator: 'halsosamtal', unit: '0180', period: '2025', kon: 'T', value: 8.4 },
      { indicator: 'halsosamtal', unit: '0127', period: '2025', kon: 'T', value: 1234 },
    ]);
    const host = createWorkbook({ sheets: ['Mitt blad'] });
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    open.push(await pullIndicatorTable((batch) => host.run(batch), source, { filter: { units: [] }, lang: 'sv', coalesceMs: 5, now: () => new Date(AT) }));
    // Value, numerator, denominator and target as the sheet shows them (Excel puts the reader's separators in).
    const shown = (row: number) => [4, 5, 6, 8].map((c) => host.readText('Indikatorer', `${String.fromCharCode(65 + c)}${row}`)[0]![0]);
    expect([shown(6), shown(7), shown(8)]).toEqual([
      ['23.8', '5', '21', '60'],
      ['1234', '', '', ''],
      ['8', '', '', ''],
    ]);
  });

  it('shows a title, when it was last updated and how many rows validation left out', async () => {
    const { host, table } = await pulled();
    expect(host.read('Indikatorer', 'A1:A3').map((r) => r[0])).toEqual([
      'Samplan – indikatorer (skrivskyddad; uppdateras medan Samplan-fönstret är öppet)',
      'Senast uppdaterad: 2026-11-25 14:05',
      'Validerad: 1 rad med fel utelämnade (okänd indikator 1).',
    ]);
    expect(table.leftOut).toBe(1);
    expect(table.lastUpdated).toEqual(AT);
  });

  it('speaks English when asked', async () => {
    const { host } = await pulled({ lang: 'en' });
    expect(host.read('Indicators', 'A2:A3').map((r) => r[0])).toEqual(['Last updated: 2026-11-25 14:05', 'Validated: 1 row with errors left out (unknown indicator 1).']);
    expect(host.readTable('SamplanIndikatorer').headers[9]).toBe('Against target');
  });

  it('protects the sheet: a user edit is refused', async () => {
    const { host } = await pulled();
    expect(host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
    expect(() => host.user.type('Indikatorer', 'F6', 99)).toThrow(/protected/);
    expect(body(host)[0]?.[4]).toBe(50);
  });

  it('writes a remote change of a value into the sheet in exactly one sync, only that row', async () => {
    const { host, values, writes } = await pulled();
    const before = host.syncCount;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 42);
    await until(() => body(host)[0]?.[4] === 70);
    await new Promise((r) => setTimeout(r, 30));
    expect(host.syncCount - before).toBe(1);
    // Value, numerator and status against target: three cells of one row.
    expect(writes).toEqual([{ cells: 3, deletes: 0, inserts: 0 }]);
    expect(body(host)[0]).toEqual(['FaR uppföljda efter 6 månader', 'vc-rinkeby', '2025', 'Totalt', 70, 42, 60, 'procent', 60, 'Uppnått', 'Definitiv', '', 'far-6man', 'vc-rinkeby', '2025', 'T']);
    expect(host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
  });

  it('patches a changed row in place: the table is not built again for a change of numbers', async () => {
    const { host, values, source } = await pulled();
    let builds = 0;
    const current = source.current.bind(source);
    source.current = (filter) => (builds++, current(filter));
    setCell(values.coordinator, values.ids[1] as string, 'denominator', 90);
    await until(() => body(host)[1]?.[4] === 50);
    setCell(values.coordinator, values.ids[1] as string, 'status', 'definitiv');
    await until(() => body(host)[1]?.[10] === 'Definitiv');
    expect(builds).toBe(0);
    expect(body(host)[1]).toEqual(['FaR uppföljda efter 6 månader', 'vc-tensta', '2025', 'Totalt', 50, 45, 90, 'procent', 60, 'På väg', 'Definitiv', '', 'far-6man', 'vc-tensta', '2025', 'T']);
  });

  it('leaves a row out when a changed number makes it wrong, and shows it again once it is right', async () => {
    const { host, values } = await pulled();
    setCell(values.coordinator, values.ids[0] as string, 'numerator', -5);
    await until(() => body(host).length === 2);
    expect(body(host).map((r) => r[13])).toEqual(['vc-tensta', '0180']);
    expect(host.read('Indikatorer', 'A3:A3')[0]?.[0]).toMatch(/^Validerad: 2 rader med fel utelämnade/);
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 6);
    await until(() => body(host).length === 3);
    expect(body(host)[0]?.slice(1, 6)).toEqual(['vc-rinkeby', '2025', 'Totalt', 10, 6]);
    expect(host.read('Indikatorer', 'A3:A3')[0]?.[0]).toBe('Validerad: 1 rad med fel utelämnade (okänd indikator 1).');
  });

  it('builds the table anew when a key changes: the row moves to its sorted place', async () => {
    const { host, values } = await pulled();
    setCell(values.coordinator, values.ids[0] as string, 'unit', 'vc-tensta');
    setCell(values.coordinator, values.ids[0] as string, 'period', '2026');
    await until(() => body(host)[1]?.[2] === '2026');
    expect(body(host).map((r) => `${r[13]} ${r[14]}`)).toEqual(['vc-tensta 2025', 'vc-tensta 2026', '0180 2025']);
  });

  it('costs the workbook nothing when a change leaves the shown rows as they are', async () => {
    const { host, values } = await pulled({ units: ['vc-tensta'] });
    const before = host.syncCount;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    await new Promise((r) => setTimeout(r, 40));
    expect(host.syncCount).toBe(before);
  });

  it('refresh() writes at once and moves "last updated" even when nothing changed', async () => {
    const { host, table } = await pulled();
    const before = host.syncCount;
    const later = new Date(2026, 10, 25, 15, 30);
    AT.setTime(later.getTime());
    await table.refresh();
    expect(host.syncCount - before).toBe(1);
    expect(host.read('Indikatorer', 'A2:A2')[0]?.[0]).toBe('Senast uppdaterad: 2026-11-25 15:30');
    expect(table.lastUpdated.getTime()).toBe(later.getTime());
  });

  it('coalesces a burst of changes into one write', async () => {
    const { host, values } = await pulled();
    const before = host.syncCount;
    values.coordinator.transact(() => setCell(values.coordinator, values.ids[0] as string, 'numerator', 10));
    setCell(values.coordinator, values.ids[1] as string, 'numerator', 20);
    setCell(values.coordinator, values.ids[1] as string, 'denominator', 40);
    await until(() => body(host)[1]?.[4] === 50);
    expect(host.syncCount - before).toBe(1);
    // 10 of 60 is 16.67 %: the sheet holds it to the indicator's one decimal.
    expect(body(host)[0]?.[4]).toBe(16.7);
  });

  it('grows the table when rows appear and shrinks it when they disappear, keeping the order', async () => {
    const { host, values } = await pulled();
    insertRow(values.coordinator, { indicator: 'far-6man', unit: 'vc-sollentuna', period: '2025', kon: 'T', numerator: 1, denominator: 2 });
    await until(() => body(host).length === 4);
    expect(body(host).map((r) => r[13])).toEqual(['vc-rinkeby', 'vc-sollentuna', 'vc-tensta', '0180']);
    expect(body(host)[1]?.[4]).toBe(50);
    deleteRow(values.coordinator, values.ids[0] as string);
    deleteRow(values.coordinator, values.ids[2] as string);
    await until(() => body(host).length === 2);
    expect(body(host).map((r) => r[13])).toEqual(['vc-sollentuna', 'vc-tensta']);
    expect(host.read('Indikatorer', 'A8:P8')[0]?.every((v) => v === '')).toBe(true);
  });

  it('leaves a row out once it has an error, and says so', async () => {
    const { host, values } = await pulled();
    setCell(values.coordinator, values.ids[1] as string, 'indicator', 'finns-inte');
    await until(() => body(host).length === 2);
    expect(host.read('Indikatorer', 'A3:A3')[0]?.[0]).toBe('Validerad: 2 rader med fel utelämnade (okänd indikator 2).');
  });

  it('keeps one blank row when no row matches, and fills it when one does', async () => {
    const { host, values } = await pulled({ units: ['vc-kista'] });
    expect(body(host)).toEqual([new Array(16).fill('')]);
    insertRow(values.coordinator, { indicator: 'halsosamtal', unit: 'vc-kista', period: '2025Q1', kon: 'K', value: 12 });
    await until(() => body(host)[0]?.[12] === 'halsosamtal');
    expect(body(host)).toHaveLength(1);
    expect(body(host)[0]?.slice(1, 5)).toEqual(['vc-kista', '2025 kv 1', 'Kvinnor', 12]);
  });

  it('follows catalog changes: a new target changes the status against it', async () => {
    const { host, catalog } = await pulled();
    setCell(catalog.coordinator, catalog.ids[0] as string, 'target', 80);
    await until(() => body(host)[1]?.[8] === 80);
    expect(body(host)[1]?.[9]).toBe('På väg');
  });

  it('replaces the table of an earlier pull with the same name', async () => {
    const { host, catalog, values } = await pulled();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    const again = await pullIndicatorTable((batch) => host.run(batch), source, { filter: { units: ['vc-tensta'] }, lang: 'sv', now: () => AT });
    open.push(again);
    expect(host.snapshot().tables).toHaveLength(1);
    expect(body(host).map((r) => r[13])).toEqual(['vc-tensta']);
  });

  it('waits out cell-edit mode: a refused write is tried again and the table written anew', async () => {
    const errors: unknown[] = [];
    const { host, values } = await pulled({ onError: (e) => errors.push(e) });
    host.user.enterEditMode('Mitt blad', 'B2');
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 42);
    await until(() => errors.length > 0);
    expect(body(host)[0]?.[4]).toBe(50);
    host.user.exitEditMode();
    await until(() => body(host)[0]?.[4] === 70);
    expect(host.snapshot().tables).toHaveLength(1);
    expect(host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
  });

  it('stops following the source after dispose', async () => {
    const { host, table, values } = await pulled();
    await table.dispose();
    const before = host.syncCount;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(host.syncCount).toBe(before);
    expect(body(host)[0]?.[4]).toBe(50);
  });
});

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { insertRow, setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource, type IndicatorTableSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { columnIndex } from '../../../addin/indicators/pulled-layout.js';
import { liveUnitNames } from '../../../addin/indicators/unit-names.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { SFH_INDICATORS } from '../../../shared/catalog/indicators.js';
import { linkedDocs } from './fixture.js';

const open: PulledTable[] = [];
const UNITS = [
  { code: 'vc-alby', name: 'Alby vårdcentral', parent: 'region' },
  { code: 'vc-tensta', name: 'Tensta vårdcentral', parent: 'region' },
];
const SFH12 = SFH_INDICATORS[11]!;

/** A source that counts how often the whole table is built. */
function counted(source: IndicatorTableSource): IndicatorTableSource & { builds: number } {
  const wrapped = {
    builds: 0,
    current: (filter?: Parameters<IndicatorTableSource['current']>[0]) => {
      wrapped.builds++;
      return source.current(filter);
    },
    definitions: () => source.definitions(),
    subscribe: (cb: Parameters<IndicatorTableSource['subscribe']>[0]) => source.subscribe(cb),
    rowNow: (id: string, filter?: Parameters<IndicatorTableSource['current']>[0]) => source.rowNow!(id, filter),
  };
  return wrapped;
}

async function pulled(lang: 'sv' | 'en' = 'sv') {
  // The catalog names a clinic indicator; SKR's goal 12 is listed without a name.
  const catalog = linkedDocs('indicator-catalog', [
    { id: 'far-6man', name: 'FaR uppföljda efter 6 månader', unitOfMeasure: 'procent', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100, direction: 'higher' },
    { id: SFH12.id, unitOfMeasure: 'procent', direction: SFH12.direction },
  ]);
  const values = linkedDocs('indicator-values', [
    { indicator: 'far-6man', unit: 'vc-alby', period: '2025Q4', kon: 'T', numerator: 30, denominator: 60 },
    { indicator: 'far-6man', unit: 'vc-tensta', period: '2025Q4', kon: 'K', numerator: 45, denominator: 60 },
    { indicator: SFH12.id, unit: 'vc-alby', period: '2025', kon: 'T', value: 41 },
  ]);
  const host = createWorkbook({ sheets: ['Blad1'] });
  const units = liveUnitNames(UNITS);
  const source = counted(docIndicatorSource([catalog.manager], [values.manager]));
  const table = await pullIndicatorTable((batch) => host.run(batch), source, { filter: {}, lang, units, coalesceMs: 5 });
  open.push(table);
  return { host, units, source, table, catalog, values };
}

const body = (host: ExcelHost) => host.readTable('SamplanIndikatorer').rows;
const column = (host: ExcelHost, id: string) => body(host).map((r) => r[columnIndex(id)]);

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a pulled indicator table in names', () => {
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('shows indicator and unit names, periods and kön in words, and keeps the codes in hidden columns', async () => {
    const { host } = await pulled();
    expect(column(host, 'indicator')).toEqual(['FaR uppföljda efter 6 månader', 'FaR uppföljda efter 6 månader', SFH12.name.sv]);
    expect(column(host, 'unit')).toEqual(['Alby vårdcentral', 'Tensta vårdcentral', 'Alby vårdcentral']);
    expect(column(host, 'period')).toEqual(['2025 kv 4', '2025 kv 4', '2025']);
    expect(column(host, 'kon')).toEqual(['Totalt', 'Kvinnor', 'Totalt']);
    expect(body(host).map((r) => r.slice(columnIndex('indicatorCode')))).toEqual([
      ['far-6man', 'vc-alby', '2025Q4', 'T'],
      ['far-6man', 'vc-tensta', '2025Q4', 'K'],
      [SFH12.id, 'vc-alby', '2025', 'T'],
    ]);
    const hidden = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Indikatorer');
      const ranges = Array.from({ length: 16 }, (_, c) => sheet.getRangeByIndexes(4, c, 1, 1).load('columnHidden'));
      await context.sync();
      return ranges.map((r) => r.columnHidden);
    });
    expect(hidden).toEqual([...new Array<boolean>(12).fill(false), true, true, true, true]);
  });

  it('speaks English: SKR’s names from the shared catalog, periods as "2025 Q4"', async () => {
    const { host } = await pulled('en');
    expect(column(host, 'indicator')[2]).toBe(SFH12.name.en);
    expect(column(host, 'period')[0]).toBe('2025 Q4');
    expect(column(host, 'kon')[1]).toBe('Women');
  });

  it('follows a renamed unit by rewriting only that unit’s name cells, in one sync, without building the table again', async () => {
    const { host, units, source } = await pulled();
    const builds = source.builds;
    const syncs = host.syncCount;
    units.set([{ ...UNITS[0]!, name: 'Alby hälsocentral' }, UNITS[1]!]);
    await until(() => column(host, 'unit')[0] === 'Alby hälsocentral');
    expect(column(host, 'unit')).toEqual(['Alby hälsocentral', 'Tensta vårdcentral', 'Alby hälsocentral']);
    expect(column(host, 'unitCode')).toEqual(['vc-alby', 'vc-tensta', 'vc-alby']);
    expect(host.syncCount - syncs).toBe(1);
    expect(source.builds).toBe(builds);
  });

  it('follows a renamed indicator in the catalog in place, without building the table again', async () => {
    const { host, catalog, source } = await pulled();
    const builds = source.builds;
    const syncs = host.syncCount;
    setCell(catalog.coordinator, catalog.ids[0] as string, 'name', 'FaR följda upp efter ett halvår');
    await until(() => column(host, 'indicator')[0] === 'FaR följda upp efter ett halvår');
    expect(column(host, 'indicator')).toEqual(['FaR följda upp efter ett halvår', 'FaR följda upp efter ett halvår', SFH12.name.sv]);
    expect(column(host, 'indicatorCode')).toEqual(['far-6man', 'far-6man', SFH12.id]);
    expect(host.syncCount - syncs).toBe(1);
    expect(source.builds).toBe(builds);
  });

  it('still builds the table anew when the catalog changes more than names', async () => {
    const { host, catalog, values, source } = await pulled();
    const builds = source.builds;
    insertRow(values.coordinator, { indicator: 'far-6man', unit: 'vc-tensta', period: '2025Q3', kon: 'T', numerator: 1, denominator: 2 });
    setCell(catalog.coordinator, catalog.ids[0] as string, 'target', 60);
    await until(() => body(host).length === 4);
    expect(source.builds).toBeGreaterThan(builds);
    expect(column(host, 'period')).toContain('2025 kv 3');
  });
});

/**
 * A pulled table written anew — after a write Excel refused (cell-edit mode), or pulled again
 * under the same name — keeps its Excel table. Deleting and re-making it turned every formula of
 * the manager's that names it (`=SUMMA(SamplanIndikatorer[Värde])`) into `#REF!`, and dropped what
 * the manager set on it (its style). The table grows or shrinks to the rows instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

const NAME = 'SamplanIndikatorer';
const open: PulledTable[] = [];

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The table's id and style, as a manager's formula and formatting see it. */
async function identity(host: ExcelHost): Promise<{ id: string; style: string }> {
  return host.run(async (context) => {
    const table = context.workbook.tables.getItem(NAME).load(['id', 'style']);
    await context.sync();
    return { id: table.id, style: table.style };
  });
}

async function setStyle(host: ExcelHost, style: string): Promise<void> {
  await host.run(async (context) => {
    context.workbook.tables.getItem(NAME).style = style;
    await context.sync();
  });
}

async function pulled(units: string[] = [], onError?: (e: unknown) => void) {
  const docs = indicatorDocs();
  const host = createWorkbook({ sheets: ['Mitt blad'] });
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const table = await pullIndicatorTable((b) => host.run(b), source, { filter: { units }, lang: 'sv', coalesceMs: 5, retryMs: 20, ...(onError ? { onError } : {}) });
  open.push(table);
  return { ...docs, host, source };
}

const body = (host: ExcelHost) => host.readTable(NAME).rows;

describe('a pulled table written anew', () => {
  afterEach(async () => {
    for (const t of open.splice(0)) await t.dispose();
  });

  it('after a write refused in cell-edit mode keeps its table, shrunk to the rows now shown', async () => {
    const errors: unknown[] = [];
    const { host, values } = await pulled([], (e) => errors.push(e));
    await setStyle(host, 'TableStyleLight9');
    const before = await identity(host);
    expect(body(host)).toHaveLength(3);
    host.user.enterEditMode('Mitt blad', 'B2');
    // The row becomes wrong while the write cannot be made: it is left out of the rewrite.
    setCell(values.coordinator, values.ids[0] as string, 'numerator', -5);
    await until(() => errors.length > 0);
    host.user.exitEditMode();
    await until(() => body(host).length === 2);
    expect(await identity(host)).toEqual(before);
    expect(body(host).map((r) => r[13])).toEqual(['vc-tensta', '0180']);
    expect(host.snapshot().tables).toHaveLength(1);
    expect(host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
  });

  it('pulled again under the same name keeps its table, shrunk or grown to the new rows', async () => {
    const { host, catalog, values } = await pulled();
    await setStyle(host, 'TableStyleLight9');
    const before = await identity(host);
    const again = (units: string[]) => pullIndicatorTable((b) => host.run(b), docIndicatorSource([catalog.manager], [values.manager]), { filter: { units }, lang: 'sv' });
    open.push(await again(['vc-tensta']));
    expect(body(host).map((r) => r[13])).toEqual(['vc-tensta']);
    expect(await identity(host)).toEqual(before);
    open.push(await again([]));
    expect(body(host).map((r) => r[13])).toEqual(['vc-rinkeby', 'vc-tensta', '0180']);
    open.push(await again(['vc-ingen']));
    expect(body(host)).toEqual([new Array(16).fill('')]);
    expect(await identity(host)).toEqual(before);
    expect(host.snapshot().tables).toHaveLength(1);
  });

  it('pulled to another sheet while the table of that name stands on an earlier pull’s protected sheet, moves there', async () => {
    const { host, catalog, values } = await pulled();
    expect(host.snapshot().sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
    // Table names are workbook-wide: the earlier table on the protected sheet must go first.
    const moved = await pullIndicatorTable((b) => host.run(b), docIndicatorSource([catalog.manager], [values.manager]), { filter: { units: ['vc-tensta'] }, lang: 'sv', sheetName: 'Tensta', move: true });
    open.push(moved);
    expect(host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([[NAME, 'Tensta']]);
    expect(body(host).map((r) => r[13])).toEqual(['vc-tensta']);
    const sheets = host.snapshot().sheets;
    expect(sheets.find((s) => s.name === 'Tensta')?.protected).toBe(true);
    // The earlier sheet stays read-only, as Samplan left it.
    expect(sheets.find((s) => s.name === 'Indikatorer')?.protected).toBe(true);
  });
});

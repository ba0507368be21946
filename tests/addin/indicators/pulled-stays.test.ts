/**
 * A pulled table stays where it is once placed. A manager's own "Indikatorer" sheet sent the pull
 * to "Indikatorer (2)"; the manager deleted the own sheet, and the next pull from the dialog moved
 * the table back to a new "Indikatorer" (deleted and made anew: a formula naming it became
 * `#REF!`). A manager who renamed the pulled table or its sheet got a second copy on a new sheet
 * at the next update, or on opening the pane again, the renamed one left with its old figures
 * under "uppdateras medan Samplan-fönstret är öppet". The pull now follows its Excel table (by its
 * id, kept in the workbook setting) onto whatever sheet and under whatever name it stands.
 */
import { describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { IndicatorPullController } from '../../../addin/indicators/indicator-pull-controller.js';
import { PULL_SETTING } from '../../../addin/indicators/remembered-pulls.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { until } from '../taskpane/support.js';
import { indicatorDocs } from './fixture.js';

type Docs = ReturnType<typeof indicatorDocs>;

/** The pane's pull controller over the manager's replicas. */
function pane(docs: Docs) {
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  return new IndicatorPullController(host, () => ({ source, whenSynced: () => Promise.resolve(), destroy: async () => source.dispose() }), {
    api: () => null,
    workspace: () => 'hbi-stockholm',
    units: () => [],
  });
}

/** The Excel table's id and the sheet it stands on, by the table's name now. */
const where = (excel: ExcelHost, name: string) =>
  excel.run(async (context) => {
    const table = context.workbook.tables.getItem(name).load('id');
    const sheet = table.getRange().worksheet.load('name');
    await context.sync();
    return { id: table.id, sheet: sheet.name };
  });

/** What the manager does in Excel, on the sheet `sheet`: unprotect, do `change`, protect again. */
const byHand = (excel: ExcelHost, sheet: string, change: (context: Excel.RequestContext) => void) =>
  excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.protection.unprotect();
    change(context);
    await context.sync();
    ws.protection.protect({ allowAutoFilter: true });
    await context.sync();
  });

/** Numerator (column F) by unit code (column N) of the table named `name`. */
const numerators = (excel: ExcelHost, name: string) => Object.fromEntries(excel.readTable(name).rows.map((r) => [r[13], r[5]]));
const tables = (excel: ExcelHost) => excel.snapshot().tables.map((t) => [t.name, t.sheet]);
const sheets = (excel: ExcelHost) => excel.snapshot().sheets.map((s) => s.name);

function workbookWithOwnSheet() {
  const excel = createWorkbook({ sheets: ['Översikt', 'Indikatorer'] });
  excel.user.paste('Indikatorer', 'A1', [['Mina anteckningar inför styrgruppen']]);
  const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
  return { excel, run };
}

describe('a pulled table once placed', () => {
  it('stays on "Indikatorer (2)" when the manager deletes the own "Indikatorer" sheet and pulls again from the dialog', async () => {
    const docs = indicatorDocs();
    const { excel, run } = workbookWithOwnSheet();
    const first = pane(docs);
    expect((await first.pull(run, {}, { lang: 'sv', coalesceMs: 5 })).sheetName).toBe('Indikatorer (2)');
    const placed = await where(excel, 'SamplanIndikatorer');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Indikatorer').delete();
      await context.sync();
    });
    // The dialog again, this session (the live table is replaced) and in a pane opened anew.
    const again = await first.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    expect(again.sheetName).toBe('Indikatorer (2)');
    expect(await where(excel, 'SamplanIndikatorer')).toEqual(placed);
    await first.close();
    const next = pane(docs);
    expect((await next.pull(run, {}, { lang: 'sv', coalesceMs: 5 })).sheetName).toBe('Indikatorer (2)');
    expect(await where(excel, 'SamplanIndikatorer')).toEqual(placed);
    expect(sheets(excel)).toEqual(['Översikt', 'Indikatorer (2)']);
    expect(excel.snapshot().settings[`${PULL_SETTING}SamplanIndikatorer`]).toContain('"sheetName":"Indikatorer (2)"');
    await next.close();
  });

  it('follows its table renamed by the manager while live: the same table is updated, no copy is made', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook({ sheets: ['Översikt'] });
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const live = pane(docs);
    const pulled = await live.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5, retryMs: 20 });
    const placed = await where(excel, 'SamplanIndikatorer');
    await byHand(excel, 'Indikatorer', (context) => void (context.workbook.tables.getItem('SamplanIndikatorer').name = 'MinaSiffror'));
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 50);
    await until(() => numerators(excel, 'MinaSiffror')['vc-tensta'] === 50);
    expect(tables(excel)).toEqual([['MinaSiffror', 'Indikatorer']]);
    expect(await where(excel, 'MinaSiffror')).toEqual(placed);
    expect(pulled.sheetName).toBe('Indikatorer');
    // Pulled again from the dialog: the same table, still under the manager's name.
    await live.pull(run, { units: ['vc-tensta', 'vc-rinkeby'] }, { lang: 'sv', coalesceMs: 5 });
    expect(tables(excel)).toEqual([['MinaSiffror', 'Indikatorer']]);
    expect(Object.keys(numerators(excel, 'MinaSiffror'))).toEqual(['vc-rinkeby', 'vc-tensta']);
    await live.close();
  });

  it('follows its sheet renamed by the manager while live, and says the new name', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook({ sheets: ['Översikt'] });
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const live = pane(docs);
    const pulled = await live.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5, retryMs: 20 });
    const placed = await where(excel, 'SamplanIndikatorer');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Indikatorer').name = 'Styrgrupp';
      await context.sync();
    });
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 50);
    await until(() => numerators(excel, 'SamplanIndikatorer')['vc-tensta'] === 50);
    expect(await where(excel, 'SamplanIndikatorer')).toEqual({ ...placed, sheet: 'Styrgrupp' });
    expect(sheets(excel)).toEqual(['Översikt', 'Styrgrupp']);
    expect(pulled.sheetName).toBe('Styrgrupp');
    await live.close();
  });

  it('stops, and says so, when the manager makes the live table a plain range: no copy is written elsewhere', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook({ sheets: ['Översikt'] });
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const live = pane(docs);
    const errors: unknown[] = [];
    const pulled = await live.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5, retryMs: 20, onError: (e) => void errors.push(e) });
    await byHand(excel, 'Indikatorer', (context) => void context.workbook.tables.getItem('SamplanIndikatorer').convertToRange());
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 50);
    await until(() => pulled.stopped !== null);
    expect(pulled.stopped).toBe('Tabellen "SamplanIndikatorer" finns inte längre i arbetsboken (borttagen, eller gjord till ett vanligt område), så Samplan skriver ingen ny. Hämta tabellen igen för att få en uppdaterad.');
    expect(errors.map((e) => (e as Error).message)).toEqual([pulled.stopped]);
    await new Promise((r) => setTimeout(r, 60));
    expect(tables(excel)).toEqual([]);
    expect(sheets(excel)).toEqual(['Översikt', 'Indikatorer']);
    expect(live.pulled).toEqual([]);
    await live.close();
  });

  it('is taken up again on opening the pane after the manager renamed the table and its sheet while it was closed', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook({ sheets: ['Översikt'] });
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = pane(docs);
    await first.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    await first.close();
    const placed = await where(excel, 'SamplanIndikatorer');
    await byHand(excel, 'Indikatorer', (context) => {
      context.workbook.tables.getItem('SamplanIndikatorer').name = 'MinaSiffror';
      context.workbook.worksheets.getItem('Indikatorer').name = 'Styrgrupp';
    });
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 50);
    const again = pane(docs);
    const resumed = await again.resume(run, { lang: 'sv', coalesceMs: 5 });
    expect(resumed.map((t) => t.sheetName)).toEqual(['Styrgrupp']);
    expect(numerators(excel, 'MinaSiffror')).toEqual({ 'vc-tensta': 50 });
    expect(await where(excel, 'MinaSiffror')).toEqual({ ...placed, sheet: 'Styrgrupp' });
    expect(tables(excel)).toEqual([['MinaSiffror', 'Styrgrupp']]);
    expect(sheets(excel)).toEqual(['Översikt', 'Styrgrupp']);
    expect(excel.snapshot().settings).toHaveProperty(`${PULL_SETTING}SamplanIndikatorer`);
    await again.close();
  });
});

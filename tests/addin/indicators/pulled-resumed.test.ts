/**
 * A pulled table's title says it updates while the Samplan pane is open. Closed and opened again
 * (the next day, Excel restarted), the pane did not take the table up again: it kept last week's
 * figures under that title, with nothing said. The pull is now remembered in the workbook and the
 * pane opened again makes it live again, with the filter and on the sheet it was pulled with.
 */
import { describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { IndicatorPullController } from '../../../addin/indicators/indicator-pull-controller.js';
import { PULL_SETTING } from '../../../addin/indicators/remembered-pulls.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

type Docs = ReturnType<typeof indicatorDocs>;

/** The pane's pull controller over the manager's replicas, signed in to `workspace`. */
function pane(docs: Docs, workspace = 'hbi-stockholm') {
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  return new IndicatorPullController(host, () => ({ source, whenSynced: () => Promise.resolve(), destroy: async () => source.dispose() }), {
    api: () => null,
    workspace: () => workspace,
    units: () => [],
  });
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Numerator (column F) by unit code (column N) of the pulled table. */
const numerators = (excel: ExcelHost) => Object.fromEntries(excel.readTable('SamplanIndikatorer').rows.map((r) => [r[13], r[5]]));

describe('a pulled table when the pane is opened again', () => {
  it('is live again with its filter and on its sheet; the closed pane had left it as it was', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook({ sheets: ['Indikatorer'] });
    excel.user.paste('Indikatorer', 'A1', [['Mina egna siffror']]);
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = pane(docs);
    const pulled = await first.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    expect(pulled.sheetName).toBe('Indikatorer (2)');
    expect(numerators(excel)).toEqual({ 'vc-tensta': 45 });
    // The pane closes; Tensta's figure changes meanwhile.
    await first.close();
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 50);
    await new Promise((r) => setTimeout(r, 30));
    expect(numerators(excel)).toEqual({ 'vc-tensta': 45 });
    // Opened again: the table is taken up again, and follows the next change too.
    const again = pane(docs);
    const resumed = await again.resume(run, { lang: 'sv', coalesceMs: 5 });
    expect(resumed.map((t) => [t.tableName, t.sheetName])).toEqual([['SamplanIndikatorer', 'Indikatorer (2)']]);
    expect(numerators(excel)).toEqual({ 'vc-tensta': 50 });
    setCell(docs.values.coordinator, docs.values.ids[1] as string, 'numerator', 51);
    await until(() => numerators(excel)['vc-tensta'] === 51);
    expect(excel.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([['SamplanIndikatorer', 'Indikatorer (2)']]);
    expect(excel.read('Indikatorer', 'A1')[0]?.[0]).toBe('Mina egna siffror');
    // A second resume leaves the live table alone.
    expect(await again.resume(run, { lang: 'sv' })).toEqual([]);
    await again.close();
  });

  it('takes up nothing, and forgets the pull, when the manager deleted the table', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = pane(docs);
    await first.pull(run, {}, { lang: 'sv' });
    await first.close();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Indikatorer');
      sheet.protection.unprotect();
      context.workbook.tables.getItem('SamplanIndikatorer').delete();
      await context.sync();
    });
    expect(excel.snapshot().settings).toHaveProperty(`${PULL_SETTING}SamplanIndikatorer`);
    expect(await pane(docs).resume(run, { lang: 'sv' })).toEqual([]);
    expect(excel.snapshot().tables).toEqual([]);
    expect(excel.snapshot().settings).not.toHaveProperty(`${PULL_SETTING}SamplanIndikatorer`);
  });

  it('takes up nothing pulled from another workspace', async () => {
    const docs = indicatorDocs();
    const excel = createWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = pane(docs, 'hbi-jonkoping');
    await first.pull(run, {}, { lang: 'sv' });
    await first.close();
    const other = pane(docs, 'hbi-stockholm');
    expect(await other.resume(run, { lang: 'sv' })).toEqual([]);
    await other.close();
  });
});

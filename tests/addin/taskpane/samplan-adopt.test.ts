// @vitest-environment happy-dom
/**
 * "Gör till delat dokument" in the pane, against the Excel emulator: the proposed mapping is
 * shown, one mapping is corrected, the preview and the rows not taken follow, and adopting
 * makes the document and binds the same sheet. Errors are said in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { adoptInPlace } from '../../../addin/excel/adopt/adopt.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import type { ExcelRun, TableBinding } from '../../../addin/excel/sheet/types.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import type { AdoptRequest } from '../../../addin/taskpane/samplan-adopt.js';
import '../../../addin/taskpane/samplan-adopt.js';
import { $, $$, mount, until } from './support.js';
import { FITTJA_PLAN, FITTJA_SHEET } from '../../support/fittja-plan.js';

const SHEET = FITTJA_SHEET;
const ORIGINAL = FITTJA_PLAN;

const bindings: TableBinding[] = [];
afterEach(async () => {
  for (const b of bindings.splice(0)) await b.dispose();
  document.body.innerHTML = '';
});

async function workbook(values: (string | number)[][] = ORIGINAL) {
  const host = createWorkbook({ sheets: ['Annat', SHEET] });
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(SHEET);
    if (values.length > 0) sheet.getRangeByIndexes(0, 0, values.length, values[0]!.length).values = values;
    sheet.getRange('B5').select();
    await context.sync();
  });
  const run: ExcelRun = (batch) => host.run(batch);
  return { host, run };
}

const selects = (el: HTMLElement) => $$<HTMLSelectElement>(el, 'select.mapping');
function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('<samplan-adopt>', () => {
  it('shows the proposed mapping, takes a correction, and adopting binds the same sheet to the new document', async () => {
    const { host, run } = await workbook();
    const doc = createDoc('activity-plan', { title: 'Plan 2025', ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
    const requests: AdoptRequest[] = [];
    const adopt = async (request: AdoptRequest) => {
      requests.push(request);
      const adopted = await adoptInPlace(run, doc, request.plan, request.grid, { docId: 'plan-test', lang: 'sv', sheetName: request.sheetName });
      bindings.push(adopted.binding);
    };
    const el = await mount('samplan-adopt', { lang: 'sv', run, adopt });
    await until(() => selects(el).length === 8, 5000);

    expect(selects(el).map((s) => s.value)).toEqual(['startDate', 'title', 'participantsPlanned', 'goals.motivation', 'goals.health-information', '', 'responsible', '']);
    expect($(el, 'ul.left')?.textContent).toMatch(/Rad 8[\s\S]*summerad rad/);
    expect($(el, 'ul.preview')?.textContent).not.toMatch(/ta med fika/);

    choose(selects(el)[5]!, 'comment'); // "Min anteckning" is the comment
    await el.updateComplete;
    expect($(el, 'ul.preview')?.textContent).toMatch(/ta med fika/);
    expect($(el, 'ul.preview')?.textContent).toMatch(/Rad 6/);

    $(el, '#adopt')!.click();
    await until(() => requests.length === 1 && bindings.length === 1, 10_000);
    expect(requests[0]!.sheetName).toBe(SHEET);
    expect(requests[0]!.plan.header.mapping[5]).toBe('comment');
    expect(rowsOf(doc).map((r) => [r.values.title, r.values.comment ?? null])).toEqual([
      ['Promenadgrupp', 'ta med fika'],
      ['Hälsodag', null],
    ]);
    const table = host.readTable(layoutFor('activity-plan', 'plan-test', 'sv').tableName);
    expect(table.sheet).toBe(SHEET);
    expect(bindings[0]!.sheetName).toBe(SHEET);
  });

  it('moves a document column chosen twice to the last choice, and refuses when no column is mapped', async () => {
    const { run } = await workbook();
    let adopted = 0;
    const el = await mount('samplan-adopt', { lang: 'en', run, adopt: async () => void adopted++ });
    await until(() => selects(el).length === 8, 5000);
    choose(selects(el)[7]!, 'title');
    await el.updateComplete;
    expect(selects(el)[1]!.value).toBe('');
    for (const s of selects(el)) choose(s, '');
    await el.updateComplete;
    $(el, '#adopt')!.click();
    await el.updateComplete;
    expect($(el, '[role=alert]')?.textContent).toMatch(/No column is mapped/);
    expect(adopted).toBe(0);
  });

  it('says so when the sheet is empty or there is no Excel', async () => {
    const { run } = await workbook([]);
    const el = await mount('samplan-adopt', { lang: 'sv', run, adopt: async () => {} });
    await until(() => $(el, '[role=alert]') !== null, 5000);
    expect($(el, '[role=alert]')?.textContent).toMatch(/Bladet är tomt/);
    expect($(el, '#adopt')).toBeNull();
    const none = await mount('samplan-adopt', { lang: 'en', run: null, adopt: async () => {} });
    await until(() => $(none, '[role=alert]') !== null);
    expect($(none, '[role=alert]')?.textContent).toMatch(/Excel is not connected/);
  });

  it('warns when no header row names a Samplan column, and lets the person map by hand', async () => {
    const { run } = await workbook([
      ['Foo', 'Bar'],
      ['Promenad', 'x'],
    ]);
    const el = await mount('samplan-adopt', { lang: 'en', run, adopt: async () => {} });
    await until(() => selects(el).length === 2, 5000);
    expect(el.shadowRoot?.textContent).toMatch(/Found no header row/);
    choose(selects(el)[0]!, 'title');
    await el.updateComplete;
    expect($(el, 'ul.preview')?.textContent).toMatch(/Promenad/);
  });
});

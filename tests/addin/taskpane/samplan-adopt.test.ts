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
import type { AdoptRequest, SamplanAdopt } from '../../../addin/taskpane/samplan-adopt.js';
import '../../../addin/taskpane/samplan-adopt.js';
import { $, $$, mount, until } from './support.js';
import { z } from 'zod';
import { ApiError } from '../../../addin/taskpane/api-client.js';
import { nameText } from '../../../shared/validate/plain-text.js';
import { validationHook, type AppError } from '../../../server/http/errors.js';
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

  it('shows a title the server refused for an invisible character beside the refusal, the character marked where it is, as the other forms do', async () => {
    const { run } = await workbook();
    // é written as e + U+0301 and an emoji with its skin tone before the character: each counts once.
    const title = 'Cafe\u0301 👍🏽\u200b Plan';
    // The 400 and the ApiError as the server and the client build them for this title (server/http/errors.ts, api-client.ts).
    let thrown: ApiError | null = null;
    try {
      validationHook({ success: false, error: z.object({ title: nameText() }).safeParse({ title }).error });
    } catch (err) {
      const e = err as AppError;
      thrown = new ApiError('server', e.message, 400, e.code, e.details);
    }
    const sent: string[] = [];
    const el = await mount('samplan-adopt', {
      lang: 'sv',
      run,
      adopt: async (request: AdoptRequest) => {
        sent.push(request.title);
        throw thrown;
      },
    });
    await until(() => selects(el).length === 8, 5000);
    const input = $(el, '#title') as HTMLInputElement;
    input.value = ` ${title} `;
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    $(el, '#adopt')!.click();
    await until(() => $(el, '.refused-text') !== null, 5000);
    expect(sent).toEqual([title]);
    // The server's Swedish sentence, not its English message.
    expect($(el, '[role=alert]')?.textContent).toContain('innehåller U+200B (nollbrett mellanslag) som tecken nr 7, vilket inte får finnas i ett namn. Inget har tagits bort');
    expect($(el, '.refused-text')?.textContent).toBe('Cafe\u0301 👍🏽⟨U+200B⟩ Plan');
    expect($(el, '.refused-text mark')?.textContent).toBe('⟨U+200B⟩');
  });

  it('says the server did not answer in the pane’s words, not the browser’s English', async () => {
    const { run } = await workbook();
    const el = await mount('samplan-adopt', {
      lang: 'sv',
      run,
      adopt: async () => {
        throw new ApiError('unreachable', 'Failed to fetch');
      },
    });
    await until(() => selects(el).length === 8, 5000);
    $(el, '#adopt')!.click();
    await until(() => $(el, '[role=alert]') !== null, 5000);
    const shown = $(el, '[role=alert]')?.textContent ?? '';
    expect(shown).toContain('Servern svarar inte');
    expect(shown).not.toContain('Failed to fetch');
  });

  it('asks about a look-alike the server named, as create does: "Skapa en till" sends again with allowDuplicate, "Öppna den" opens the one there is', async () => {
    const { run } = await workbook();
    const existing = { id: 'plan-fittja', title: 'Aktivitetsplan Fittja', kind: 'activity-plan', ownerUnit: 'vc-fittja', updatedAt: null };
    const requests: AdoptRequest[] = [];
    const el = await mount('samplan-adopt', {
      lang: 'sv',
      run,
      units: [{ code: 'vc-fittja', name: 'Fittja vårdcentral', parent: 'sll' }],
      adopt: async (request: AdoptRequest) => {
        requests.push(request);
        return request.allowDuplicate ? null : { twin: existing };
      },
    });
    const opened: unknown[] = [];
    el.addEventListener('samplan-open-document', (e) => opened.push((e as CustomEvent).detail));
    await until(() => selects(el).length === 8, 5000);
    $(el, '#adopt')!.click();
    await until(() => $(el, '#twin') !== null, 5000);
    expect(requests.map((r) => r.allowDuplicate)).toEqual([undefined]);
    expect($(el, '#twin p')?.textContent).toBe('Det finns redan Aktivitetsplan Fittja för Fittja vårdcentral. Öppna den, eller skapa en till?');
    $(el, '#open-existing')!.click();
    expect(opened).toEqual([existing]);
    $(el, '#create-anyway')!.click();
    await until(() => requests.length === 2, 5000);
    expect(requests[1]?.allowDuplicate).toBe(true);
    await until(() => $(el, '#twin') === null, 5000);
  });

  it('reads a date without its year by the period the title names, as a file import does', async () => {
    const { run } = await workbook([
      ['Datum', 'Aktivitet'],
      ['3/1', 'Promenadgrupp'],
      ['15 sep', 'Hälsodag'],
      ['10/1', 'Uppföljning'],
    ]);
    const el = await mount('samplan-adopt', { lang: 'sv', run, adopt: async () => {} });
    await until(() => selects(el).length === 2, 5000);
    const input = $(el, '#title') as HTMLInputElement;
    // The plan the adopt button hands over, for the title typed.
    const adoptAs = async (title: string) => {
      input.value = title;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      const plan = (el as SamplanAdopt).plan!;
      return { starts: plan.rows.map((r) => r.values.startDate ?? null), problems: plan.rows.flatMap((r) => r.problems.filter((p) => p.column === 'startDate').map((p) => p.code)) };
    };
    // A school year runs July to June: 3 January is 2026's. It took the first year the title wrote, 2025.
    expect(await adoptAs('Aktivitetsplan Fittja läsåret 2025/26')).toEqual({ starts: ['2026-01-03', '2025-09-15', '2026-01-10'], problems: [] });
    // Two calendar years: a day of both is refused in words, as the import refuses it, not put in the first.
    const both = await adoptAs('Aktivitetsplan Fittja 2025–2026');
    expect(both.starts).toEqual([null, null, null]);
    expect(both.problems).toEqual(['date-year-ambiguous', 'date-year-ambiguous', 'date-year-ambiguous']);
    // One term: a day outside it is refused rather than put in the term's year.
    const term = await adoptAs('Aktivitetsplan Fittja ht 2025');
    expect(term.starts).toEqual([null, '2025-09-15', null]);
    expect(term.problems).toEqual(['date-outside-plan', 'date-outside-plan']);
  });
});

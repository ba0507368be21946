/**
 * Adopting a sheet when Excel fails: the pane makes the document on the server before it rewrites
 * the sheet, so an Excel error there left an empty document in the workspace that an editor could
 * not delete. Now the pane takes it back (its maker may delete it while no one wrote in it), and
 * says in words when it cannot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptIntoNewDocument, type AdoptContext } from '../../../addin/taskpane/adopt-flow.js';
import { readUsedRange } from '../../../addin/excel/adopt/adopt.js';
import { planAdoption, readHeader } from '../../../addin/excel/adopt/plan.js';
import type { ExcelRun } from '../../../addin/excel/sheet/types.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { AdoptRequest } from '../../../addin/taskpane/samplan-adopt.js';
import { UNTOUCHED_BY_MAKER } from '../../../server/http/maker-may-delete.js';
import { FITTJA_PLAN, FITTJA_SHEET } from '../../support/fittja-plan.js';
import { makeFixture, WS, type Fixture } from '../../server/http/support.js';
import { fakeHost, fakePorts } from './support.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

/** An editor's pane on the in-process server, `refuseDelete` making its DELETE fail on the way. */
async function editorPane(refuseDelete = false) {
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (refuseDelete && init?.method === 'DELETE') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(f.samplan.app.request(String(input), init));
  };
  const api = new SamplanApi('http://samplan.test', f.tokens.editor, fetch);
  const { me, units } = await api.me(WS);
  const host = createWorkbook({ sheets: [FITTJA_SHEET] });
  await host.run(async (context) => {
    context.workbook.worksheets.getItem(FITTJA_SHEET).getRangeByIndexes(0, 0, FITTJA_PLAN.length, 8).values = FITTJA_PLAN;
    await context.sync();
  });
  const run: ExcelRun = (batch) => host.run(batch);
  const grid = await readUsedRange(run, FITTJA_SHEET);
  const plan = planAdoption('activity-plan', grid, readHeader('activity-plan', grid), { docId: 'new', year: 2025 });
  const docs = new DocumentsController(fakeHost(), fakePorts().ports);
  const ctx: AdoptContext = { api, workspace: WS, me, units, lang: 'sv', run, docs, changed: () => {} };
  const request: AdoptRequest = { kind: 'activity-plan', title: 'Aktivitetsplan Fittja', sheetName: FITTJA_SHEET, grid, plan };
  return { api, host, ctx, request, docs };
}

const titles = async (api: SamplanApi): Promise<string[]> => (await api.documents(WS)).map((d) => d.title);

describe('adopting a sheet when Excel fails', () => {
  it('takes back the document it made, so none is left empty in the workspace', async () => {
    const { api, host, ctx, request, docs } = await editorPane();
    const before = await titles(api);
    // The person is typing in a cell: Excel refuses the add-in's syncs.
    host.user.enterEditMode(FITTJA_SHEET, 'J1');
    await expect(adoptIntoNewDocument(ctx, request)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(await titles(api)).toEqual(before);
    expect(docs.docs).toEqual([]);
    const [line] = await f.storage.listAudit(WS, 1);
    expect(line).toMatchObject({ action: 'delete', memberId: 'eda', detail: UNTOUCHED_BY_MAKER });
    host.user.exitEditMode();
    expect(host.read(FITTJA_SHEET, 'A1:H8')).toEqual(request.grid);
  });

  it('says in words that the document is kept when it cannot be taken back', async () => {
    const { api, host, ctx, request } = await editorPane(true);
    host.user.enterEditMode(FITTJA_SHEET, 'J1');
    const failed = await adoptIntoNewDocument(ctx, request).then(
      () => null,
      (err: unknown) => err,
    );
    expect((failed as { words?: { sv: string } }).words?.sv).toMatch(/dokumentet ”Aktivitetsplan Fittja” som skapades för bladet finns kvar i Samplan, tomt$/);
    expect(await titles(api)).toContain('Aktivitetsplan Fittja');
  });
});

describe('adopting a sheet under a title like another document of the unit', () => {
  it('asks first: nothing is made and the sheet is untouched until the person says to make another', async () => {
    const first = await editorPane();
    const made = await adoptIntoNewDocument(first.ctx, first.request);
    expect(made.info?.title).toBe('Aktivitetsplan Fittja');
    const { api, host, ctx, request } = await editorPane();
    const before = await titles(api);
    const asked = await adoptIntoNewDocument(ctx, request);
    // The server's look-alike check ran (no allowDuplicate sent): the one there is, to ask about.
    expect(asked).toEqual({ twin: expect.objectContaining({ id: made.info?.id, title: 'Aktivitetsplan Fittja' }) });
    expect(await titles(api)).toEqual(before);
    expect(host.read(FITTJA_SHEET, 'A1:H8')).toEqual(request.grid);
    // "Skapa en till": sent again with allowDuplicate, and made beside it.
    const again = await adoptIntoNewDocument(ctx, { ...request, allowDuplicate: true });
    expect(again.info?.id).not.toBe(made.info?.id);
    expect((await titles(api)).filter((t) => t === 'Aktivitetsplan Fittja')).toHaveLength(2);
  });

  it('asks before anything is sent when the pane lists an activity plan of the unit, whatever its title, as create does', async () => {
    const { api, host, ctx, request } = await editorPane();
    const known = await api.documents(WS);
    const listed = known.find((d) => d.id === 'plan-a');
    expect(listed).toMatchObject({ kind: 'activity-plan', ownerUnit: 'vc-a' });
    const before = await titles(api);
    // "Aktivitetsplan Fittja" is no look-alike of plan-a's title: only the list can tell.
    const asked = await adoptIntoNewDocument({ ...ctx, known }, request);
    expect(asked).toEqual({ twin: listed });
    expect(await titles(api)).toEqual(before);
    expect(host.read(FITTJA_SHEET, 'A1:H8')).toEqual(request.grid);
    // An archived plan of the unit is not asked about; "Skapa en till" makes it beside the live one.
    const archived = await adoptIntoNewDocument({ ...ctx, known: known.map((d) => (d.id === 'plan-a' ? { ...d, archivedAt: '2026-01-01T00:00:00Z' } : d)) }, request);
    expect(archived.info?.title).toBe('Aktivitetsplan Fittja');
  });
});

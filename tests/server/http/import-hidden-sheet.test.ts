import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook as templates are made: a hidden sheet of dropdown lists first, the plan after it. */
async function templateWorkbook(state: 'hidden' | 'veryHidden'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const lists = wb.addWorksheet('Listor', { state });
  lists.addRow(['Aktivitet']);
  for (const t of ['Hälsodag', 'Promenadgrupp', 'Hälsosamtal', 'FaR']) lists.addRow([t]);
  const plan = wb.addWorksheet('Plan');
  plan.addRow(['Aktivitet', 'Typ', 'Startdatum', 'Slutdatum', 'Deltagare planerat']);
  plan.addRow(['Stavgång i Tensta', 'Rörelsegrupp med hälsoinformation', '2026-04-01', '2026-06-01', 15]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('importing a workbook whose first sheet is hidden', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each(['hidden', 'veryHidden'] as const)('reads the first sheet a person sees, not a %s one', async (state) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: (await templateWorkbook(state)) as BodyInit,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, refused: [] });
    const titles = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
    expect(titles).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Stavgång i Tensta']);
  });
});

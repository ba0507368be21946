/**
 * An imported workbook's percentages. Excel keeps 12 % typed into a cell as 0.12 under a percent
 * format; the import read the value alone and stored 0.12 where the person saw 12 %, while a CSV's
 * `12 %` is stored as 12 (`parse-number.ts`). A number under a percent format is read as shown.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(value: number, numFmt: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const plan = wb.addWorksheet('Plan');
  plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
  plan.addRow(['Stavgång i Tensta', 'Rörelsegrupp med hälsoinformation', value]);
  plan.getCell('C2').numFmt = numFmt;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('importing numbers shown as percentages', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each([
    [0.15, '0%', 15],
    [0.15, '0.0 %', 15],
    [15, '0 "%"', 15],
    [15, '0', 15],
  ])('%s under the format %s is stored as %s', async (value, numFmt, stored) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: (await workbook(value, numFmt)) as BodyInit,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, refused: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows.find((r) => r.values.title === 'Stavgång i Tensta')?.values.participantsPlanned).toBe(stored);
  });
});

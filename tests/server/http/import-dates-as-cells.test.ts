/**
 * Date cells of an imported workbook outside date columns. Excel makes a date of much that is
 * typed as text (`3/4`, `2025-03`), and the XLSX reader hands such a cell over as a date. A text
 * column keeps it as the text Excel shows (`2025-03-04`); a number or period column refuses it
 * naming the date as shown, not in JavaScript's English date format; the rest of the record and
 * the other records are not lost for it.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, putDoc, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function post(f: Fixture, doc: string, token: string, wb: ExcelJS.Workbook): Promise<Record<string, unknown>> {
  const body = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, token, { method: 'POST', headers: { 'content-type': XLSX }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('importing date cells outside date columns', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('a text column keeps the date as Excel shows it, with its time of day when it has one', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat', 'Kommentar', 'Målgrupp']);
    plan.addRow(['Stavgång i Tensta', 'Rörelsegrupp med hälsoinformation', 12, new Date(Date.UTC(2025, 2, 4)), new Date(Date.UTC(2025, 2, 4, 10, 30))]);
    expect(await post(f, 'plan-a', f.tokens.editor, wb)).toMatchObject({ imported: 1, refused: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows.find((r) => r.values.title === 'Stavgång i Tensta')?.values).toMatchObject({ comment: '2025-03-04', targetGroup: '2025-03-04 10:30' });
  });

  it('a text column keeps a time-only cell as the time Excel shows, not on day zero 1899-12-30', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Kommentar', 'Målgrupp']);
    // Excel stores a time of day as a fraction of a day: 10:30 is 0.4375, 8:30 is 0.35416….
    plan.addRow(['Stavgång i Tensta', 'Rörelsegrupp med hälsoinformation', 0.4375, 8.5 / 24]);
    plan.getCell('C2').numFmt = 'hh:mm';
    plan.getCell('D2').numFmt = 'h:mm';
    expect(await post(f, 'plan-a', f.tokens.editor, wb)).toMatchObject({ imported: 1, refused: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows.find((r) => r.values.title === 'Stavgång i Tensta')?.values).toMatchObject({ comment: '10:30', targetGroup: '08:30' });
  });

  it('a number column refuses it naming the date as shown', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    plan.addRow(['Stavgång 2', 'Rörelsegrupp med hälsoinformation', new Date(Date.UTC(2025, 3, 3))]);
    const summary = await post(f, 'plan-a', f.tokens.editor, wb);
    expect(summary).toMatchObject({ imported: 0, refused: [expect.objectContaining({ record: 1, code: 'not-number' })] });
    const [refusal] = summary.refused as { message: { sv: string; en: string } }[];
    expect(refusal!.message.sv).toContain('"2025-04-03" är inte ett tal');
    expect(refusal!.message.en).not.toMatch(/GMT|Thu/);
  });

  it('a period column reads a date cell formatted as a month (jul-26) as that month', async () => {
    await putDoc(f.storage, 'varden', 'indicator-values', 'vc-a', [], new Date().toISOString());
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Värden');
    sheet.addRow(['Indikator', 'Enhet', 'Period', 'Kön', 'Värde']);
    // Swedish Excel shows this cell as "jul-26" and keeps it as the date 2026-07-01.
    sheet.addRow(['sfh-12', 'vc-a', new Date(Date.UTC(2026, 6, 1)), 'T', 5]);
    sheet.getCell('C2').numFmt = 'mmm-yy';
    sheet.addRow(['sfh-12', 'vc-a', new Date(Date.UTC(2025, 2, 1)), 'T', 6]);
    sheet.getCell('C3').numFmt = 'yyyy-mm';
    expect(await post(f, 'varden', f.tokens.admin, wb)).toMatchObject({ imported: 2, refused: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'varden' }));
    expect(rows.map((r) => r.values.period).sort()).toEqual(['202503', '202607']);
  });

  it('a period column refuses a date on another day than the first, naming record, column, date and the spellings it takes', async () => {
    await putDoc(f.storage, 'varden', 'indicator-values', 'vc-a', [], new Date().toISOString());
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Värden');
    sheet.addRow(['Indikator', 'Enhet', 'Period', 'Kön', 'Värde']);
    sheet.addRow(['sfh-12', 'vc-a', new Date(Date.UTC(2025, 2, 15)), 'T', 5]);
    const summary = await post(f, 'varden', f.tokens.admin, wb);
    expect(summary).toMatchObject({ imported: 0, refused: [expect.objectContaining({ record: 1, code: 'period-is-day' })] });
    const [refusal] = summary.refused as { message: { sv: string; en: string } }[];
    expect(refusal!.message.sv).toMatch(/^Rad 2 i filen: Period: datumet 2025-03-15 är ingen period/);
    expect(refusal!.message.sv).toContain('2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24');
    expect(refusal!.message.en).toContain('2024 Q2, 2024 H1, June 2024 or Jun-24');
  });
});

/**
 * Workbooks whose header row is not the first: a title and a blank row above the column names, as
 * Swedish templates often have. The header is found among the first rows and named in the answer
 * (`headerRow`, as the sheet numbers it); a sheet where no row holds the column names is refused in
 * words (sv/en), not imported as records that are all "ignored". Workbooks made here with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { findHeaderRow } from '../../../server/http/import-header.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose sheet has `rows` at their 1-based row numbers (gaps stay empty). */
async function workbook(rows: Record<number, unknown[]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad1');
  for (const [n, values] of Object.entries(rows)) sheet.getRow(Number(n)).values = values as ExcelJS.CellValue[];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('importing a workbook with title rows above the header', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const send = async (doc: string, bytes: Uint8Array, query = '') =>
    f.req(`/v1/workspaces/${WS}/documents/${doc}/import${query}`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': XLSX }, body: bytes as BodyInit });
  const titles = async (doc = 'plan-a') => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => r.values.title);

  it('takes the row of column names under a title and a blank row, and says which row it took', async () => {
    const bytes = await workbook({
      1: ['Aktivitetsplan Vårdcentralen Husby 2026'],
      3: ['Aktivitet', 'Typ', 'Startdatum', 'Egen kolumn'],
      4: ['Gympa för alla', 'halsodag', '2026-03-12', 'x'],
      5: ['Promenadgrupp', 'halsodag', '2026-04-02', 'y'],
    });
    const res = await send('plan-a', bytes);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { imported: number; ignored: number; headerRow: number; unknownColumns: string[]; refused: unknown[] };
    expect(body).toMatchObject({ imported: 2, ignored: 0, refused: [], headerRow: 3, unknownColumns: ['Egen kolumn'] });
    expect((await titles()).slice(-2)).toEqual(['Gympa för alla', 'Promenadgrupp']);
  });

  it('still takes the first row when it is the header', async () => {
    const res = await send('plan-a', await workbook({ 1: ['Aktivitet', 'Typ'], 2: ['Öppet hus', 'halsodag'] }));
    expect(await res.json()).toMatchObject({ imported: 1, headerRow: 1 });
  });

  it('refuses in Swedish and English a sheet where no row holds the column names, and imports nothing', async () => {
    const before = await titles();
    const bytes = await workbook({ 1: ['Aktivitetsplan 2026'], 3: ['Vad', 'När', 'Vem'], 4: ['Gympa', '2026-03-12', 'Anna'] });
    const res = await send('plan-a', bytes);
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.code).toBe('no-header-row');
    const message = (err.details as { message: { sv: string; en: string } }).message;
    expect(message.sv).toMatch(/kolumnnamn/);
    expect(message.en).toMatch(/column names/);
    expect(await titles()).toEqual(before);
  });
});

describe('findHeaderRow', () => {
  it('prefers the row naming most columns, by a majority of its filled cells, within the first ten rows', () => {
    expect(findHeaderRow('activity-plan', [['Aktivitetsplan'], ['Aktivitet', 'Typ', 'Startdatum'], ['Gympa', 'halsodag', '2026-03-12']])).toBe(1);
    // A title that happens to be a column name loses to the row naming more columns.
    expect(findHeaderRow('activity-plan', [['Aktivitet'], ['Aktivitet', 'Typ'], ['Gympa', 'halsodag']])).toBe(1);
    const deep = [...Array.from({ length: 10 }, () => ['Vårdcentralen Husby']), ['Aktivitet', 'Typ']];
    expect(() => findHeaderRow('activity-plan', deep)).toThrow(/None of the first 10 rows/);
  });
});

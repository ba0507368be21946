/**
 * An import names a refused or unresolved record by its place under the header as a person sees
 * the file in a spreadsheet: an empty row of an XLSX sheet and a blank line of a CSV file are rows
 * there, so the records after them keep their numbers (`headerRow + record` is the row to look at).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

const URL = `/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Answer {
  headerRow: number;
  refused: { record: number; row?: number; code: string; message: { sv: string; en: string } }[];
  unresolved: { record: number; value: string }[];
}

/** Sheet rows: a title, a blank row, the header, a good row, two blank rows, a bad row, a blank, a bad row. */
const LAYOUT: (string[] | null)[] = [
  ['Aktivitetsplan 2026'],
  null,
  ['Aktivitet', 'Typ', 'Deltagare planerat', 'Samverkanspart'],
  ['Hälsodag', 'halsodag', '12', ''],
  null,
  null,
  ['Promenadgrupp Järva', 'promenadgrupp', 'femton', ''],
  null,
  ['Gympa', 'halsodag', '8', 'Okänd förening'],
];

describe('record numbers of an import', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const send = async (body: BodyInit, type: string): Promise<Answer> => {
    const res = await f.req(URL, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };
  const where = (a: Answer) => ({
    headerRow: a.headerRow,
    // The sentence itself names the row, as the spreadsheet numbers it.
    refused: a.refused.map((r) => [a.headerRow + r.record, r.code, r.row, r.message.sv.split(': ')[0], r.message.en.split(': ')[0]]),
    unresolved: a.unresolved.map((u) => [a.headerRow + u.record, u.value]),
  });
  const expected = { headerRow: 3, refused: [[7, 'not-number', 7, 'Rad 7 i filen', 'Row 7 of the file']], unresolved: [[9, 'Okänd förening']] };

  it('count the blank lines of a CSV file as the rows a spreadsheet shows', async () => {
    const csv = '\uFEFF' + LAYOUT.map((r) => (r ?? []).join(';')).join('\r\n') + '\r\n';
    expect(where(await send(csv, 'text/csv'))).toEqual(expected);
  });

  it('count a quoted line break as part of its row, not a new one', async () => {
    const rows = LAYOUT.map((r) => (r ?? []).join(';'));
    rows[3] = 'Hälsodag;halsodag;12;"Röda\r\nKorset"';
    const a = await send(rows.join('\r\n'), 'text/csv');
    expect(where(a).refused).toEqual(expected.refused);
  });

  it('count the empty rows of an XLSX sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    LAYOUT.forEach((r, i) => r && r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = v)));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(where(await send(bytes, XLSX))).toEqual(expected);
  });

  it('name a JSON record by its number, the file having no rows', async () => {
    const a = await send(JSON.stringify([{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'promenadgrupp', participantsPlanned: 'femton' }]), 'application/json');
    expect(a.refused.map((r) => [r.record, r.row, r.message.sv.split(': ')[0], r.message.en.split(': ')[0]])).toEqual([[2, undefined, 'Post 2', 'Record 2']]);
  });
});

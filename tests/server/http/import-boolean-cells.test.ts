/**
 * A workbook cell a spreadsheet stored as a boolean — a text typed into a text column (TRUE, sant)
 * that Excel or LibreOffice turned into one — is read as the text it shows: an ODS cell by its
 * paragraph (`SANT` from a Swedish LibreOffice), an XLSX cell by the words of its format when it
 * has some (LibreOffice writes `"SANT";"SANT";"FALSKT"`), else `TRUE`/`FALSE`. An x-column reads
 * those words as before. A refusal names the value: a JSON `true` in a text column says `true`.
 * Before, such a cell in a text column was refused as "the value has the wrong type", its value
 * unnamed.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeOds, sheet, stringRow } from '../../support/ods.js';
import { importFile, importWorkbook, planRowTitled } from './import-post.js';
import { makeFixture, type Fixture } from './support.js';

const HEADER = ['Aktivitet', 'Typ', 'Målgrupp', 'Kommentar', 'Mål: Motivationshöjning'];
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

describe('a boolean cell of a workbook', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('is read from an XLSX as the words of its format, else TRUE or FALSE, in a text column and an x-column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(HEADER);
    ws.addRow(['Gympa', 'halsodag', true, false, true]);
    ws.addRow(['Boule', 'halsodag', false, true, false]);
    ws.getCell('C2').numFmt = '"SANT";"SANT";"FALSKT"';
    ws.getCell('C3').numFmt = '"SANT";"SANT";"FALSKT"';
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 2, refused: [] });
    expect(await planRowTitled(f, 'Gympa')).toMatchObject({ targetGroup: 'SANT', comment: 'FALSE', 'goals.motivation': true });
    expect(await planRowTitled(f, 'Boule')).toMatchObject({ targetGroup: 'FALSKT', comment: 'TRUE', 'goals.motivation': false });
  });

  it('is read from an ODS as the text it shows, or TRUE/FALSE when it shows none', async () => {
    const bool = (value: boolean, shown: string | null) =>
      `<table:table-cell office:value-type="boolean" office:boolean-value="${value}" calcext:value-type="boolean">${shown === null ? '' : `<text:p>${shown}</text:p>`}</table:table-cell>`;
    const text = (t: string) => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
    const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
    const ods = makeOds({
      tables: sheet('Plan', [stringRow(HEADER), row([text('Gympa'), text('halsodag'), bool(true, 'SANT'), bool(false, null), bool(true, 'SANT')]), row([text('Boule'), text('halsodag'), bool(false, 'FALSKT'), bool(true, 'TRUE'), bool(false, 'FALSKT')])]),
    });
    const summary = await importFile(f, ods, ODS);
    expect(summary).toMatchObject({ imported: 2, refused: [] });
    expect(await planRowTitled(f, 'Gympa')).toMatchObject({ targetGroup: 'SANT', comment: 'FALSE', 'goals.motivation': true });
    expect(await planRowTitled(f, 'Boule')).toMatchObject({ targetGroup: 'FALSKT', comment: 'TRUE', 'goals.motivation': false });
  });

  it('is named in the refusal of a column it cannot stand in, and so is a JSON true in a text column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    ws.addRow(['Gympa', 'halsodag', true]);
    const xlsx = (await importWorkbook(f, wb)) as { refused: { message: { sv: string; en: string } }[] };
    expect(xlsx.refused.map((r) => r.message.en)).toEqual(['Row 2 of the file: Participants planned: "TRUE" is not a number. Write a whole number, e.g. 12.']);
    const json = (await importFile(f, new TextEncoder().encode(JSON.stringify([{ title: 'Boule', type: 'halsodag', targetGroup: true }])), 'application/json')) as typeof xlsx;
    expect(json.refused.map((r) => r.message)).toEqual([{ sv: 'Post 1: Målgrupp: true har fel typ (text väntades).', en: 'Record 1: Target group: true has the wrong type (text expected).' }]);
  });
});

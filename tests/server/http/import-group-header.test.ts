/**
 * An imported table whose header has a group row above it, as Table 1 of the KIM report and many
 * clinic plans are laid out: "Mål" merged over the goals, "Levnadsvana" over the habits. The
 * pane's adoption reads the group with the header (`Mål: Motivationshöjning`); the import read the
 * header row alone, so the x-columns were unknown (their marks dropped) and, with more of them
 * than named columns, the whole file was refused as having no header row.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { groupLabels } from '../../../server/http/import-header.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GROUPS = ['', '', 'Mål', '', '', 'Levnadsvana', '', ''];
const HEADER = ['Aktivitet', 'Typ', 'Motivationshöjning', 'Förebyggande/Uppmärksammande', 'Hälsoinformation', 'Tobak', 'Alkohol', 'Matvanor'];
const ROW = ['Rökfri vecka', 'Hälsosamtal/hälsoinformation/samtalsträff om hälsa', 'x', '', 'x', 'x', '', ''];

async function post(f: Fixture, contentType: string, body: BodyInit): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': contentType }, body });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function imported(f: Fixture) {
  const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
  return rows.find((r) => r.values.title === 'Rökfri vecka')?.values;
}

const MARKS = {
  'goals.motivation': true,
  'goals.prevention': false,
  'goals.health-information': true,
  'habits.tobak': true,
  'habits.alkohol': false,
  'habits.matvanor': false,
};

describe('importing a table with a group row above its header', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('reads an XLSX group row of merged cells with the header', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Plan');
    sheet.addRow(['Aktivitetsplan 2026']);
    sheet.addRow(GROUPS);
    sheet.addRow(HEADER);
    sheet.addRow(ROW);
    sheet.mergeCells('C2:E2');
    sheet.mergeCells('F2:H2');
    const summary = await post(f, XLSX, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) as BodyInit);
    expect(summary).toMatchObject({ imported: 1, refused: [], unknownColumns: [], headerRow: 3 });
    expect(await imported(f)).toMatchObject(MARKS);
  });

  it('reads a CSV saved from such a sheet (the group label in its first cell only) the same way', async () => {
    const csv = [GROUPS, HEADER, ROW].map((r) => r.join(';')).join('\r\n');
    const summary = await post(f, 'text/csv', csv);
    expect(summary).toMatchObject({ imported: 1, refused: [], unknownColumns: [] });
    expect(await imported(f)).toMatchObject(MARKS);
  });

  it('a title row above the header names no group', async () => {
    const csv = [['Aktivitetsplan 2026', '', ''], ['Aktivitet', 'Typ', 'Startdatum'], ['Rökfri vecka', 'Hälsosamtal/hälsoinformation/samtalsträff om hälsa', '2026-05-31']].map((r) => r.join(';')).join('\r\n');
    expect(await post(f, 'text/csv', csv)).toMatchObject({ imported: 1, refused: [], unknownColumns: [] });
    expect(await imported(f)).toMatchObject({ startDate: '2026-05-31' });
  });
});

describe('groupLabels', () => {
  it('carries a merged label right over the cells it spans; the first row has none', () => {
    const table = [['', 'Mål', '', null, 'Levnadsvana', ''], ['Aktivitet', 'A', 'B', 'C', 'D', 'E']];
    expect(groupLabels(table, 1)).toEqual(['', 'Mål', 'Mål', 'Mål', 'Levnadsvana', 'Levnadsvana']);
    expect(groupLabels(table, 0)).toEqual(['', '', '', '', '', '']);
  });
});

/**
 * A total row at the foot of a plan kept in Excel (`Summa` and the column sums, typed or a SUM
 * formula with its saved value) is not an activity: an import leaves it out, counts it as
 * ignored and names its row, through the REST door, from XLSX and a Swedish semicolon CSV alike.
 * An entry whose name starts with such a word (`Total hälsa`) is still imported.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { isTotalRow } from '../../../shared/normalize/total-row.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function post(f: Fixture, body: Uint8Array | string, type: string): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const titles = async (f: Fixture) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);

describe('a total row in an imported file', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('leaves out a workbook\'s Summa row of SUM formulas under a titled table, naming its row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Aktiviteter');
    ws.getCell('A1').value = 'Aktivitetsplan 2026 – Tensta vårdcentral';
    ws.mergeCells('A1:D1');
    ws.getRow(3).values = ['Aktivitet', 'Typ', 'Deltagare planerat', 'Deltagare nådda'];
    ws.getRow(4).values = ['Stavgång', 'halsodag', 10, 8];
    ws.getRow(5).values = ['Öppet hus', 'halsodag', 30, 25];
    ws.getRow(6).values = ['Summa', null, { formula: 'SUM(C4:C5)', result: 40 }, { formula: 'SUM(D4:D5)', result: 33 }];
    const body = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const before = (await titles(f)).length;
    const summary = await post(f, body, XLSX);
    expect(summary).toMatchObject({ imported: 2, ignored: 1, refused: [], headerRow: 3, totalRows: { records: [3] } });
    const message = (summary.totalRows as { message: { sv: string; en: string } }).message;
    expect(message.sv).toBe('Rad 6 i filen är en summarad (Summa, Totalt) och tas inte med: summor är inga poster.');
    expect(message.en).toContain('Row 6 of the file is a total row');
    const after = await titles(f);
    expect(after).toHaveLength(before + 2);
    expect(after).not.toContain('Summa');
  });

  it('leaves out a semicolon CSV\'s Totalt row of numbers written as text, and keeps an activity named Total hälsa', async () => {
    const csv = 'Aktivitet;Typ;Deltagare planerat;Deltagare nådda\r\nTotal hälsa;halsodag;1\u00a0200;950\r\nStavgång;halsodag;10;8\r\n\r\nTotalt;;1\u00a0210;958\r\n';
    const summary = await post(f, csv, 'text/csv');
    expect(summary).toMatchObject({ imported: 2, ignored: 1, refused: [], totalRows: { records: [4] } });
    expect((summary.totalRows as { message: { sv: string } }).message.sv).toContain('Rad 5 i filen');
    const after = await titles(f);
    expect(after).toContain('Total hälsa');
    expect(after).not.toContain('Totalt');
  });

  it('leaves out a Summa row whose sums have points between thousands, each of which reads two ways alone', async () => {
    const csv = 'Aktivitet;Typ;Deltagare planerat;Deltagare nådda\r\nÖppet hus;halsodag;1250;2500\r\nSumma;;1.250;2.500\r\n';
    const summary = await post(f, csv, 'text/csv');
    expect(summary).toMatchObject({ imported: 1, ignored: 1, refused: [], totalRows: { records: [2] } });
    expect(await titles(f)).not.toContain('Summa');
  });

  it('says nothing of totals when the file has none', async () => {
    const summary = await post(f, 'Aktivitet;Typ\nStavgång;halsodag\n', 'text/csv');
    expect(summary).toMatchObject({ imported: 1, ignored: 0 });
    expect(summary).not.toHaveProperty('totalRows');
  });
});

describe('isTotalRow', () => {
  it('reads a total word followed by sums, in cells of any type, as a total row', () => {
    expect(isTotalRow(['Summa', null, '', 60, '45'])).toBe(true);
    expect(isTotalRow(['', 'S:a', '1 234,5', 12])).toBe(true);
    expect(isTotalRow(['Totalt antal deltagare', 120, new Date('2026-01-01')])).toBe(true);
    expect(isTotalRow(['SUM'])).toBe(true);
    // A point before three digits: 1250 or 1.25, refused as a value, yet a number either way.
    expect(isTotalRow(['Summa', '1.250', '-2.500 %'])).toBe(true);
  });

  it('reads an entry with other text, or no total word, as no total row', () => {
    expect(isTotalRow(['Total hälsa', 'Hälsodag', 20])).toBe(false);
    expect(isTotalRow(['Summering av året', 3])).toBe(false);
    expect(isTotalRow(['Stavgång', 'Summa'])).toBe(false);
    expect(isTotalRow(['Summa', true])).toBe(false);
    expect(isTotalRow(['Summa', '1.250 deltagare'])).toBe(false);
    expect(isTotalRow([null, '', ' '])).toBe(false);
  });
});

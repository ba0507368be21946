/**
 * A formula error in a cell — `#DIV/0!` as a workbook saves it (OOXML keeps Excel's English code),
 * `#DIVISION/0!` or `#SAKNAS!` as Swedish Excel shows it and writes it to CSV, `Err:502` from
 * LibreOffice — is no value: refused in words that say it is a formula error and what to do,
 * naming the column and record, in a number column and a text column alike (it was "not a
 * number" in one and stored as the text "#REF!" in the other).
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../../shared/schema/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Summary = { imported: number; refused: { record: number; code: string; message: { sv: string; en: string } }[] };

async function post(f: Fixture, body: Uint8Array | string, type: string): Promise<Summary> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
}

describe('formula errors in an imported file', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('refuses a workbook\'s error results in number and text columns, naming the error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', 'Deltagare nådda', 'Målgrupp']);
    ws.addRow(['Gympa', 'halsodag', { formula: 'C5/0', result: { error: '#DIV/0!' } }, 'Äldre']);
    ws.addRow(['Dans', 'halsodag', 12, { formula: 'Z99', result: { error: '#REF!' } }]);
    ws.addRow(['Stavgång', 'halsodag', 8, 'Alla']);
    const summary = await post(f, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), XLSX);
    expect(summary.imported).toBe(1);
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[1, 'formula-error'], [2, 'formula-error']]);
    expect(summary.refused[0]?.message.sv).toBe('Rad 2 i filen: Deltagare nådda: cellen visar formelfelet #DIV/0! i stället för ett värde. Rätta formeln eller töm cellen.');
    expect(summary.refused[1]?.message.en).toBe('Row 3 of the file: Target group: the cell shows the formula error #REF! instead of a value. Correct the formula or empty the cell.');
    const titles = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
    expect(titles).toContain('Stavgång');
    expect(titles).not.toContain('Dans');
  });

  it('refuses Swedish Excel\'s shown errors in a semicolon CSV', async () => {
    const csv = 'Aktivitet;Typ;Deltagare nådda;Målgrupp\r\nGympa;halsodag;#DIVISION/0!;Äldre\r\nDans;halsodag;3;#SAKNAS!\r\nYoga;halsodag;Err:502;\r\n';
    const summary = await post(f, csv, 'text/csv');
    expect(summary.refused.map((r) => r.code)).toEqual(['formula-error', 'formula-error', 'formula-error']);
    expect(summary.refused[1]?.message.sv).toContain('formelfelet #SAKNAS!');
  });
});

describe('normalizeCell and formula errors', () => {
  it('keeps texts that only look alike', () => {
    const text = cellColumn('activity-plan', 'targetGroup');
    if (!text) throw new Error('no column');
    expect(normalizeCell(text, '#hashtag')).toEqual({ ok: true, value: '#hashtag' });
    expect(normalizeCell(text, 'Fel: #REF! i gamla filen')).toMatchObject({ ok: true });
  });
});

/**
 * Columns hidden in an imported workbook are read like the others, and nothing said so: the
 * answer now names the document's columns read from hidden ones, and a personnummer in a hidden
 * known column is refused naming that column as hidden, so the person knows where to look
 * (before: "Kolumnen "Kommentar" innehåller ett personnummer", a column they could not see). The
 * number is never echoed. Workbooks built here with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function post(f: Fixture, wb: ExcelJS.Workbook): Promise<{ text: string; json: Record<string, unknown> }> {
  const body = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, { method: 'POST', headers: { 'content-type': XLSX }, body: body as BodyInit });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

function plan(comment: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitet', 'Typ', 'Kommentar', 'Intern anteckning']);
  ws.addRow(['Gympa', 'halsodag', comment, 'ring Eva']);
  ws.getColumn(3).hidden = true;
  ws.getColumn(4).hidden = true;
  return wb;
}

describe('hidden columns of an imported workbook', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('names the document\'s columns read from hidden columns', async () => {
    const { json } = await post(f, plan('Ta med vattenflaska'));
    expect(json).toMatchObject({ imported: 1, refused: [], hiddenColumns: { columns: ['comment'] } });
    const message = (json.hiddenColumns as { message: { sv: string; en: string } }).message;
    expect(message.sv).toBe('Kolumnen "Kommentar" är dold i arbetsboken men lästes som de andra. Ta bort den ur filen om den inte ska importeras.');
    expect(message.en).toContain('is hidden in the workbook but was read');
  });

  it('refuses a personnummer in a hidden column naming the column as hidden, never echoing it', async () => {
    const { text, json } = await post(f, plan('Eva 19 85 - 01 - 01 - 12 - 36'));
    expect(json).toMatchObject({ imported: 0, refused: [{ code: 'personnummer' }] });
    const refused = (json.refused as Array<{ message: { sv: string; en: string } }>)[0]!;
    expect(refused.message.sv).toContain('Kolumnen "Kommentar", som är dold i arbetsboken, innehåller ett personnummer');
    expect(refused.message.en).toContain('which is hidden in the workbook, contains a personal identity number');
    expect(text).not.toMatch(/1236|12 - 36/);
  });

  it('says nothing when no column is hidden', async () => {
    const wb = plan('Ta med vattenflaska');
    wb.getWorksheet('Plan')!.getColumn(3).hidden = false;
    const { json } = await post(f, wb);
    expect(json.hiddenColumns).toBeUndefined();
  });
});

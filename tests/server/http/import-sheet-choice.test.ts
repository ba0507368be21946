/**
 * Which sheet of a workbook an import reads. Plans e-mailed between clinics often open on another
 * sheet than the table (instructions, a cover page); the import reads the visible sheet whose
 * header names the document's columns, says which, and names the other sheets holding a table,
 * which it did not read. A workbook saved again by LibreOffice reads the same (skipped only when
 * `soffice` is absent).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cover sheet of instructions first, then the plan under a title, as a county template has it. */
async function coverFirst(extra?: string, notes = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Instruktioner');
  cover.getCell('A1').value = 'Så fyller du i aktivitetsplanen';
  cover.getCell('A3').value = 'Fyll i en rad per aktivitet på fliken Plan 2026. Skicka filen till samordnaren senast 15 januari.';
  const plan = wb.addWorksheet('Plan 2026');
  plan.getCell('A1').value = 'Aktivitetsplan 2026 – Tensta vårdcentral';
  plan.getRow(3).values = ['Aktivitet', 'Typ', 'Startdatum', 'Deltagare planerat'];
  plan.getRow(4).values = ['Stavgång i Tensta', 'halsodag', new Date('2026-04-01T00:00:00Z'), 15];
  plan.getRow(5).values = ['Öppet hus', 'halsodag', new Date('2026-05-01T00:00:00Z'), 40];
  if (extra) {
    const other = wb.addWorksheet(extra);
    other.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    other.addRow(['Gympa 2025', 'halsodag', 12]);
  }
  if (notes) wb.addWorksheet('Anteckningar').addRow(['Anteckningar']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function post(f: Fixture, body: Uint8Array): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': XLSX }, body: body as BodyInit });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const titles = async (f: Fixture) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);

describe('the sheet an import reads', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('reads the plan behind a cover sheet, and says which sheet it read', async () => {
    const { status, json } = await post(f, await coverFirst());
    expect(status).toBe(200);
    expect(json).toMatchObject({ imported: 2, refused: [], headerRow: 3, sheet: { name: 'Plan 2026', alsoTables: [] } });
    expect((json.sheet as { message: { sv: string } }).message.sv).toBe('Arbetsboken har 2 synliga flikar; fliken "Plan 2026" lästes, den som har flest av dokumentets kolumnnamn.');
    expect(await titles(f)).toEqual(expect.arrayContaining(['Stavgång i Tensta', 'Öppet hus']));
  });

  it('names another sheet that also holds a table, which it did not read, and no notes sheet', async () => {
    const { json } = await post(f, await coverFirst('Plan 2025', true));
    expect(json).toMatchObject({ imported: 2, sheet: { name: 'Plan 2026', alsoTables: ['Plan 2025'] } });
    expect((json.sheet as { message: { sv: string } }).message.sv).toContain('Arbetsboken har 4 synliga flikar');
    const message = (json.sheet as { message: { sv: string; en: string } }).message;
    expect(message.sv).toContain('Fliken "Plan 2025" har också dokumentets kolumnnamn men lästes inte');
    expect(message.en).toContain('The sheet "Plan 2025" also holds the document\'s column names but was not read');
    expect(await titles(f)).not.toContain('Gympa 2025');
  });

  it.skipIf(!hasOffice())('reads the same from the workbook saved again by LibreOffice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-sheets-'));
    try {
      writeFileSync(join(dir, 'plan.xlsx'), await coverFirst());
      officeConvert([join(dir, 'plan.xlsx')], 'ods', join(dir, 'ods'));
      officeConvert([join(dir, 'ods', 'plan.ods')], 'xlsx', join(dir, 'back'));
      const { json } = await post(f, new Uint8Array(readFileSync(join(dir, 'back', 'plan.xlsx'))));
      expect(json).toMatchObject({ imported: 2, refused: [], sheet: { name: 'Plan 2026' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('says nothing of sheets for a workbook with one visible sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Listor', { state: 'hidden' }).addRow(['Aktivitet']);
    wb.addWorksheet('Plan').addRow(['Aktivitet', 'Typ']);
    wb.getWorksheet('Plan')?.addRow(['Gympa', 'halsodag']);
    const { json } = await post(f, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(json).toMatchObject({ imported: 1 });
    expect(json).not.toHaveProperty('sheet');
  });
});

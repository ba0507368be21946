/**
 * Which of two equally good sheets an import reads, and the sheets it leaves unread. A workbook
 * with last year's `2025` and this year's `2026` sheets, both with the plan's header, was read
 * from the first whatever tab the person had open; now the tab open when the workbook was saved
 * (its `activeTab`, which counts hidden sheets too) is read when it is one of the best, and the
 * answer says why. A later sheet past the size limits was left unread without a word; now the
 * answer names it. Workbooks built here with exceljs, one saved again by LibreOffice (which keeps
 * the open tab; skipped only when `soffice` is absent).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { XLSX_LIMITS } from '../../../server/http/xlsx-read.js';
import { makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `2025` and `2026` sheets with the same header, a hidden list sheet first; `active` the tab open at saving (workbook order). */
async function twoYears(active: number | null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const lists = wb.addWorksheet('Listor');
  lists.addRow(['halsodag']);
  lists.state = 'hidden';
  for (const year of ['2025', '2026']) {
    const ws = wb.addWorksheet(year);
    ws.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    ws.addRow([`Stavgång ${year}`, 'halsodag', 12]);
  }
  if (active !== null) wb.views = [{ activeTab: active, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 12000, height: 8000 }];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function post(f: Fixture, body: Uint8Array): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': XLSX }, body: body as BodyInit });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const titles = async (f: Fixture) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
const sv = (json: Record<string, unknown>) => (json.sheet as { message: { sv: string } }).message.sv;

describe('two equally good sheets', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('reads the tab that was open when the workbook was saved, and says so', async () => {
    const json = await post(f, await twoYears(2));
    expect(json).toMatchObject({ imported: 1, refused: [], sheet: { name: '2026', alsoTables: ['2025'] } });
    expect(await titles(f)).toContain('Stavgång 2026');
    expect(await titles(f)).not.toContain('Stavgång 2025');
    expect(sv(json)).toBe('Arbetsboken har 2 synliga flikar; fliken "2026" lästes, den som var öppen när arbetsboken sparades (2 flikar har lika många av dokumentets kolumnnamn). Fliken "2025" har också dokumentets kolumnnamn men lästes inte; importera den som en egen fil.');
  });

  it.skipIf(!hasOffice())('reads the open tab of the workbook saved again by LibreOffice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-active-'));
    try {
      writeFileSync(join(dir, 'plan.xlsx'), await twoYears(2));
      officeConvert([join(dir, 'plan.xlsx')], 'xlsx', join(dir, 'back'));
      const json = await post(f, new Uint8Array(readFileSync(join(dir, 'back', 'plan.xlsx'))));
      expect(json).toMatchObject({ imported: 1, refused: [], sheet: { name: '2026', alsoTables: ['2025'] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('reads the first when the open tab is another (the hidden list sheet)', async () => {
    const json = await post(f, await twoYears(0));
    expect(json).toMatchObject({ imported: 1, sheet: { name: '2025', alsoTables: ['2026'] } });
    expect(sv(json)).toContain('fliken "2025" lästes, den första av 2 flikar med lika många av dokumentets kolumnnamn.');
  });
});

describe('a later sheet past the size limits', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('is named as unread, with the plan read from the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet('Plan');
    plan.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
    plan.addRow(['Stavgång', 'halsodag', 12]);
    wb.addWorksheet('Rådata').getCell(`A${XLSX_LIMITS.maxRows + 10}`).value = 'sista raden';
    const json = await post(f, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(json).toMatchObject({ imported: 1, refused: [], sheet: { name: 'Plan', tooLarge: ['Rådata'] } });
    expect(sv(json)).toBe('Fliken "Plan" lästes. Fliken "Rådata" lästes inte: den har fler rader eller celler än en import läser; importera den som en egen, mindre fil.');
    expect((json.sheet as { message: { en: string } }).message.en).toContain('The sheet "Rådata" was not read');
  });
});

/**
 * Importing a LibreOffice Calc spreadsheet (`.ods`), as coordinators in municipalities and regions
 * receive them: at the REST door and for `samplan import` it reads as the same workbook saved as
 * XLSX does (it was refused, `not-read-kind`, whatever it held). The files are made by LibreOffice
 * from the test's workbook and CSV (`soffice --convert-to ods`), and the `.ods` saved back as
 * `.xlsx` by LibreOffice is the answer it must match; a personnummer in one is refused as in any
 * import. Needs `soffice` (`.ci/run` installs `libreoffice-calc-nogui`; skipped only without it).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { readImportFile } from '../../../server/http/import-rows.js';
import { makeOds, sheet, stringRow } from '../../support/ods.js';
import { makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

const soffice = hasOffice();
const dir = mkdtempSync(join(tmpdir(), 'samplan-ods-'));
const files: Record<string, Uint8Array> = {};

/**
 * A clinic's plan: a cover sheet, then the plan with a hidden column, a hidden row, a date, a
 * percentage, a merged title and a formula. (No hidden sheet: LibreOffice's headless conversion
 * keeps no open sheet and shows, so unhides, the first sheet when it writes the `.xlsx` back, so
 * the two files would differ by LibreOffice's doing; `ods-read.test.ts` shows a hidden sheet.)
 */
async function planWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Instruktioner').addRow(['Fyll i en rad per aktivitet.']);
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitetsplan 2026 Tensta']);
  ws.mergeCells('A1:D1');
  ws.addRow(['Aktivitet', 'Typ', 'Startdatum', 'Deltagare planerat', 'Andel nådda', 'Kommentar']);
  ws.addRow(['Stavgång  i Tensta', 'halsodag', new Date(Date.UTC(2026, 2, 12)), 15, 0.125, 'Ta med vattenflaska']);
  ws.addRow(['Rökfri vecka', 'halsodag', new Date(Date.UTC(2026, 4, 31)), { formula: '2*6', result: 12 }, 0.5, null]);
  ws.addRow(['Dans för seniorer', 'halsodag', new Date(Date.UTC(2026, 8, 1)), 20, 1, 'Rad dold av filter']);
  ws.getColumn(5).numFmt = '0.0%';
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  ws.getColumn(6).hidden = true;
  ws.getRow(5).hidden = true;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

beforeAll(async () => {
  if (!soffice) return;
  writeFileSync(join(dir, 'plan.xlsx'), await planWorkbook());
  mkdirSync(join(dir, 'csv'));
  writeFileSync(join(dir, 'csv', 'plan-csv.csv'), '\uFEFFAktivitet;Typ;Startdatum;Deltagare planerat;Kommentar\r\nHälsodag på Åsa torg;halsodag;2026-04-20;120;Blodtryck, blodsocker\r\n');
  const convert = (to: string, out: string, inputs: string[], filter?: string) => officeConvert(inputs, to, join(dir, out), filter);
  convert('ods', 'ods', [join(dir, 'plan.xlsx')]);
  // The CSV as Calc opens a Swedish export: semicolons, UTF-8, Swedish locale (1053).
  convert('ods', 'ods', [join(dir, 'csv', 'plan-csv.csv')], 'CSV:59,34,76,1,,1053');
  convert('xlsx', 'back', [join(dir, 'ods', 'plan.ods'), join(dir, 'ods', 'plan-csv.ods')]);
  for (const name of ['ods/plan.ods', 'ods/plan-csv.ods', 'back/plan.xlsx', 'back/plan-csv.xlsx']) files[name] = new Uint8Array(readFileSync(join(dir, name)));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!soffice)('an .ods saved by LibreOffice Calc', () => {
  it.each(['plan', 'plan-csv'])('reads %s.ods to the same answer as the same file saved as .xlsx', async (name) => {
    const ods = await readImportFile(`${name}.ods`, files[`ods/${name}.ods`]!);
    const xlsx = await readImportFile(`${name}.xlsx`, files[`back/${name}.xlsx`]!);
    expect(ods.format).toBe('ods');
    expect({ ...ods, format: 'xlsx' }).toEqual(xlsx);
  });

  it('is read whatever its name or type says, for samplan import too', async () => {
    for (const name of ['plan.ods', 'plan.xlsx', 'plan.csv', 'plan']) {
      expect(await readImportFile(name, files['ods/plan.ods']!)).toMatchObject({ format: 'ods', sheet: 'Instruktioner', otherSheets: [{ name: 'Plan' }] });
    }
  });

  describe('at the REST door', () => {
    let f: Fixture;
    beforeEach(async () => {
      f = await makeFixture();
    });
    afterEach(() => f.close());

    const post = async (body: Uint8Array, type = ODS) => {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: body as BodyInit });
      return { status: res.status, text: await res.text() };
    };

    it("imports the plan sheet with its dates, a formula's value, hidden rows and columns named as for an XLSX", async () => {
      for (const type of [ODS, 'application/octet-stream']) {
        const { status, text } = await post(files['ods/plan.ods']!, type);
        expect(status).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ format: 'ods', imported: 3, refused: [], headerRow: 2, hiddenRows: { rows: [5] }, hiddenColumns: { columns: ['comment'] }, sheet: { name: 'Plan' } });
      }
      const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values);
      expect(rows.find((r) => r.title === 'Rökfri vecka')).toMatchObject({ startDate: '2026-05-31', participantsPlanned: 12 });
      expect(rows.find((r) => r.title === 'Stavgång  i Tensta')).toMatchObject({ startDate: '2026-03-12', participantsPlanned: 15 });
    });

    it('imports the CSV opened and saved by Calc as the CSV itself imports', async () => {
      const { status, text } = await post(files['ods/plan-csv.ods']!);
      expect(status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({ format: 'ods', imported: 1, refused: [] });
      const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values);
      expect(rows.find((r) => r.title === 'Hälsodag på Åsa torg')).toMatchObject({ startDate: '2026-04-20', participantsPlanned: 120 });
    });
  });
});

describe('an .ods at the REST door', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const post = async (body: Uint8Array) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': ODS }, body: body as BodyInit });
    expect(res.status).toBe(200);
    return { text: await res.text() };
  };

  it('refuses a personnummer in a cell and in a sheet name without echoing it', async () => {
    const tables = sheet('Eva 19850101-1236', [stringRow(['Aktivitet', 'Typ', 'Kommentar']), stringRow(['Stavgång', 'halsodag', 'Ring Eva 850101-1236'])]) + sheet('Plan 2025', [stringRow(['Aktivitet', 'Typ', 'Kommentar'])]);
    const { text } = await post(makeOds({ tables }));
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json).toMatchObject({ imported: 0, refused: [{ code: 'personnummer' }] });
    expect(text).not.toMatch(/1236/);
  });

  it('reads the sheet open at saving (settings.xml) when two are as good, and says so', async () => {
    const year = (y: string) => sheet(y, [stringRow(['Aktivitet', 'Typ', 'Deltagare planerat']), stringRow([`Stavgång ${y}`, 'halsodag', null])]);
    const { text } = await post(makeOds({ tables: year('2025') + year('2026'), activeTable: '2026' }));
    const json = JSON.parse(text) as { sheet: { name: string; message: { sv: string } } };
    expect(json).toMatchObject({ imported: 1, sheet: { name: '2026', alsoTables: ['2025'] } });
    expect(json.sheet.message.sv).toBe('Arbetsboken har 2 synliga flikar; fliken "2026" lästes, den som var öppen när arbetsboken sparades (2 flikar har lika många av dokumentets kolumnnamn). Fliken "2025" har också dokumentets kolumnnamn men lästes inte; importera den som en egen fil.');
    const titles = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);
    expect(titles).toContain('Stavgång 2026');
    expect(titles).not.toContain('Stavgång 2025');
  });
});

/**
 * Workbooks of kinds Samplan does not read — LibreOffice Calc's own `.ods` and Excel 97–2003's
 * `.xls` — are refused with words naming the kind and how to save the file as one it reads,
 * at the REST door and for `samplan import` (`readImportFile`), not as "no readable XLSX" or "no
 * worksheet". The files are made by LibreOffice from an exceljs workbook (skipped only when
 * `soffice` is absent); an XLSX saved by LibreOffice is still read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../../server/http/import-rows.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const soffice = hasSoffice();
const dir = mkdtempSync(join(tmpdir(), 'samplan-kinds-'));
const files: Record<'ods' | 'xls' | 'xlsx', Uint8Array> = { ods: new Uint8Array(), xls: new Uint8Array(), xlsx: new Uint8Array() };

beforeAll(async () => {
  if (!soffice) return;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
  ws.addRow(['Stavgång i Tensta', 'halsodag', 15]);
  writeFileSync(join(dir, 'plan.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
  for (const kind of ['ods', 'xls'] as const) {
    execFileSync('soffice', [profile, '--headless', '--convert-to', kind, '--outdir', join(dir, kind), join(dir, 'plan.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    files[kind] = new Uint8Array(readFileSync(join(dir, kind, `plan.${kind}`)));
  }
  execFileSync('soffice', [profile, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'back'), join(dir, 'ods', 'plan.ods')], { stdio: 'ignore', timeout: 120_000 });
  files.xlsx = new Uint8Array(readFileSync(join(dir, 'back', 'plan.xlsx')));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = {
  ods: { sv: 'Filen är ett OpenDocument-kalkylark (.ods, LibreOffice Calc), som Samplan inte läser, och servern gör inte om den.', en: 'The file is an OpenDocument spreadsheet (.ods, LibreOffice Calc)' },
  xls: { sv: 'Filen är en äldre Excel-arbetsbok (.xls, Excel 97–2003), som Samplan inte läser.', en: 'The file is an older Excel workbook (.xls, Excel 97–2003)' },
} as const;

describe.skipIf(!soffice)('workbooks of kinds Samplan does not read', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each(['ods', 'xls'] as const)('refuses a .%s at the REST door naming its kind and how to save it', async (kind) => {
    const types = { ods: 'application/vnd.oasis.opendocument.spreadsheet', xls: 'application/vnd.ms-excel' };
    for (const type of [types[kind], 'application/octet-stream']) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: files[kind] as BodyInit });
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('not-read-kind');
      const message = (err.details as { message: { sv: string; en: string } }).message;
      expect(message.sv).toContain(WORDS[kind].sv);
      expect(message.sv).toContain('(.xlsx)');
      expect(message.en).toContain(WORDS[kind].en);
      // Excel opens an .ods too: a person without LibreOffice is told how, and that the server converts nothing.
      if (kind === 'ods') expect(message.sv).toContain('i Excel öppnar du .ods-filen med Arkiv > Öppna');
      if (kind === 'ods') expect(message.en).toContain('the server does not convert it');
    }
  });

  it.each(['ods', 'xls'] as const)('refuses a .%s given to samplan import, whatever its name', async (kind) => {
    for (const name of [`plan.${kind}`, 'plan.xlsx', 'plan.csv']) {
      const err = await readImportFile(name, files[kind]).then(() => null, (e: unknown) => e as { status: number; code: string; details: { message: { sv: string } } });
      expect(err).toMatchObject({ status: 400, code: 'not-read-kind' });
      expect(err?.details.message.sv).toContain(WORDS[kind].sv);
    }
  });

  it('still reads the workbook LibreOffice saves as .xlsx', async () => {
    const input = await readImportFile('plan.xlsx', files.xlsx);
    expect(input).toMatchObject({ format: 'xlsx', table: [['Aktivitet', 'Typ', 'Deltagare planerat'], ['Stavgång i Tensta', 'halsodag', 15]] });
  });
});

/**
 * Files of kinds Samplan does not read — Excel 97–2003's `.xls`, an OpenDocument file that is no
 * spreadsheet (`.odt`) — are refused with words naming the kind and how to save the file as one
 * it reads, at the REST door and for `samplan import` (`readImportFile`), not as "no readable
 * XLSX" or "no worksheet". LibreOffice Calc's own `.ods` is read (`import-ods.test.ts`). The
 * `.xls` is made by LibreOffice from an exceljs workbook (skipped only when `soffice` is absent);
 * an XLSX saved by LibreOffice is still read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../../server/http/import-rows.js';
import { makeZip } from '../../support/zip.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

const soffice = hasOffice();
const dir = mkdtempSync(join(tmpdir(), 'samplan-kinds-'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
/** A text document (`.odt`) as LibreOffice Writer saves one: `mimetype` stored first, then its content. */
const odt = makeZip([
  { name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.text'), stored: true },
  { name: 'content.xml', data: utf8('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Aktivitet</text:p></office:text></office:body></office:document-content>') },
]);
const files: Record<'odt' | 'xls' | 'xlsx', Uint8Array> = { odt, xls: new Uint8Array(), xlsx: new Uint8Array() };

beforeAll(async () => {
  if (!soffice) return;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitet', 'Typ', 'Deltagare planerat']);
  ws.addRow(['Stavgång i Tensta', 'halsodag', 15]);
  writeFileSync(join(dir, 'plan.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  officeConvert([join(dir, 'plan.xlsx')], 'xls', join(dir, 'xls'));
  files.xls = new Uint8Array(readFileSync(join(dir, 'xls', 'plan.xls')));
  officeConvert([join(dir, 'plan.xlsx')], 'ods', join(dir, 'ods'));
  officeConvert([join(dir, 'ods', 'plan.ods')], 'xlsx', join(dir, 'back'));
  files.xlsx = new Uint8Array(readFileSync(join(dir, 'back', 'plan.xlsx')));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = {
  odt: { sv: 'Filen är ett OpenDocument-dokument men inget kalkylark (till exempel en textfil .odt eller en presentation .odp)', en: 'The file is an OpenDocument file but no spreadsheet' },
  xls: { sv: 'Filen är en äldre Excel-arbetsbok (.xls, Excel 97–2003), som Samplan inte läser.', en: 'The file is an older Excel workbook (.xls, Excel 97–2003)' },
} as const;

describe.skipIf(!soffice)('workbooks of kinds Samplan does not read', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each(['odt', 'xls'] as const)('refuses a .%s at the REST door naming its kind and how to save it', async (kind) => {
    const types = { odt: 'application/vnd.oasis.opendocument.text', xls: 'application/vnd.ms-excel' };
    for (const type of [types[kind], 'application/octet-stream']) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': type }, body: files[kind] as BodyInit });
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('not-read-kind');
      const message = (err.details as { message: { sv: string; en: string } }).message;
      expect(message.sv).toContain(WORDS[kind].sv);
      expect(message.sv).toContain('.xlsx');
      expect(message.en).toContain(WORDS[kind].en);
    }
  });

  it.each(['odt', 'xls'] as const)('refuses a .%s given to samplan import, whatever its name', async (kind) => {
    for (const name of [`plan.${kind}`, 'plan.xlsx', 'plan.ods', 'plan.csv']) {
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

/**
 * Every export opened in a real spreadsheet program: LibreOffice Calc, headless, converts the
 * CSV exports (Swedish dialect under a Swedish locale, comma dialect under an English one) and
 * the workbooks to XLSX, the way a coordinator opens and saves them; the test checks the cells
 * LibreOffice made — values, types, å/ä/ö, that no formula was evaluated — and imports its files
 * back into Samplan, which must end with the same document (no duplicate, no change; a CSV's
 * formula guard that LibreOffice showed as text, `'=1+1`, is dropped again by the import).
 *
 * Needs `soffice` (Debian/Ubuntu: `apt-get install -y libreoffice-calc-nogui`; `.ci/run` installs
 * it). A fresh LibreOffice profile is used for each run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


/** CSV import options of LibreOffice: separator, quote, UTF-8, from line 1, no column types, locale id. */
const csvFilter = (sep: ';' | ',', locale: number) => `CSV:${sep.charCodeAt(0)},34,76,1,,${locale}`;

describe('exports opened and saved by LibreOffice Calc', () => {
  let f: Fixture;
  let dir: string;
  const files: Record<string, Uint8Array> = {};
  const converted: Record<string, ExcelJS.Worksheet> = {};
  const before: Record<string, unknown[]> = {};

  const docRows = async (doc: string) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => ({ id: r.id, ...r.values }));

  async function convert(names: string[], infilter?: string): Promise<void> {
    officeConvert(names.map((n) => join(dir, n)), 'xlsx', join(dir, 'out'), infilter);
    for (const name of names) {
      const wb = new ExcelJS.Workbook();
      const saved = readFileSync(join(dir, 'out', name.replace(/\.\w+$/, '.xlsx')));
      await wb.xlsx.load(saved.buffer.slice(saved.byteOffset, saved.byteOffset + saved.byteLength) as ArrayBuffer);
      converted[name] = wb.worksheets[0] as ExcelJS.Worksheet;
    }
  }

  beforeAll(async () => {
    if (!hasOffice()) {
      throw new Error(
        'LibreOffice is needed for the file round-trip tests and was not found: install it with `apt-get install -y libreoffice-calc-nogui python3-uno` (Debian/Ubuntu), or set SOFFICE_PATH.',
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'samplan-lo-'));
    f = await makeFixture();
    const post = (doc: string, rows: unknown[]) =>
      f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
    await post('plan-a', [{ Aktivitet: '=1+1', Typ: 'halsodag', Startdatum: '2026-03-12', 'Deltagare planerat': 1200, Kommentar: 'Hälsoföreläsning Åsa, Örebro' }]);
    await post('partners', [{ Namn: 'Föreningen Ärlig', Typ: 'Förening', Kommun: '0180', Telefon: '+46 70 123 45 67' }]);
    for (const doc of ['plan-a', 'partners']) before[doc] = await docRows(doc);
    const exports: [string, string][] = [
      ['plan-sv.csv', 'plan-a/rows?format=csv&sep=semicolon&lang=sv'],
      ['plan-en.csv', 'plan-a/rows?format=csv&sep=comma&lang=en'],
      ['plan.xlsx', 'plan-a/rows?format=xlsx&lang=sv'],
      ['partners-sv.csv', 'partners/rows?format=csv&sep=semicolon&lang=sv'],
      ['partners-en.csv', 'partners/rows?format=csv&sep=comma&lang=en'],
      ['partners.xlsx', 'partners/rows?format=xlsx&lang=sv'],
    ];
    for (const [name, path] of exports) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/${path}`, f.tokens.viewer);
      files[name] = new Uint8Array(await res.arrayBuffer());
      writeFileSync(join(dir, name), files[name]);
    }
    await convert(['plan-sv.csv', 'partners-sv.csv'], csvFilter(';', 1053));
    await convert(['plan-en.csv', 'partners-en.csv'], csvFilter(',', 1033));
    await convert(['plan.xlsx', 'partners.xlsx']);
  }, 300_000);

  afterAll(async () => {
    await f?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The cells of the last row of a converted sheet, by header. */
  const lastRow = (name: string): Record<string, ExcelJS.CellValue> => {
    const sheet = converted[name] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const values = sheet.getRow(sheet.rowCount).values as ExcelJS.CellValue[];
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]).filter(([h]) => h !== ''));
  };

  it.each(['plan-sv.csv', 'plan-en.csv', 'plan.xlsx'])('%s: text with å/ä/ö, numbers as numbers, no formula evaluated', (name) => {
    const row = lastRow(name);
    const title = row.Aktivitet ?? row.Activity;
    expect(typeof title).toBe('string');
    expect(String(title)).toMatch(/^'?=1\+1$/);
    expect(row.Kommentar ?? row.Comment).toBe('Hälsoföreläsning Åsa, Örebro');
    expect(row['Deltagare planerat'] ?? row['Participants planned']).toBe(1200);
  });

  it('partners.xlsx keeps the kommun code 0180 and the phone number as text', () => {
    const row = lastRow('partners.xlsx');
    expect(row.Kommun).toBe('0180');
    expect(row.Telefon).toBe("'+46 70 123 45 67".slice(1));
    expect(row.Namn).toBe('Föreningen Ärlig');
  });

  it.each(['partners-sv.csv', 'partners-en.csv'])('%s: LibreOffice reads 0180 as the number 180 (CSV has no text form), never a formula', (name) => {
    const row = lastRow(name);
    expect([180, '0180']).toContain(row.Kommun ?? row.Municipality);
    expect(String(row.Telefon ?? row.Phone)).toMatch(/^'?\+46 70 123 45 67$/);
  });

  // The workbooks LibreOffice saved from Samplan's workbooks: the same document.
  it.each([
    ['plan-a', 'plan.xlsx'],
    ['partners', 'partners.xlsx'],
  ])('%s: the workbook LibreOffice saved from %s imports back to the same document', async (doc, name) => {
    const summary = await importSaved(doc, name);
    expect(summary).toMatchObject({ imported: 0, updated: 0, refused: [] });
    expect(await docRows(doc)).toEqual(before[doc]);
  });

  // LibreOffice shows the CSV's formula guard (`'=1+1`, `'+46 70…`) as part of the text and saves
  // it so in the workbook; the import drops that one apostrophe, as a CSV import does: the same
  // document, nothing added, changed or duplicated.
  it.each([
    ['plan-a', 'plan-sv.csv'],
    ['plan-a', 'plan-en.csv'],
    ['partners', 'partners-sv.csv'],
    ['partners', 'partners-en.csv'],
  ])('%s: the workbook LibreOffice saved from %s imports back to the same document, without the formula guard', async (doc, name) => {
    const summary = await importSaved(doc, name);
    expect(summary).toMatchObject({ imported: 0, updated: 0, refused: [] });
    expect(await docRows(doc)).toEqual(before[doc]);
  });

  async function importSaved(doc: string, name: string): Promise<{ imported: number; updated: number; refused: unknown[] }> {
    const bytes = readFileSync(join(dir, 'out', name.replace(/\.\w+$/, '.xlsx')));
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': XLSX },
      body: new Uint8Array(bytes),
    });
    return (await res.json()) as { imported: number; updated: number; refused: unknown[] };
  }
});

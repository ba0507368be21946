/**
 * `samplan import` of a file with nothing to import: a CSV, XLSX or ODS file of a header alone,
 * or a JSON file of no records, imports nothing and exits 0 as before, and says on stderr that the
 * file had no rows (the summary's `noRows`), so the person is not left with a silent success.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCommand } from '../../server/cli-import.js';
import { makeOds, sheet, stringRow } from '../support/ods.js';
import { makeFixture, WS, type Fixture } from './http/support.js';

describe('samplan import of a file with no rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-import-empty-'));
  let f: Fixture;
  let said: string[];
  let printed: string[];
  beforeEach(async () => {
    f = await makeFixture();
    said = [];
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await f.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (name: string, bytes: string | Uint8Array, dryRun = false, json = false) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return importCommand([WS, 'plan-a', file], { ...(dryRun ? { 'dry-run': true } : {}), ...(json ? { json: true } : {}), lang: 'en' }, (fn) => fn(f.storage), {});
  };
  const HEADER = ['Aktivitet', 'Typ', 'Startdatum'];

  it('says a CSV file of a header alone has no rows, imports nothing and exits 0', async () => {
    expect(await run('tom.csv', `${HEADER.join(';')}\r\n\r\n`, false, true)).toBe(0);
    expect(said).toEqual(['The file has no rows under its header, so there is nothing to import.']);
    expect(JSON.parse(printed.join('\n'))).toMatchObject({ imported: 0, updated: 0, refused: [], noRows: { message: { sv: 'Filen har inga rader under rubrikraden, så det finns inget att importera.' } } });
  });

  it('says so of an XLSX and an ODS workbook of a header alone, and of a JSON file of no records, in a dry run too', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRow(HEADER);
    expect(await run('tom.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer))).toBe(0);
    expect(await run('tom.ods', makeOds({ tables: sheet('Plan', [stringRow(HEADER)]) }), true)).toBe(0);
    expect(await run('tom.json', '[]')).toBe(0);
    expect(said).toEqual([
      'The file has no rows under its header, so there is nothing to import.',
      'The file has no rows under its header, so there is nothing to import.',
      'The file holds no records, so there is nothing to import.',
    ]);
  });

  it('says nothing of the kind when the file has a row, even one that matches no column', async () => {
    expect(await run('en.csv', `${HEADER.join(';')};Färg\r\n;;;röd\r\n`, true)).toBe(0);
    expect(said.filter((line) => line.includes('nothing to import'))).toEqual([]);
  });
});

/**
 * Dates as Swedish Excel and LibreOffice show them under their long and `d-mmm-yy` formats, which
 * a CSV saved "as shown" holds as text: `den 12 mars 2026`, `torsdag 11 juni 2026`,
 * `torsdag den 11 juni 2026`, `12-mar-26`. They were refused as "not a date"; they are read, a
 * weekday checked against its date. The CSV is written by LibreOffice from a workbook with
 * Swedish date formats (skipped only when `soffice` is absent).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { parseSwedishDate } from '../../../shared/normalize/parse-date.js';
import { makeFixture, WS, type Fixture } from './support.js';
import { hasOffice, officeConvert } from '../../support/office-convert.js';

/** A workbook whose date cells carry Swedish long and short month formats, saved by LibreOffice as a semicolon CSV of the text shown. */
async function csvAsShown(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Aktivitet', 'Typ', 'Startdatum', 'Slutdatum']);
  ws.addRow(['Gympa', 'halsodag', new Date('2026-03-12T00:00:00Z'), new Date('2026-06-11T00:00:00Z')]);
  ws.addRow(['Dans', 'halsodag', new Date('2026-03-12T00:00:00Z'), new Date('2026-06-11T00:00:00Z')]);
  ws.getCell('C2').numFmt = '[$-41D]"den "d mmmm yyyy';
  ws.getCell('D2').numFmt = '[$-41D]dddd d mmmm yyyy';
  ws.getCell('C3').numFmt = '[$-41D]d-mmm-yy';
  ws.getCell('D3').numFmt = '[$-41D]dddd "den" d mmmm yyyy';
  writeFileSync(join(dir, 'plan.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const filter = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true';
  officeConvert([join(dir, 'plan.xlsx')], filter, join(dir, 'csv'));
  return readFileSync(join(dir, 'csv', 'plan.csv'), 'utf8');
}

describe('Swedish long dates in an import', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.skipIf(!hasOffice())('reads the dates of a CSV LibreOffice saved as shown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samplan-dates-'));
    try {
      const csv = await csvAsShown(dir);
      expect(csv).toContain('den 12 mars 2026');
      expect(csv).toContain('torsdag den 11 juni 2026');
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ imported: 2, refused: [] });
      const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).filter((r) => ['Gympa', 'Dans'].includes(r.values.title as string));
      expect(rows.map((r) => [r.values.startDate, r.values.endDate])).toEqual([['2026-03-12', '2026-06-11'], ['2026-03-12', '2026-06-11']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('parseSwedishDate with a weekday, den, or d-mmm-yy', () => {
  it('reads the long forms and checks the weekday', () => {
    const at = (text: string) => parseSwedishDate(text, 2026)?.iso ?? null;
    expect(at('den 12 mars 2026')).toBe('2026-03-12');
    expect(at('torsdag 12 mars 2026')).toBe('2026-03-12');
    expect(at('Torsdag den 12 mars 2026')).toBe('2026-03-12');
    expect(at('tors 12/3')).toBe('2026-03-12');
    expect(at('tor. 12.3.2026')).toBe('2026-03-12');
    expect(at('12-mar-26')).toBe('2026-03-12');
    expect(at('12-mars-2026')).toBe('2026-03-12');
    expect(at('den 12 mars 2026 10:00')).toBe('2026-03-12');
  });

  it('refuses a weekday that is not the date\'s, and words that are no weekday', () => {
    expect(parseSwedishDate('fredag 12 mars 2026', 2026)).toBeNull();
    expect(parseSwedishDate('senast 12 mars 2026', 2026)).toBeNull();
    expect(parseSwedishDate('den', 2026)).toBeNull();
    expect(parseSwedishDate('12-mar-26-1', 2026)).toBeNull();
  });
});

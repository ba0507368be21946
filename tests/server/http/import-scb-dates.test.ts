/**
 * Dates and missing figures as statistics and exported files write them: a date month first
 * (`mars 12, 2026`, `March 12, 2026`), a date year first with points (`2026.03.12`), and
 * Statistics Sweden's `..` for a figure that is missing, read as empty and counted
 * (`empty-from-missing`), never refused as "not a number" (which lost the whole record) nor read
 * as 0. Files built here: a Windows-1252 semicolon CSV (iconv-lite) and a workbook (exceljs).
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localized } from '../../../shared/i18n/t.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { parseSwedishDate } from '../../../shared/normalize/parse-date.js';
import { cellColumn } from '../../../shared/schema/index.js';
import { importFile, importWorkbook, planRowTitled } from './import-post.js';
import { makeFixture, type Fixture } from './support.js';

describe('dates month first or year first with points, and SCB\'s ..', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('imports a Windows-1252 semicolon CSV with mars 12, 2026, 2026.03.12 and .. in its cells', async () => {
    const csv = 'Aktivitet;Typ;Startdatum;Slutdatum;Deltagare planerat;Deltagare nådda\r\nGympa för äldre;halsodag;"mars 12, 2026";2026.03.19;20;..\r\nÖppet hus;halsodag;"April 2, 2026";2026.4.30;..;..\r\n';
    const summary = await importFile(f, iconv.encode(csv, 'win1252'), 'text/csv');
    expect(summary).toMatchObject({ imported: 2, refused: [], encoding: 'windows-1252' });
    expect(summary.normalized).toMatchObject({ participantsReached: { 'empty-from-missing': 2 }, participantsPlanned: { 'empty-from-missing': 1 } });
    expect(await planRowTitled(f, 'Gympa för äldre')).toMatchObject({ startDate: '2026-03-12', endDate: '2026-03-19', participantsPlanned: 20 });
    expect((await planRowTitled(f, 'Gympa för äldre'))?.participantsReached ?? null).toBeNull();
    expect(await planRowTitled(f, 'Öppet hus')).toMatchObject({ startDate: '2026-04-02', endDate: '2026-04-30' });
    expect((await planRowTitled(f, 'Öppet hus'))?.participantsPlanned ?? null).toBeNull();
  });

  it('imports a workbook with the same written as text cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', 'Startdatum', 'Deltagare planerat', 'Deltagare nådda']);
    ws.addRow(['Stavgång', 'halsodag', 'March 12, 2026', 10, '..']);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 1, refused: [], normalized: { participantsReached: { 'empty-from-missing': 1 } } });
    expect(await planRowTitled(f, 'Stavgång')).toMatchObject({ startDate: '2026-03-12', participantsPlanned: 10 });
  });
});

describe('the rules themselves', () => {
  const col = (kind: 'activity-plan' | 'indicator-values', key: string) => {
    const c = cellColumn(kind, key);
    if (!c) throw new Error(key);
    return c;
  };

  it('reads month-first dates only with a four-digit year and a real day', () => {
    expect(parseSwedishDate('mars 12, 2026', null)?.iso).toBe('2026-03-12');
    expect(parseSwedishDate('mar. 12 2026', null)?.iso).toBe('2026-03-12');
    expect(parseSwedishDate('mars 12, 2026 10:00', null)).toEqual({ iso: '2026-03-12', hadTime: true });
    expect(parseSwedishDate('feb 30, 2026', null)).toBeNull();
    expect(parseSwedishDate('mars 12 26', null), 'a two-digit year would read as a day').toBeNull();
    expect(parseSwedishDate('2026.03.12', null)?.iso).toBe('2026-03-12');
    expect(parseSwedishDate('2026.02.30', null)).toBeNull();
  });

  it('reads .. as empty in number, date and period columns, keeps it in text', () => {
    for (const [kind, key] of [['indicator-values', 'value'], ['activity-plan', 'participantsPlanned'], ['activity-plan', 'startDate'], ['indicator-values', 'period']] as const) {
      expect(normalizeCell(col(kind, key), '..')).toEqual({ ok: true, value: null, how: 'empty-from-missing' });
      expect(normalizeCell(col(kind, key), ' .. ')).toEqual({ ok: true, value: null, how: 'empty-from-missing' });
    }
    expect(normalizeCell(col('activity-plan', 'title'), '..')).toEqual({ ok: true, value: '..' });
    expect(normalizeCell(col('activity-plan', 'participantsPlanned'), '...').ok).toBe(false);
    expect(localized('empty-from-missing', { column: 'Värde', value: '..' }).sv).toBe('Värde: ".." betyder att uppgiften saknas (så skriver SCB i sin statistik) och läses som inget värde; cellen är nu tom.');
  });
});

/**
 * A dash alone in a cell of numbers, dates or periods — `–` as Swedish reports and tables write
 * "no value", `-` typed for "nothing yet" — is read as empty, not refused as "not a number": a
 * Windows-1252 semicolon CSV and a workbook saved by Swedish Excel import their other values, and
 * the answer counts what was read so (`empty-from-dash`). Text and choice columns keep or judge a
 * dash as before, and a minus sign before a number is still a minus.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../../shared/schema/index.js';
import { importFile, importWorkbook, planRowTitled } from './import-post.js';
import { makeFixture, type Fixture } from './support.js';

describe('a dash alone for no value', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('imports a Windows-1252 semicolon CSV with – and - in number and date cells, the rest of each record kept', async () => {
    const csv = 'Aktivitet;Typ;Startdatum;Slutdatum;Deltagare planerat;Deltagare nådda\r\nGympa för äldre;halsodag;2026-03-12;–;20;–\r\nÖppet hus på torget;halsodag;-;-;1\u00a0200;\u2014\r\n';
    const summary = await importFile(f, iconv.encode(csv, 'win1252'), 'text/csv');
    expect(summary).toMatchObject({ imported: 2, refused: [], encoding: 'windows-1252' });
    expect(summary.normalized).toMatchObject({ endDate: { 'empty-from-dash': 2 }, participantsReached: { 'empty-from-dash': 2 }, startDate: { 'empty-from-dash': 1 } });
    expect(await planRowTitled(f, 'Gympa för äldre')).toMatchObject({ startDate: '2026-03-12', participantsPlanned: 20 });
    expect((await planRowTitled(f, 'Gympa för äldre'))?.participantsReached ?? null).toBeNull();
    expect((await planRowTitled(f, 'Öppet hus på torget'))?.participantsPlanned).toBe(1200);
  });

  it('imports a workbook\'s – text cell under a number column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Aktivitet', 'Typ', 'Deltagare planerat', 'Deltagare nådda']);
    ws.addRow(['Stavgång', 'halsodag', 10, '–']);
    const summary = await importWorkbook(f, wb);
    expect(summary).toMatchObject({ imported: 1, refused: [], normalized: { participantsReached: { 'empty-from-dash': 1 } } });
    expect(await planRowTitled(f, 'Stavgång')).toMatchObject({ participantsPlanned: 10 });
  });
});

describe('normalizeCell and a dash alone', () => {
  const col = (kind: 'activity-plan' | 'indicator-values', key: string) => {
    const c = cellColumn(kind, key);
    if (!c) throw new Error(key);
    return c;
  };

  it('reads a dash alone as empty in number, integer, date and period columns', () => {
    for (const dash of ['-', '–', '—', '−', ' – ']) {
      expect(normalizeCell(col('indicator-values', 'value'), dash)).toEqual({ ok: true, value: null, how: 'empty-from-dash' });
      expect(normalizeCell(col('activity-plan', 'participantsPlanned'), dash)).toEqual({ ok: true, value: null, how: 'empty-from-dash' });
      expect(normalizeCell(col('activity-plan', 'startDate'), dash)).toEqual({ ok: true, value: null, how: 'empty-from-dash' });
      expect(normalizeCell(col('indicator-values', 'period'), dash)).toEqual({ ok: true, value: null, how: 'empty-from-dash' });
    }
  });

  it('keeps a minus before a number, refuses two dashes, and leaves text and choices as they were', () => {
    expect(normalizeCell(col('indicator-values', 'value'), '−5')).toMatchObject({ ok: true, value: -5 });
    expect(normalizeCell(col('indicator-values', 'value'), '--')).toMatchObject({ ok: false, code: 'not-number' });
    expect(normalizeCell(col('activity-plan', 'comment'), '–')).toEqual({ ok: true, value: '–' });
    expect(normalizeCell(col('activity-plan', 'type'), '–')).toMatchObject({ ok: false, code: 'enum' });
  });
});

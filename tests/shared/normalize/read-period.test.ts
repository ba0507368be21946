/**
 * `readPeriod`, the one period parser of every door, on what a coordinator types in a hurry:
 * a date in every Swedish spelling by the first-of-month rule, slashes read two ways refused
 * naming both dates, weeks and seasons named as what they are, spacing and capitals ignored.
 */
import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { parseAnyPeriod, readPeriod } from '../../../shared/normalize/parse-period.js';
import { periodOrWords } from '../../../shared/normalize/period-refusal.js';
import { cellColumn } from '../../../shared/schema/index.js';

const period = cellColumn('indicator-values', 'period')!;

describe('readPeriod', () => {
  it('reads a month’s first day in every Swedish spelling as that month, and nothing else as one', () => {
    for (const text of ['1.7.2026', '1/7 2026', '1 juli 2026', '1 jul 2026', '1 Juli 2026', '1:a juli 2026', '2026-07-01', '2026-7-1', '20260701', '1.7.26']) {
      expect(parseAnyPeriod(text), text).toBe('202607');
    }
    for (const text of ['15.7.2026', '15/7 2026', '15 juli 2026', '2026-7-15']) {
      expect(readPeriod(text), text).toEqual({ ok: false, why: 'day', date: '2026-07-15' });
    }
    expect(readPeriod('2026-07-01 10:30')).toEqual({ ok: false, why: 'day', date: '2026-07-01 10:30' });
    // A date as programs write one, a timestamp at midnight, is the date written.
    for (const text of ['2026-07-01T00:00:00Z', '2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00+02:00', '2026-07-01 00:00']) expect(parseAnyPeriod(text), text).toBe('202607');
    expect(readPeriod('2026-07-01T10:00:00Z')).toEqual({ ok: false, why: 'day', date: '2026-07-01T10:00:00Z' });
    expect(readPeriod('1 juli'), 'a date without its year').toEqual({ ok: false, why: 'not-period' });
    // After a month word the year in two digits, as in `jul-26`.
    for (const text of ['1 juli 26', '1 jul 26', '1 Jul. 26', '1:a juli 26']) expect(parseAnyPeriod(text), text).toBe('202607');
    expect(readPeriod('15 juli 26')).toEqual({ ok: false, why: 'day', date: '2026-07-15' });
    expect(parseAnyPeriod('1 jan 99'), 'Excel’s century').toBe('199901');
    expect(readPeriod('1 7 26'), 'no month word: no two-digit year').toEqual({ ok: false, why: 'not-period' });
  });

  it('refuses slashes that read as two dates, naming both, and never takes 7/1/2026 for 1 July', () => {
    expect(readPeriod('7/1/2026')).toEqual({ ok: false, why: 'ambiguous-date', dayFirst: '2026-01-07', monthFirst: '2026-07-01' });
    expect(readPeriod('1/7/2026')).toEqual({ ok: false, why: 'ambiguous-date', dayFirst: '2026-07-01', monthFirst: '2026-01-07' });
    expect(parseAnyPeriod('1/1/2026'), 'one reading').toBe('202601');
    expect(readPeriod('13/1/2026'), 'day first only').toEqual({ ok: false, why: 'day', date: '2026-01-13' });
    expect(readPeriod('1/13/2026'), 'month first only: still a day').toEqual({ ok: false, why: 'day', date: '2026-01-13' });
    const words = periodOrWords('7/1/2026');
    expect('words' in words && words.words.sv).toBe(
      '"7/1/2026" kan vara 2026-01-07 (dag först, som vi skriver i Sverige) eller 2026-07-01 (månad först, som i USA), och Samplan gissar inte. Skriv månaden med ord eller datumet med punkter, t.ex. juni 2024, jun-24 eller 1.6.2024, eller en period som 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.',
    );
  });

  it('ignores spacing and capitals and takes either order', () => {
    const cases: [string, string][] = [
      ['  2026   kv  1 ', '2026Q1'],
      ['Kv1 2026', '2026Q1'],
      ['KV 1 2026', '2026Q1'],
      ['2026 Q1', '2026Q1'],
      ['H1 2026', '2026S1'],
      ['2026\u00a0Halvår\u00a02', '2026S2'],
      ['2026 juli', '202607'],
      [' JULI 2026 ', '202607'],
      ['2026 helår', '2026'],
      ['kv 1, 2026', '2026Q1'],
      ['kv1 -26', '2026Q1'],
      ["Q1 '26", '2026Q1'],
      ['H2-26', '2026S2'],
      ['första kvartalet 2026', '2026Q1'],
      ['Fjärde kv 2026', '2026Q4'],
      ['andra halvåret 2026', '2026S2'],
      ['1a kvartalet 2026', '2026Q1'],
      ['juli, 2026', '202607'],
      ["jul '26", '202607'],
      ['jul\u201326', '202607'],
      ['2026\u201307', '202607'],
    ];
    for (const [text, code] of cases) expect(parseAnyPeriod(text), JSON.stringify(text)).toBe(code);
  });

  it('reads a range of months that is exactly a quarter, a half-year or a year as that period, and names any other', () => {
    const cases: [string, string][] = [
      ['jan–mar 2026', '2026Q1'],
      ['januari–mars 2026', '2026Q1'],
      ['jan-mar 26', '2026Q1'],
      ['Jan - Mar 2026', '2026Q1'],
      ['apr—jun 2026', '2026Q2'],
      ['jul.–sep. 2026', '2026Q3'],
      ['oktober–december 2025', '2025Q4'],
      ['jan–jun 2026', '2026S1'],
      ['juli–december 2026', '2026S2'],
      ['jan–dec 2026', '2026'],
      ['mar–mar 2026', '202603'],
    ];
    for (const [text, code] of cases) expect(parseAnyPeriod(text), JSON.stringify(text)).toBe(code);
    for (const text of ['feb–apr 2026', 'jan–feb 2026', 'jan–aug 2026', 'apr–sep 2026', 'mar–jan 2026', 'nov–jan 2026']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'month-range' });
    expect(readPeriod('jan–kv 2026'), 'a word that is no month').toEqual({ ok: false, why: 'not-period' });
    const range = periodOrWords('feb–apr 2026');
    expect('words' in range && range.words.sv).toBe(
      '"feb–apr 2026" är månader som inte bildar ett kvartal, ett halvår eller ett år, och det är ingen period i Samplan: ett kvartal är jan–mar, apr–jun, jul–sep eller okt–dec, ett halvår jan–jun eller jul–dec. Skriv t.ex. 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.',
    );
    expect('words' in range && range.words.en).toContain('"feb–apr 2026" is a range of months that is no quarter, half-year or year');
  });

  it('reads a range written with the year on each side, in words or year first as the period the short spelling gives', () => {
    const cases: [string, string][] = [
      ['jan 2026 – mar 2026', '2026Q1'],
      ['Jan 2026 - Mar 2026', '2026Q1'],
      ['jan-26 – mar-26', '2026Q1'],
      ['januari 2026 – mars 2026', '2026Q1'],
      ['januari till mars 2026', '2026Q1'],
      ['januari 2026 till och med mars 2026', '2026Q1'],
      ['från januari till mars 2026', '2026Q1'],
      ['fr.o.m. jan t.o.m. jun 2026', '2026S1'],
      ['2026 jan–mar', '2026Q1'],
      ['2026: januari till mars', '2026Q1'],
      ['2026 juli–december', '2026S2'],
      ['2026 jan–dec', '2026'],
      // The year written first on each side.
      ['2026 jan – 2026 mar', '2026Q1'],
      ['2026 januari till 2026 juni', '2026S1'],
    ];
    for (const [text, code] of cases) expect(parseAnyPeriod(text), JSON.stringify(text)).toBe(code);
    for (const text of ['2026 feb–apr', 'februari till april 2026', 'nov 2025 – jan 2026', 'jan 2025 – mar 2026', '2025 nov – 2026 jan', '2025 jan – 2026 mar']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'month-range' });
    const across = periodOrWords('nov 2025 – jan 2026');
    expect('words' in across && across.words.sv).toContain('"nov 2025 – jan 2026" är månader som inte bildar ett kvartal');
  });

  it('names a school year or verksamhetsår across two calendar years as no period of Samplan’s, as a plan’s title names one', () => {
    for (const text of ['läsår 25/26', 'Läsåret 2025/2026', 'skolåret 2025–26', 'verksamhetsår 2025/26', 'Verksamhetsåret 25 - 26']) {
      expect(readPeriod(text), text).toEqual({ ok: false, why: 'school-year' });
    }
    const year = periodOrWords('läsår 25/26');
    expect('words' in year && year.words.sv).toBe(
      '"läsår 25/26" är ett läsår eller verksamhetsår över två kalenderår, och det är ingen period i Samplan: uppföljningen görs per år, halvår, kvartal och månad. Skriv t.ex. 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.',
    );
    // Two years alone may be two calendar years: no period, in the plain words.
    expect(readPeriod('2025/26')).toEqual({ ok: false, why: 'not-period' });
  });

  it('names a week and a season as no period of Samplan’s, in words', () => {
    for (const text of ['vecka 12', 'Vecka 12 2026', 'v. 12', 'v12', '2026-W12', 'W12 2026']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'week' });
    for (const text of ['sommaren 2026', 'Hösten 2026', 'våren', 'vinter 2026']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'season' });
    for (const text of ['vt 2026', 'HT 2026', 'höstterminen 2026']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'term' });
    // A run of digits is no two-digit year: never guessed.
    for (const text of ['q123', 'kv 1 2', 'andra 2026']) expect(readPeriod(text), text).toEqual({ ok: false, why: 'not-period' });
    const week = periodOrWords('vecka 12');
    expect('words' in week && week.words.sv).toBe('"vecka 12" är en vecka, och det är ingen period i Samplan: uppföljningen görs per år, halvår, kvartal och månad. Skriv t.ex. 2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24.');
    const season = periodOrWords('sommaren 2026');
    expect('words' in season && season.words.en).toBe('"sommaren 2026" is a season, which is no period of Samplan\'s: follow-up is by year, half-year, quarter and month. Write e.g. 2024, 2024 Q2, 2024 H1, June 2024 or Jun-24.');
  });
});

describe('a period cell', () => {
  it('names the column, the text and both readings of a slashed date', () => {
    const r = normalizeCell(period, '7/1/2026');
    expect(r).toMatchObject({ ok: false, code: 'period-date-ambiguous' });
    if (r.ok) return;
    expect(r.message.sv).toMatch(/^Period: "7\/1\/2026" kan vara 2026-01-07 \(dag först.*eller 2026-07-01 \(månad först, som i USA\)/);
    expect(r.message.en).toMatch(/^Period: "7\/1\/2026" could be 2026-01-07 \(day first.*or 2026-07-01 \(month first, as in the United States\)/);
  });

  it('reads five digits of CSV text as Excel’s serial (1900 system) by the first-of-month rule', () => {
    expect(normalizeCell(period, '46204')).toEqual({ ok: true, value: '202607', how: 'period-from-text' });
    expect(normalizeCell(period, ' 45658 ')).toMatchObject({ ok: true, value: '202501' });
    const day = normalizeCell(period, '46218');
    expect(day).toMatchObject({ ok: false, code: 'period-is-day' });
    if (!day.ok) expect(day.message.sv).toContain('datumet 2026-07-15 är ingen period');
    // Four digits are a year, six a month, never a serial.
    expect(normalizeCell(period, '2026')).toMatchObject({ ok: true, value: '2026' });
    expect(normalizeCell(period, '202607')).toMatchObject({ ok: true, value: '202607' });
    expect(normalizeCell(period, '462040')).toMatchObject({ ok: false, code: 'not-period' });
  });

  it('never reads five digits as a date outside a period column', () => {
    expect(normalizeCell(cellColumn('indicator-values', 'value')!, '46204')).toMatchObject({ ok: true, value: 46204 });
    expect(normalizeCell(cellColumn('activity-plan', 'title')!, '46204')).toMatchObject({ ok: true, value: '46204' });
  });

  it('reads a range of numeric months as the period it spells, and refuses one over two years as period-month-range', () => {
    for (const text of ['2026-01 – 2026-03', '2026-01–03', '2026-01 - 2026-03', '2026-01—2026-03', '2026-01 till 2026-03', '2026-01 - 03']) {
      expect(normalizeCell(period, text), text).toMatchObject({ ok: true, value: '2026Q1' });
    }
    expect(normalizeCell(period, '2026-07–12')).toMatchObject({ ok: true, value: '2026S2' });
    expect(normalizeCell(period, '2026-01 – 2026-12')).toMatchObject({ ok: true, value: '2026' });
    expect(normalizeCell(period, '2025-11 – 2026-01')).toMatchObject({ ok: false, code: 'period-month-range' });
    expect(normalizeCell(period, '2026-02 – 2026-04')).toMatchObject({ ok: false, code: 'period-month-range' });
    // Hyphens alone, no year after them: a date, refused as a day as before.
    expect(readPeriod('2026-01-03')).toEqual({ ok: false, why: 'day', date: '2026-01-03' });
  });
});


import { describe, expect, it } from 'vitest';
import { koladaPage, koladaPageSchema, rowsFromKolada, toKolada } from '../../../shared/indicators/kolada.js';
import type { IndicatorTableRow } from '../../../shared/indicators/table.js';
import { checkSwedish } from '../../../shared/i18n/check-words.js';

const row = (p: Partial<IndicatorTableRow>): IndicatorTableRow => ({
  indicator: 'i1', name: 'n', area: null, unit: '0180', period: '2024', kon: 'T', value: 1, numerator: null, denominator: null,
  unitOfMeasure: null, target: null, baseline: null, direction: null, targetStatus: null, status: null, source: null, ...p,
});

describe('toKolada', () => {
  it('groups kön values under one entry per indicator, unit and period', () => {
    const entries = toKolada([row({ kon: 'T', value: 10 }), row({ kon: 'K', value: 6 }), row({ kon: 'M', value: null })]);
    expect(entries).toEqual([
      {
        kpi: 'i1',
        municipality: '0180',
        period: 2024,
        values: [
          { gender: 'T', count: 1, status: '', value: 10 },
          { gender: 'K', count: 1, status: '', value: 6 },
          { gender: 'M', count: 1, status: 'Missing', value: null },
        ],
      },
    ]);
  });
  it('keeps quarters as text', () => {
    expect(toKolada([row({ period: '2024Q3' })])[0]?.period).toBe('2024Q3');
  });
});

describe('koladaPage', () => {
  it('pages with a next_page link until the last page', () => {
    const entries = toKolada([row({ unit: 'a' }), row({ unit: 'b' }), row({ unit: 'c' })]);
    const p1 = koladaPage(entries, 1, 2, (n) => `/x?page=${n}`);
    const p2 = koladaPage(entries, 2, 2, (n) => `/x?page=${n}`);
    expect(p1.values.map((e) => e.municipality)).toEqual(['a', 'b']);
    expect(p1.next_page).toBe('/x?page=2');
    expect(p2.values.map((e) => e.municipality)).toEqual(['c']);
    expect(p2.next_page).toBeNull();
  });
});

describe('rowsFromKolada', () => {
  it('turns a Kolada page into indicator-values rows, keeping null as null', () => {
    const page = koladaPageSchema.parse({
      values: [{ kpi: 'i1', municipality: '0180', period: 2023, values: [{ gender: 'T', value: 5.5 }, { gender: 'K', value: null }] }],
    });
    expect(rowsFromKolada(page.values)).toEqual([
      { indicator: 'i1', unit: '0180', period: '2023', kon: 'T', value: 5.5, source: 'Kolada-import' },
      { indicator: 'i1', unit: '0180', period: '2023', kon: 'K', value: null, source: 'Kolada-import' },
    ]);
  });
  it('rejects a malformed page with a reason', () => {
    const r = koladaPageSchema.safeParse({ values: [{ kpi: '', municipality: 'x', period: 2023, values: [{ gender: 'X', value: 1 }] }] });
    expect(r.success).toBe(false);
  });
  const pageOf = (period: unknown) => ({ values: [{ kpi: 'i1', municipality: '0180', period, values: [{ gender: 'T', value: 1 }] }] });
  it.each([45658, '45658', 20245, 1800])('refuses the period %j, which the cell reader would take for an Excel date serial (45658: January 2025)', (period) => {
    const r = koladaPageSchema.safeParse(pageOf(period));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['values', 0, 'period']);
    expect(r.error?.issues[0]?.message).toMatch(/^must (as a number|in digits alone) be a year/);
  });
  it.each([2024, '2024', '202406', '2024Q3', '2024S1', 'jun-24', '2024 kv 3', 'september 2024'])('takes the period %j (words are read as a cell is, on import)', (period) => {
    expect(koladaPageSchema.safeParse(pageOf(period)).success).toBe(true);
  });
  it.each(['Q3', 'det tredje kvartalet av år 2024 i länet'])('refuses the text %j, too short or long to be a period, in words that say what a period looks like', (period) => {
    const r = koladaPageSchema.safeParse(pageOf(period));
    expect(r.error?.issues[0]?.path).toEqual(['values', 0, 'period']);
    const en = r.error?.issues[0]?.message ?? '';
    expect(en).toMatch(/^must be a period as text, e\.g\. 2024Q3, .*2024 Q3.* \(4–32 characters\)$/);
    expect(checkSwedish(en)).toMatch(/^ska vara en period som text, t\.ex\. 2024Q3, .*2024 kv 3.* \(4–32 tecken\)$/);
  });
});

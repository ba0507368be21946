import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  dayAfterPeriod,
  formatPeriod,
  isPeriod,
  parsePeriod,
  periodContains,
  periodLastDay,
  periodParent,
  type Period,
} from '../../../shared/catalog/period.js';

const p = (text: string): Period => {
  const parsed = parsePeriod(text);
  if (!parsed) throw new Error(`not a period: ${text}`);
  return parsed;
};

describe('parsePeriod', () => {
  it('reads the four forms', () => {
    expect(parsePeriod('2024')).toEqual({ kind: 'year', year: 2024, index: 1 });
    expect(parsePeriod('2024Q2')).toEqual({ kind: 'quarter', year: 2024, index: 2 });
    expect(parsePeriod('202406')).toEqual({ kind: 'month', year: 2024, index: 6 });
    expect(parsePeriod('2024S2')).toEqual({ kind: 'half', year: 2024, index: 2 });
  });

  it('refuses out-of-range parts and other spellings', () => {
    for (const bad of ['2024Q0', '2024Q5', '202400', '202413', '2024S3', '2024q2', '2024-06', '24Q1', ' 2024', '2024M06', '1899', '']) {
      expect(parsePeriod(bad), bad).toBeNull();
      expect(isPeriod(bad)).toBe(false);
    }
  });
});

describe('formatPeriod', () => {
  it('round-trips every form', () => {
    for (const text of ['2024', '2024S1', '2024Q4', '202401', '202412']) expect(formatPeriod(p(text))).toBe(text);
  });
});

describe('comparePeriods', () => {
  it('orders by start, longer first at the same start', () => {
    const sorted = ['202404', '2024Q2', '2023', '2024S1', '2024', '202401', '2024Q1'].map(p).sort(comparePeriods).map(formatPeriod);
    expect(sorted).toEqual(['2023', '2024', '2024S1', '2024Q1', '202401', '2024Q2', '202404']);
  });

  it('says equal periods are equal', () => {
    expect(comparePeriods(p('2024Q3'), p('2024Q3'))).toBe(0);
  });
});

describe('periodParent', () => {
  it('goes month → quarter → year', () => {
    expect(formatPeriod(periodParent(p('202405')) as Period)).toBe('2024Q2');
    expect(formatPeriod(periodParent(p('2024Q2')) as Period)).toBe('2024');
    expect(periodParent(p('2024'))).toBeNull();
  });

  it('goes month → half-year when asked, and half-year → year', () => {
    expect(formatPeriod(periodParent(p('202406'), 'half') as Period)).toBe('2024S1');
    expect(formatPeriod(periodParent(p('202407'), 'half') as Period)).toBe('2024S2');
    expect(formatPeriod(periodParent(p('2024S2')) as Period)).toBe('2024');
  });
});

describe('periodContains', () => {
  it('knows which period lies within which', () => {
    expect(periodContains(p('2024'), p('202412'))).toBe(true);
    expect(periodContains(p('2024S2'), p('2024Q3'))).toBe(true);
    expect(periodContains(p('2024S1'), p('2024Q3'))).toBe(false);
    expect(periodContains(p('2024Q1'), p('2024'))).toBe(false);
    expect(periodContains(p('2024Q1'), p('2024Q1'))).toBe(true);
  });
});

describe('a period’s last day and the day after it', () => {
  it('turns the year after the last month, never a month 13, and knows February’s length', () => {
    expect(['2025Q4', '2025S2', '2025', '202512', '2025Q1', '202402', '202502', '2024S1'].map((c) => periodLastDay(p(c)))).toEqual([
      '2025-12-31', '2025-12-31', '2025-12-31', '2025-12-31', '2025-03-31', '2024-02-29', '2025-02-28', '2024-06-30',
    ]);
    expect(['2025Q4', '2025S2', '2025', '202512', '2025Q1', '202402'].map((c) => dayAfterPeriod(p(c)))).toEqual(['2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01', '2025-04-01', '2024-03-01']);
  });
});

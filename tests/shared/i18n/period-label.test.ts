import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../../shared/catalog/period.js';
import { periodLabel, periodWords } from '../../../shared/i18n/period-label.js';
import { parseAnyPeriod } from '../../../shared/normalize/parse-period.js';

const p = (text: string) => parsePeriod(text) as Period;
const CODES = ['2025', '2025S1', '2025S2', '2025Q1', '2025Q4', '202501', '202503', '202512'];

describe('periodLabel', () => {
  it('writes periods in Swedish words, year first for quarters and half-years', () => {
    expect(['2024', '2024S1', '2024Q2', '202406', '202503'].map((x) => periodLabel(p(x), 'sv'))).toEqual([
      '2024',
      '2024 halvår 1',
      '2024 kv 2',
      'juni 2024',
      'mars 2025',
    ]);
  });

  it('writes periods in English words', () => {
    expect(['2024S2', '2024Q4', '202401'].map((x) => periodLabel(p(x), 'en'))).toEqual(['2024 H2', '2024 Q4', 'January 2024']);
  });

  it('reads every label back to its code, in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const code of CODES) expect(parseAnyPeriod(periodWords(code, lang)), `${code} ${lang}`).toBe(code);
    }
  });
});

describe('periodWords', () => {
  it('keeps a text that is no period code as it is', () => {
    expect(periodWords('2025 kv 4', 'sv')).toBe('2025 kv 4');
    expect(periodWords('vår', 'sv')).toBe('vår');
    expect(periodWords('2025Q5', 'en')).toBe('2025Q5');
  });
});

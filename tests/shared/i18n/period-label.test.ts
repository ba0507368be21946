import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../../shared/catalog/period.js';
import { periodLabel } from '../../../shared/i18n/period-label.js';

const p = (text: string) => parsePeriod(text) as Period;

describe('periodLabel', () => {
  it('writes periods in Swedish words', () => {
    expect(['2024', '2024S1', '2024Q2', '202406'].map((x) => periodLabel(p(x), 'sv'))).toEqual([
      '2024',
      'första halvåret 2024',
      'kvartal 2 2024',
      'juni 2024',
    ]);
  });

  it('writes periods in English words', () => {
    expect(['2024S2', '2024Q4', '202401'].map((x) => periodLabel(p(x), 'en'))).toEqual([
      'second half of 2024',
      'Q4 2024',
      'January 2024',
    ]);
  });
});

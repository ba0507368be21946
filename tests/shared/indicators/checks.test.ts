import { describe, expect, it } from 'vitest';
import { konMismatches, outliers, rangeWarnings } from '../../../shared/indicators/checks.js';
import { obs } from './observation.js';


describe('konMismatches', () => {
  const ratio = () => 'ratio' as const;
  it('accepts T equal to K + M', () => {
    const rows = [
      obs({ kon: 'T', numerator: 30, denominator: 100 }),
      obs({ kon: 'K', numerator: 20, denominator: 55 }),
      obs({ kon: 'M', numerator: 10, denominator: 45 }),
    ];
    expect(konMismatches(rows, ratio)).toEqual([]);
  });
  it('warns when T differs from K + M', () => {
    const rows = [
      obs({ kon: 'T', numerator: 31, denominator: 100 }),
      obs({ kon: 'K', numerator: 20, denominator: 55 }),
      obs({ kon: 'M', numerator: 10, denominator: 45 }),
    ];
    const [w] = konMismatches(rows, ratio);
    expect(w?.code).toBe('kon-mismatch');
    expect(w?.detail).toEqual({ numeratorT: 31, numeratorK: 20, numeratorM: 10 });
  });
  it('compares values for count indicators', () => {
    const rows = [obs({ kon: 'T', value: 12 }), obs({ kon: 'K', value: 5 }), obs({ kon: 'M', value: 6 })];
    expect(konMismatches(rows, () => 'count')).toHaveLength(1);
  });
  it('says nothing when a kön is missing', () => {
    const rows = [obs({ kon: 'T', value: 12 }), obs({ kon: 'K', value: 5 })];
    expect(konMismatches(rows, () => 'count')).toEqual([]);
  });
});

describe('rangeWarnings', () => {
  it('flags values under min and over max', () => {
    const rows = [obs({ value: -1 }), obs({ value: 50 }), obs({ value: 101 }), obs({ value: null })];
    const w = rangeWarnings(rows, () => ({ min: 0, max: 100 }));
    expect(w.map((x) => x.code)).toEqual(['below-min', 'above-max']);
  });
});

describe('outliers', () => {
  it('flags a unit far from the others by z-score', () => {
    const rows = Array.from({ length: 14 }, (_, i) => obs({ unit: `u${i}`, value: 10 + (i % 3) }));
    rows.push(obs({ unit: 'odd', value: 90 }));
    const w = outliers(rows);
    expect(w.map((x) => x.observation.unit)).toEqual(['odd']);
    expect(w[0]?.detail.z).toBeGreaterThan(3);
  });
  it('needs enough values before it says anything', () => {
    expect(outliers([obs({ value: 1 }), obs({ value: 1000 })])).toEqual([]);
  });
});

describe('konMismatches for levels', () => {
  it('does not ask an average (life expectancy) to add up', () => {
    const rows = [obs({ kon: 'T', value: 81.6 }), obs({ kon: 'K', value: 83.5 }), obs({ kon: 'M', value: 79.7 })];
    expect(konMismatches(rows, () => 'level')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { aggregate, effectiveValue, ratioValue, rollUp, targetStatus } from '../../../shared/indicators/compute.js';
import { obs } from './observation.js';


describe('ratioValue', () => {
  it('is numerator / denominator × factor', () => {
    expect(ratioValue(30, 120, 100)).toBe(25);
    expect(ratioValue(7, 2000, 1000)).toBe(3.5);
    expect(ratioValue(1, 3, 1)).toBeCloseTo(0.333333, 5);
  });
  it('is null when a part is missing or the denominator is 0', () => {
    expect(ratioValue(null, 10, 100)).toBeNull();
    expect(ratioValue(5, null, 100)).toBeNull();
    expect(ratioValue(5, 0, 100)).toBeNull();
  });
  it('treats a numerator of 0 as a real 0', () => {
    expect(ratioValue(0, 40, 100)).toBe(0);
  });
});

describe('effectiveValue', () => {
  it('prefers the computed ratio over a reported value', () => {
    expect(effectiveValue({ value: 99, numerator: 1, denominator: 4 }, 100)).toBe(25);
  });
  it('falls back to the reported value, which may be null', () => {
    expect(effectiveValue({ value: 12.5, numerator: null, denominator: 4 }, 100)).toBe(12.5);
    expect(effectiveValue({ value: null, numerator: null, denominator: null }, 100)).toBeNull();
  });
});

describe('aggregate', () => {
  it('sums numerators over denominators, never a mean of ratios', () => {
    // 10/100 = 10 % and 90/100 = 90 % would average to 50 %; with 10/100 and 1/10 the pooled value is 11/110 = 10 %.
    const a = aggregate([obs({ numerator: 10, denominator: 100 }), obs({ numerator: 1, denominator: 10 })], 'ratio', 100);
    expect(a.value).toBe(10);
    expect(a.numerator).toBe(11);
    expect(a.denominator).toBe(110);
  });
  it('weights a large unit more than a small one', () => {
    // 50/1000 (5 %) and 5/10 (50 %): pooled 55/1010 = 5.4455 %, not the 27.5 % mean of ratios.
    const a = aggregate([obs({ numerator: 50, denominator: 1000 }), obs({ numerator: 5, denominator: 10 })], 'ratio', 100);
    expect(a.value).toBeCloseTo(5.4455, 4);
  });
  it('leaves out units that reported nothing instead of counting them as 0', () => {
    const a = aggregate([obs({ numerator: 20, denominator: 80 }), obs({}), obs({ numerator: 10, denominator: null })], 'ratio', 100);
    expect(a.value).toBe(25);
    expect(a.count).toBe(3);
    expect(a.missing).toBe(2);
  });
  it('gives null, not 0, when nothing is usable', () => {
    const a = aggregate([obs({}), obs({})], 'ratio', 100);
    expect(a.value).toBeNull();
    expect(a.missing).toBe(2);
  });
  it('sums counts and skips missing ones', () => {
    const a = aggregate([obs({ value: 12 }), obs({ value: null }), obs({ value: 30 })], 'count', 1);
    expect(a.value).toBe(42);
    expect(a.missing).toBe(1);
  });
  it('keeps a reported 0 count as 0', () => {
    expect(aggregate([obs({ value: 0 })], 'count', 1).value).toBe(0);
  });
});

describe('rollUp', () => {
  const measureOf = () => ({ measure: 'ratio' as const, factor: 100 });
  const quarterOf = (p: string) => `${p.slice(0, 4)}Q${Math.ceil(Number(p.slice(4)) / 3)}`;

  it('rolls months up into quarters by pooling numerators and denominators', () => {
    const months = [
      obs({ period: '202401', numerator: 2, denominator: 10 }),
      obs({ period: '202402', numerator: 3, denominator: 10 }),
      obs({ period: '202403', numerator: 5, denominator: 30 }),
      obs({ period: '202404', numerator: 9, denominator: 10 }),
    ];
    const out = rollUp(months, (o) => ({ unit: o.unit, period: quarterOf(o.period) }), measureOf);
    const q1 = out.find((o) => o.period === '2024Q1');
    const q2 = out.find((o) => o.period === '2024Q2');
    expect(q1).toMatchObject({ numerator: 10, denominator: 50, value: 20 });
    expect(q2).toMatchObject({ numerator: 9, denominator: 10, value: 90 });
  });

  it('rolls clinics up into the region', () => {
    const clinics = [
      obs({ unit: 'a', numerator: 30, denominator: 100 }),
      obs({ unit: 'b', numerator: 10, denominator: 300 }),
      obs({ unit: 'c', numerator: null, denominator: null }),
    ];
    const [region] = rollUp(clinics, (o) => ({ unit: 'region', period: o.period }), measureOf);
    expect(region).toMatchObject({ unit: 'region', numerator: 40, denominator: 400, value: 10 });
  });

  it('keeps kön groups apart', () => {
    const rows = [obs({ kon: 'K', numerator: 1, denominator: 2 }), obs({ kon: 'M', numerator: 1, denominator: 4 })];
    const out = rollUp(rows, (o) => ({ unit: 'r', period: o.period }), measureOf);
    expect(out.map((o) => [o.kon, o.value])).toEqual([
      ['K', 50],
      ['M', 25],
    ]);
  });

  it('leaves out observations the key function rejects', () => {
    const out = rollUp([obs({ numerator: 1, denominator: 1 })], () => null, measureOf);
    expect(out).toEqual([]);
  });
});

describe('targetStatus', () => {
  it('is uppnått when the target is reached, for higher-is-better', () => {
    expect(targetStatus({ value: 80, target: 80, baseline: 60, direction: 'higher' })).toBe('uppnatt');
    expect(targetStatus({ value: 85, target: 80, baseline: 60, direction: 'higher' })).toBe('uppnatt');
  });
  it('is på väg when it moved from the baseline towards the target', () => {
    expect(targetStatus({ value: 70, target: 80, baseline: 60, direction: 'higher' })).toBe('pa-vag');
  });
  it('is ej på väg when it is at or worse than the baseline', () => {
    expect(targetStatus({ value: 60, target: 80, baseline: 60, direction: 'higher' })).toBe('ej-pa-vag');
    expect(targetStatus({ value: 50, target: 80, baseline: 60, direction: 'higher' })).toBe('ej-pa-vag');
  });
  it('reads lower-is-better the other way round', () => {
    expect(targetStatus({ value: 4, target: 5, baseline: 9, direction: 'lower' })).toBe('uppnatt');
    expect(targetStatus({ value: 7, target: 5, baseline: 9, direction: 'lower' })).toBe('pa-vag');
    expect(targetStatus({ value: 10, target: 5, baseline: 9, direction: 'lower' })).toBe('ej-pa-vag');
  });
  it('is null when the value or target is missing', () => {
    expect(targetStatus({ value: null, target: 5, baseline: 9, direction: 'lower' })).toBeNull();
    expect(targetStatus({ value: 3, target: null, baseline: 9, direction: 'lower' })).toBeNull();
  });
  it('without a baseline, anything short of the target is ej på väg', () => {
    expect(targetStatus({ value: 70, target: 80, baseline: null, direction: 'higher' })).toBe('ej-pa-vag');
  });
});

describe('aggregate of levels', () => {
  it('keeps a single level and refuses to pool several (no weights for an average of averages)', () => {
    expect(aggregate([obs({ value: 81.6 })], 'level', 1).value).toBe(81.6);
    expect(aggregate([obs({ value: 81.6 }), obs({ value: 79.9 })], 'level', 1).value).toBeNull();
    expect(aggregate([obs({ value: 81.6 }), obs({ value: null })], 'level', 1).value).toBe(81.6);
  });
});

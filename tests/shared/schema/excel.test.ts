import { describe, expect, it } from 'vitest';
import { headerRow, validationList } from '../../../shared/schema/excel.js';
import { cellColumns } from '../../../shared/schema/index.js';

describe('headerRow', () => {
  it('heads the indicator values table in Swedish and English', () => {
    expect(headerRow('indicator-values', 'sv').slice(0, 5)).toEqual(['Indikator', 'Enhet', 'Period', 'Kön', 'Värde']);
    expect(headerRow('indicator-values', 'en').slice(0, 5)).toEqual(['Indicator', 'Unit', 'Period', 'Sex', 'Value']);
  });

  it('has one header per cell column, x-columns included', () => {
    const row = headerRow('activity-plan', 'sv');
    expect(row).toHaveLength(cellColumns('activity-plan').length);
    expect(row).toContain('Levnadsvana: Tobak');
    expect(new Set(row).size).toBe(row.length);
  });
});

describe('validationList', () => {
  it('lists enum labels in the reader’s language', () => {
    expect(validationList('indicator-values', 'kon', 'sv')).toEqual(['Totalt', 'Kvinnor', 'Män']);
    expect(validationList('indicator-values', 'status', 'en')).toEqual(['Preliminary', 'Final']);
  });

  it('offers x for x-columns', () => {
    expect(validationList('activity-plan', 'goals.accessibility', 'sv')).toEqual(['x']);
  });

  it('has no list for free columns or unknown keys', () => {
    expect(validationList('activity-plan', 'title', 'sv')).toBeNull();
    expect(validationList('activity-plan', 'goals', 'sv')).toBeNull();
    expect(validationList('activity-plan', 'nope', 'sv')).toBeNull();
  });
});

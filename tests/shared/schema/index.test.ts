import { describe, expect, it } from 'vitest';
import { GOALS } from '../../../shared/catalog/activity-types.js';
import { LIFESTYLE_HABITS } from '../../../shared/catalog/lifestyle.js';
import { KIND_DEFS, cellColumn, cellColumnKeys, cellColumns, isDocKind, kindDef } from '../../../shared/schema/index.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

describe('kindDef', () => {
  it('defines all five kinds', () => {
    for (const kind of DOC_KINDS) expect(kindDef(kind).kind).toBe(kind);
    expect(Object.keys(KIND_DEFS).sort()).toEqual([...DOC_KINDS].sort());
  });

  it('gives every column a unique camelCase key, both headers and help', () => {
    for (const kind of DOC_KINDS) {
      const keys = kindDef(kind).columns.map((c) => c.key);
      expect(new Set(keys).size, kind).toBe(keys.length);
      for (const c of kindDef(kind).columns) {
        expect(c.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(c.header.sv && c.header.en && c.help.sv && c.help.en, `${kind}.${c.key}`).toBeTruthy();
        if (c.type === 'enum' || c.type === 'multi') expect(c.options?.length).toBeGreaterThan(0);
      }
    }
  });

  it('makes the action plan’s owning unit a required unit column', () => {
    const unit = kindDef('action-plan').columns.find((c) => c.key === 'unit');
    expect(unit).toMatchObject({ type: 'unit', required: true });
  });

  it('keeps indicator values long: indicator, unit, period and kön required, value optional', () => {
    const cols = kindDef('indicator-values').columns;
    const required = cols.filter((c) => c.required).map((c) => c.key);
    expect(required).toEqual(['indicator', 'unit', 'period', 'kon']);
    expect(cols.find((c) => c.key === 'value')?.type).toBe('number');
  });
});

describe('cellColumns', () => {
  it('expands a multi column to one x-column per option, keyed column.option', () => {
    const keys = cellColumns('activity-plan').map((c) => c.key);
    for (const g of GOALS) expect(keys).toContain(`goals.${g.value}`);
    for (const h of LIFESTYLE_HABITS) expect(keys).toContain(`habits.${h.value}`);
    expect(keys).not.toContain('goals');
    expect(cellColumn('activity-plan', 'goals.motivation')?.header.sv).toBe('Mål: Motivationshöjning');
    expect(cellColumn('activity-plan', 'goals.motivation')?.option?.value).toBe('motivation');
  });

  it('keeps the column order, with x-columns where their multi column stands', () => {
    const keys = cellColumns('activity-plan').map((c) => c.key);
    expect(keys.slice(0, 3)).toEqual(['title', 'type', 'goals.motivation']);
    expect(keys).toHaveLength(14 - 2 + GOALS.length + LIFESTYLE_HABITS.length);
  });

  it('returns the same array each time (computed once)', () => {
    expect(cellColumns('partners')).toBe(cellColumns('partners'));
  });
});

describe('cellColumnKeys', () => {
  it('holds exactly the cell keys of a kind', () => {
    const keys = cellColumnKeys('indicator-values');
    expect(keys.has('kon')).toBe(true);
    expect(keys.has('title')).toBe(false);
    expect(keys.has('_pos')).toBe(false);
    expect(keys.size).toBe(cellColumns('indicator-values').length);
  });
});

describe('isDocKind', () => {
  it('knows the kinds and nothing else', () => {
    expect(isDocKind('partners')).toBe(true);
    expect(isDocKind('budget')).toBe(false);
    expect(isDocKind(3)).toBe(false);
  });
});

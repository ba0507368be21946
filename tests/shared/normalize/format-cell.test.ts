import { describe, expect, it } from 'vitest';
import { formatCell } from '../../../shared/normalize/format-cell.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';
import { col } from './helpers.js';

describe('formatCell', () => {
  it('writes x-columns as x or empty', () => {
    const goal = col('activity-plan', 'goals.accessibility');
    expect(formatCell(goal, true, 'sv')).toBe('x');
    expect(formatCell(goal, false, 'sv')).toBe('');
    expect(formatCell(goal, null, 'sv')).toBe('');
  });

  it('writes enums as the label in the reader’s language', () => {
    const kon = col('indicator-values', 'kon');
    expect(formatCell(kon, 'K', 'sv')).toBe('Kvinnor');
    expect(formatCell(kon, 'K', 'en')).toBe('Women');
    expect(formatCell(kon, 'X', 'en')).toBe('X');
  });

  it('writes numbers as numbers and null as empty', () => {
    const value = col('indicator-values', 'value');
    expect(formatCell(value, 12.5, 'sv')).toBe(12.5);
    expect(formatCell(value, 0, 'sv')).toBe(0);
    expect(formatCell(value, null, 'sv')).toBe('');
  });

  it('round-trips through normalizeCell for every enum option of every kind, in both languages', () => {
    for (const kind of DOC_KINDS) {
      for (const c of cellColumns(kind)) {
        if (c.column.type !== 'enum') continue;
        for (const o of c.column.options ?? []) {
          for (const lang of ['sv', 'en'] as const) {
            expect(normalizeCell(c, formatCell(c, o.value, lang))).toMatchObject({ ok: true, value: o.value });
          }
        }
      }
    }
  });
});

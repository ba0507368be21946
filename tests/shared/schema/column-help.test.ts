/**
 * Column help is written for the people who fill in the sheet: a column that shows names and
 * stores ids (a reference column) or shows periods in words asks them to pick from its list,
 * never for an id or a code.
 */
import { describe, expect, it } from 'vitest';
import { kindDef } from '../../../shared/schema/index.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

const listed = DOC_KINDS.flatMap((kind) => kindDef(kind).columns.filter((c) => c.ref || c.type === 'period').map((c) => ({ kind, column: c })));

describe('help of reference and period columns', () => {
  it('covers the reference columns of every kind', () => {
    expect(listed.map((l) => `${l.kind}/${l.column.key}`)).toEqual(expect.arrayContaining(['indicator-values/indicator', 'indicator-values/unit', 'indicator-values/period', 'action-plan/unit']));
  });

  for (const { kind, column } of listed) {
    it(`${kind}/${column.key} asks to pick from the list, in Swedish and English`, () => {
      expect(column.help.sv).toMatch(/^Välj /);
      expect(column.help.en).toMatch(/^Pick /);
      expect(column.help.sv).not.toMatch(/\b[Ii]d\b|kod\b|ÅÅÅÅ/);
      expect(column.help.en).not.toMatch(/\b[Ii]d\b|\bcode\b(?! \()|yyyy/);
    });
  }
});

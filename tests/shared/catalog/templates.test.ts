import { describe, expect, it } from 'vitest';
import { templateRows } from '../../../shared/catalog/templates.js';
import { rowSchema } from '../../../shared/schema/row-schema.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';
import { validateRow } from '../../../shared/validate/validate-row.js';

describe('templateRows', () => {
  it('starts an indicator catalog with the 22 indicators, marked as local ids', () => {
    const rows = templateRows('indicator-catalog');
    expect(rows).toHaveLength(22);
    expect(rows[0]).toMatchObject({ id: 'sfh-01', area: 'god-och-jamlik-halsa', direction: 'lower' });
    for (const r of rows) expect(r.comment).toMatch(/inte en officiell kod/);
  });

  it('starts a partner list with the KIM report’s partners', () => {
    expect(templateRows('partners').map((r) => r.name)).toContain('S:t Eriks ögonsjukhus');
  });

  it('starts plans empty', () => {
    expect(templateRows('activity-plan')).toEqual([]);
  });

  it('gives rows that pass both the zod schema and validateRow', () => {
    for (const kind of DOC_KINDS) {
      for (const row of templateRows(kind)) {
        expect(rowSchema(kind).safeParse(row).success).toBe(true);
        expect(validateRow(kind, 'd', 'r', row)).toEqual([]);
      }
    }
  });
});

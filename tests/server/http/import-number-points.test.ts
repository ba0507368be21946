/**
 * A number written with points between its thousands, as Swedish and European files write amounts
 * (`1.200,0`, `12.345.678`), is imported as that number; one point before three digits (`2.500`:
 * 2500, or 2.5 written with a decimal point?) is refused in words naming both. The first was
 * refused as no number; the second was read as 2.5 without a word.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('import: points in a number', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('reads points between thousands, and refuses a point that reads two ways', async () => {
    const csv = 'Aktivitet;Typ;Deltagare planerat\r\nTräff 1;halsodag;1.200,0\r\nTräff 2;halsodag;2.500\r\n';
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { imported: number; refused: unknown[] };
    expect(summary.imported).toBe(1);
    expect(summary.refused).toEqual([
      expect.objectContaining({
        row: 3,
        code: 'number-ambiguous',
        message: {
          sv: 'Rad 3 i filen: Deltagare planerat: "2.500" kan vara 2500 eller 2,5: punkten kan skilja tusental eller vara decimaltecken. Skriv 2500 eller 2,5.',
          en: 'Row 3 of the file: Participants planned: "2.500" could be 2500 or 2.5: the point may separate thousands or be a decimal point. Write 2500, or 2,5 for the decimals (a comma is read as the decimal mark).',
        },
      }),
    ]);
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows.find((r) => r.values.title === 'Träff 1')?.values.participantsPlanned).toBe(1200);
  });
});

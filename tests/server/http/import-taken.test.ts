/**
 * The import's answer names what it took, not only what it refused: each record written (or that
 * a dry run would write) by its place in the file and the row's name, new and changed apart, and
 * how many records matched a stored row and changed nothing (`unchanged`, beside empty and total
 * rows in `ignored`). An indicator value, whose texts name nothing, is named by its natural key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionsFromRows } from '../../../shared/indicators/definitions.js';
import { takenMaker } from '../../../server/http/import-taken.js';
import { makeFixture, WS, type Fixture } from './support.js';

const PNR = '19121212-1212';

describe('the rows an import took', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  async function importCsv(lines: string[], dryRun: boolean): Promise<Record<string, unknown>> {
    const res = await f.req(`/v1/workspaces/${WS}/documents/partners/import?dryRun=${dryRun}`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: lines.join('\r\n') + '\r\n' });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('lists each new and changed row by its file row and name, counts the unchanged apart from empty rows, and names the new rows’ ids once written', async () => {
    await importCsv(['Namn;Typ;Kontaktperson', 'Friskis & Svettis;forening;'], false);
    const lines = [
      'Namn;Typ;Kontaktperson',
      'Röda Korset;frivilligorganisation;',
      'Friskis & Svettis;forening;Anna Berg',
      'PRO Fittja;forening;',
      ';;',
      `Hembygdsföreningen;forening;Ring ${PNR}`,
    ];
    const checked = await importCsv(lines, true);
    expect(checked).toMatchObject({ imported: 1, updated: 1, unchanged: 1, ignored: 2 });
    expect((checked.refused as { row: number }[]).map((r) => r.row)).toEqual([6]);
    expect(checked.taken).toEqual([
      { record: 2, row: 3, rowId: expect.any(String), change: 'changed', name: { sv: 'Friskis & Svettis', en: 'Friskis & Svettis' } },
      { record: 3, row: 4, rowId: null, change: 'added', name: { sv: 'PRO Fittja', en: 'PRO Fittja' } },
    ]);
    expect(JSON.stringify(checked.taken)).not.toContain('1212');

    const done = await importCsv(lines, false);
    const taken = done.taken as { rowId: string; change: string }[];
    expect(taken.map((t) => t.change)).toEqual(['changed', 'added']);
    expect(taken.map((t) => t.rowId)).toEqual(done.rowIds);
    expect(taken[1]?.rowId).toMatch(/\S/);
    // Imported again, every row is as the file writes it: nothing taken, all counted unchanged.
    const again = await importCsv(lines, true);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, taken: [] });
  });

  it('names records of a JSON file without a file row', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Stavgång', type: 'halsodag' }, { type: 'halsodag' }]),
    });
    const summary = (await res.json()) as { taken: unknown[] };
    expect(summary.taken).toEqual([
      { record: 1, rowId: null, change: 'added', name: { sv: 'Stavgång', en: 'Stavgång' } },
      { record: 2, rowId: null, change: 'added', name: null },
    ]);
  });

  it('names an indicator value by its indicator (the catalog’s name), unit, period and kön', () => {
    const definitions = definitionsFromRows([{ id: 'far', name: 'FaR följda upp', numerator: 'uppföljda', denominator: 'förskrivna', factor: 100 }]);
    const taken = takenMaker('indicator-values', 1, definitions);
    expect(taken(4, 'r1', 'changed', { indicator: 'far', unit: 'c1', period: '2024', kon: 'K', value: 50, source: 'SCB' })).toEqual({
      record: 4,
      row: 5,
      rowId: 'r1',
      change: 'changed',
      name: { sv: 'FaR följda upp / c1 / 2024 / Kvinnor', en: 'FaR följda upp / c1 / 2024 / Women' },
    });
    expect(takenMaker('indicator-values', 1, null)(1, null, 'added', { indicator: 'far', unit: 'c1', period: '2024', kon: 'T' }).name?.sv).toBe('far / c1 / 2024 / Totalt');
    expect(taken(1, null, 'added', { indicator: 'far', unit: 'c1' }).name).toBeNull();
  });
});

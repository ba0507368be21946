import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

interface ProblemBody {
  problems: { rowId: string; column: string; code: string; severity: string; message: { sv: string; en: string } }[];
}

describe('problems: an indicator value outside the range the catalog declares', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [
      { id: 'vc-andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'Följda upp', denominator: 'Förskrivna', factor: 100, min: 0, max: 100 },
      { id: 'vc-antal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal', numerator: 'Hälsosamtal', factor: 1, min: 0 },
      { id: 'vc-fri', name: 'Utan gränser', unitOfMeasure: 'antal', numerator: 'Något', factor: 1 },
    ]);
    await putRegionDoc(f, 'varden', 'indicator-values', []);
  });
  afterEach(() => f.close());

  it('warns on the Värde cell naming the value, the range and the indicator, and keeps the value (import and stored alike)', async () => {
    const csv = [
      'Indikator;Enhet;Period;Kön;Värde',
      'Andel FaR följda upp;vc-a;2026 kv 1;T;250',
      'Genomförda hälsosamtal;vc-a;2026 kv 1;T;-5',
      'Andel FaR följda upp;vc-b;2026 kv 1;T;100',
      'Utan gränser;vc-a;2026 kv 1;T;-3',
    ].join('\r\n');
    const imported = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(await imported.json()).toMatchObject({ imported: 4, refused: [] });

    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/varden/rows`, f.tokens.viewer)).json()) as { rows: { id: string; indicator: string; unit: string; value: number }[] };
    expect(rows.rows.map((r) => r.value)).toEqual([250, -5, 100, -3]);
    const idOf = (indicator: string, unit: string) => rows.rows.find((r) => r.indicator === indicator && r.unit === unit)?.id;

    const body = (await (await f.req(`/v1/workspaces/${WS}/documents/varden/problems`, f.tokens.viewer)).json()) as ProblemBody;
    const found = body.problems.filter((p) => p.column === 'value');
    expect(found.map((p) => [p.rowId, p.code, p.severity])).toEqual([
      [idOf('vc-andel', 'vc-a'), 'above-max', 'warning'],
      [idOf('vc-antal', 'vc-a'), 'below-min', 'warning'],
    ]);
    expect(found[0]?.message.sv).toBe('Värde: 250 är större än 100, det högsta värdet indikatorkatalogen anger för Andel FaR följda upp. Värdet sparas; rätta det om det är fel.');
    expect(found[1]?.message.sv).toContain('−5 är mindre än 0, det lägsta värdet indikatorkatalogen anger för Genomförda hälsosamtal');
    expect(found[1]?.message.en).toContain('Value: -5 is below 0');
  });
});

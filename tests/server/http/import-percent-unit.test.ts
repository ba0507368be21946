/**
 * A percent sign in an imported indicator value: read as the share it writes where the catalog
 * measures the indicator in percent, refused in words naming the unit where it measures it in
 * something else (`12 %` hälsosamtal was stored as 12 with no word but a count).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

interface Answer {
  imported: number;
  refused: { record: number; code: string; message: { sv: string; en: string } }[];
}

describe('import: a percent sign in the value of an indicator not measured in percent', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [
      { id: 'vc-andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'Följda upp', denominator: 'Förskrivna', factor: 100 },
      { id: 'vc-antal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal', numerator: 'Hälsosamtal', factor: 1 },
      { id: 'vc-per', name: 'Fallskador', unitOfMeasure: 'antal per 1 000 invånare', factor: 1 },
      { id: 'vc-utan', name: 'Utan enhet', factor: 1 },
    ]);
    await putRegionDoc(f, 'varden', 'indicator-values', []);
  });
  afterEach(() => f.close());

  it('refuses the count and the rate naming row, column and unit, and reads the share and the unitless value as before', async () => {
    const csv = [
      'Indikator;Enhet;Period;Kön;Värde',
      'Genomförda hälsosamtal;vc-a;2026 kv 1;T;12 %',
      'Andel FaR följda upp;vc-a;2026 kv 1;T;12 %',
      'Fallskador;vc-a;2026 kv 1;T;3,5%',
      'Utan enhet;vc-a;2026 kv 1;T;7 %',
      'Genomförda hälsosamtal;vc-b;2026 kv 1;T;12',
    ].join('\r\n');
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.imported).toBe(3);
    expect(answer.refused.map((r) => [r.record, r.code])).toEqual([
      [1, 'percent-not-share'],
      [3, 'percent-not-share'],
    ]);
    expect(answer.refused[0]?.message.sv).toContain('Värde: "12 %" har ett procenttecken, men Genomförda hälsosamtal mäts i antal enligt indikatorkatalogen, inte i procent.');
    expect(answer.refused[1]?.message.en).toContain('Value: "3,5%" has a percent sign, but the indicator catalog measures Fallskador in antal per 1 000 invånare, not in percent.');
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/varden/rows`, f.tokens.viewer)).json()) as { rows: { indicator: string; unit: string; value: number }[] };
    expect(rows.rows.map((r) => [r.indicator, r.unit, r.value])).toEqual([
      ['vc-andel', 'vc-a', 12],
      ['vc-utan', 'vc-a', 7],
      ['vc-antal', 'vc-b', 12],
    ]);
  });

  it('refuses a percent sign in Täljare or Nämnare for any indicator, naming the column', async () => {
    const csv = [
      'Indikator;Enhet;Period;Kön;Värde;Täljare;Nämnare',
      'Andel FaR följda upp;vc-a;2026 kv 1;T;40;40 %;100',
      'Andel FaR följda upp;vc-b;2026 kv 1;T;40;40;100%',
      'Andel FaR följda upp;vc-c;2026 kv 1;T;40;40;100',
    ].join('\r\n');
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const answer = (await res.json()) as Answer;
    expect(answer.imported).toBe(1);
    expect(answer.refused.map((r) => [r.record, r.code])).toEqual([
      [1, 'percent-not-share'],
      [2, 'percent-not-share'],
    ]);
    expect(answer.refused[0]?.message.sv).toContain('Täljare: "40 %" har ett procenttecken, men täljaren är ett antal, inte en andel i procent.');
    expect(answer.refused[1]?.message.en).toContain('Denominator: "100%" has a percent sign, but the denominator is a count, not a share in percent.');
  });

  it('warns of a count with a part, naming the unit, and keeps it as written', async () => {
    const csv = ['Indikator;Enhet;Period;Kön;Värde', 'Genomförda hälsosamtal;vc-a;2026 kv 1;T;12,5', 'Andel FaR följda upp;vc-a;2026 kv 1;T;12,5'].join('\r\n');
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const answer = (await res.json()) as Answer & { warnings: { record: number; code: string; message: { sv: string } }[] };
    expect(answer.imported).toBe(2);
    expect(answer.warnings.map((w) => [w.record, w.code])).toEqual([[1, 'not-whole-count']]);
    expect(answer.warnings[0]?.message.sv).toBe('Rad 2 i filen: Värde: 12,5 är inte ett heltal, men indikatorkatalogen räknar Genomförda hälsosamtal i antal. Värdet sparas som det skrevs; rätta det om det är fel.');
  });
});

/**
 * An import names the records it keeps whose indicator value lies outside the range the catalog
 * row declares (a share of 250 where 0–100, a count of -5 where min 0): in `warnings`, by record
 * and file row, with the words `GET …/problems` gives, the values imported as written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

interface Answer {
  imported: number;
  refused: unknown[];
  warnings?: { record: number; row?: number; column: string; code: string; message: { sv: string; en: string } }[];
}

describe('import: values outside the catalog range are named as warnings', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [
      { id: 'vc-andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'Följda upp', denominator: 'Förskrivna', factor: 100, min: 0, max: 100 },
      { id: 'vc-antal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal', numerator: 'Hälsosamtal', factor: 1, min: 0 },
    ]);
    await putRegionDoc(f, 'varden', 'indicator-values', []);
  });
  afterEach(() => f.close());

  const send = async (body: string, type: string, dryRun: boolean): Promise<Answer> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/varden/import${dryRun ? '?dryRun=true' : ''}`, f.tokens.coordinator, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  };

  const CSV = [
    'Indikator;Enhet;Period;Kön;Värde',
    'Andel FaR följda upp;vc-a;2026 kv 1;T;250',
    'Andel FaR följda upp;vc-b;2026 kv 1;T;100',
    'Genomförda hälsosamtal;vc-a;2026 kv 1;T;-5',
  ].join('\r\n');

  it('names each such CSV record by its line, in Swedish and English, and keeps it (dry run and import alike)', async () => {
    for (const dryRun of [true, false]) {
      const answer = await send(CSV, 'text/csv', dryRun);
      expect(answer).toMatchObject({ imported: 3, refused: [] });
      expect(answer.warnings?.map((w) => [w.record, w.row, w.column, w.code])).toEqual([
        [1, 2, 'value', 'above-max'],
        [3, 4, 'value', 'below-min'],
      ]);
      expect(answer.warnings?.[0]?.message.sv).toBe('Rad 2 i filen: Värde: 250 är större än 100, det högsta värdet indikatorkatalogen anger för Andel FaR följda upp. Värdet sparas; rätta det om det är fel.');
      expect(answer.warnings?.[1]?.message.en).toBe('Row 4 of the file: Value: -5 is below 0, the lowest value the indicator catalog gives for Genomförda hälsosamtal. The value is saved; correct it if it is wrong.');
    }
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/varden/rows`, f.tokens.viewer)).json()) as { rows: { value: number }[] };
    expect(rows.rows.map((r) => r.value)).toEqual([250, 100, -5]);
  });

  it('names a JSON record by its number, and says nothing when every value is in range', async () => {
    const json = JSON.stringify([{ indicator: 'vc-antal', unit: 'vc-a', period: '2026-Q1', kon: 'T', value: -2 }]);
    const answer = await send(json, 'application/json', true);
    expect(answer.warnings?.map((w) => [w.record, w.row, w.message.sv.slice(0, 8)])).toEqual([[1, undefined, 'Post 1: ']]);
    const fine = await send(['Indikator;Enhet;Period;Kön;Värde', 'Andel FaR följda upp;vc-b;2026 kv 1;T;40'].join('\r\n'), 'text/csv', true);
    expect(fine).not.toHaveProperty('warnings');
  });
});

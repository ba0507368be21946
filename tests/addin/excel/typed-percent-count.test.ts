/**
 * A percent sign typed in the sheet where the number is no percentage, and a count typed with a
 * part: the bound sheet judges them by the rule every door uses (`shared/validate/percent-sign.ts`,
 * `validateRow`'s indicator rule), with the units of the catalog the pane follows. `12 %` in the
 * Värde of an indicator counted in `antal`, or in Täljare/Nämnare, is refused in words and not
 * stored (the cell keeps what was typed); `12,5` in a count is stored as typed with a warning.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { indicatorBoundsOf } from '../../../shared/validate/cross-refs.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const cellOf = (key: string, index: number): string => cellAt('indicator-values', key, index);

const catalog = createDoc('indicator-catalog', { title: 'Katalog', ownerUnit: 'region', schemaVersion: 1 });
insertRows(catalog, [
  { id: 'vc-samtal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal' },
  { id: 'vc-andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'a', denominator: 'b', factor: 100 },
]);

async function valuesTable(indicator: string, value: number | null = null): Promise<Side> {
  const doc = docWith('indicator-values', [{ indicator, unit: 'vc-test', period: '2025', kon: 'T', value }]);
  const side = await openSide(doc, 'indicator-values', { refs: { indicatorBounds: indicatorBoundsOf(catalog) } });
  opened.push(side);
  return side;
}

const problemsOf = (side: Side, column: string) => side.binding.problems.filter((p) => p.column === column);

describe('a percent sign typed where the number is no percentage', () => {
  it.each(['12 %', '12%'])('%s in the Värde of a count is refused in words naming the unit and that a value is stored (never which), the stored value kept and the cell as typed', async (typed) => {
    const side = await valuesTable('vc-samtal', 7);
    side.host.user.type(SHEET, cellOf('value', 0), typed);
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(7);
    const found = problemsOf(side, 'value');
    expect(found.map((p) => [p.code, p.severity])).toEqual([['percent-not-share', 'error']]);
    expect(found[0]!.message.sv).toBe(`Värde: "12 %" har ett procenttecken, men Genomförda hälsosamtal mäts i antal enligt indikatorkatalogen, inte i procent. Skriv talet utan procenttecken om det är antal, eller rätta indikatorn. Ett värde är sparat i planen och ändras inte av det du skrev.`);
    expect(found[0]!.message.en).toMatch(/ A value is stored in the plan, unchanged by what you typed\.$/);
    expect(side.host.readText(SHEET, cellOf('value', 0))[0]![0]).toContain('%');
  });

  it('12 % in the Värde of a share is stored as 12, as before', async () => {
    const side = await valuesTable('vc-andel');
    side.host.user.type(SHEET, cellOf('value', 0), '12 %');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12);
    expect(problemsOf(side, 'value').map((p) => p.code)).toEqual(['percent-from-format']);
  });

  it.each([['numerator', 'Täljare', 'täljaren'], ['denominator', 'Nämnare', 'nämnaren']])('a percent sign in %s is refused for any indicator, nothing stored, and the note says so', async (key, header, named) => {
    const side = await valuesTable('vc-andel');
    side.host.user.type(SHEET, cellOf(key, 0), '40 %');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values[key] ?? null).toBeNull();
    const found = problemsOf(side, key);
    expect(found.map((p) => p.code)).toEqual(['percent-not-share']);
    expect(found[0]!.message.sv).toBe(`${header}: "40 %" har ett procenttecken, men ${named} är ett antal, inte en andel i procent. Skriv antalet utan procenttecken. Inget sparat.`);
    expect(found[0]!.message.en).toMatch(/ Nothing stored\.$/);
  });

  it('a percent sign in the Värde of an indicator the catalog does not know is read as before', async () => {
    const side = await valuesTable('sfh-12');
    side.host.user.type(SHEET, cellOf('value', 0), '12 %');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12);
  });
});

describe('a count typed with a part', () => {
  it('12,5 in the Värde of a count is stored as typed, with a warning naming the unit', async () => {
    const side = await valuesTable('vc-samtal');
    side.host.user.type(SHEET, cellOf('value', 0), '12,5');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value).toBe(12.5);
    const found = problemsOf(side, 'value');
    expect(found.map((p) => [p.code, p.severity])).toEqual([['not-whole-count', 'warning']]);
    expect(found[0]!.message.sv).toBe('Värde: 12,5 är inte ett heltal, men indikatorkatalogen räknar Genomförda hälsosamtal i antal. Värdet sparas som det skrevs; rätta det om det är fel.');
  });

  it('12,5 in a share and 12 in a count say nothing', async () => {
    const share = await valuesTable('vc-andel');
    share.host.user.type(SHEET, cellOf('value', 0), '12,5');
    const count = await valuesTable('vc-samtal');
    count.host.user.type(SHEET, cellOf('value', 0), '12');
    await share.settle();
    await count.settle();
    expect(problemsOf(share, 'value')).toEqual([]);
    expect(problemsOf(count, 'value')).toEqual([]);
  });
});

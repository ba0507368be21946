/**
 * `=SAMPLAN.INDICATOR(...)` pointed at a sheet's cells: indicators and units by name, periods in
 * words, kön in words, as the sheets show them; an unknown or ambiguous name gives #N/A with a
 * sentence that says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, insertRow } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { feedFromSource } from '../../../addin/functions/source-feed.js';
import { nameResolver, resolveKon, resolvePeriod } from '../../../addin/functions/feed-names.js';
import { indicator, provideIndicatorFeed, target } from '../../../addin/functions/functions.js';

function invocation() {
  const results: unknown[] = [];
  const inv = { address: 'Blad1!A1', functionName: 'SAMPLAN.INDICATOR', parameterAddresses: [], isInValuePreview: false, onCanceled: () => {}, setResult: (v: unknown) => results.push(v) };
  return { inv: inv as unknown as CustomFunctions.StreamingInvocation<number>, results };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

const UNITS = [
  { id: 'vc-tensta', name: 'Tensta vårdcentral' },
  { id: 'kim-tensta', name: 'Tensta vårdcentral (KIM)' },
  { id: 'vc-rinkeby', name: 'Rinkeby Vårdcentral' },
];

function feed() {
  const catalog = createDoc('indicator-catalog', { title: 'K', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(catalog, { id: 'vc-halsosamtal', name: 'Genomförda hälsosamtal', direction: 'higher', target: 120 });
  insertRow(catalog, { id: 'vc-far-forskrivna', name: 'Förskrivna FaR', direction: 'higher', target: 40 });
  const values = createDoc('indicator-values', { title: 'V', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(values, { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2025Q1', kon: 'T', value: 31 });
  insertRow(values, { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2025Q1', kon: 'K', value: 17 });
  insertRow(values, { indicator: 'vc-far-forskrivna', unit: 'vc-rinkeby', period: '2025', kon: 'T', value: 9 });
  return feedFromSource(docIndicatorSource([catalog], [values]), { units: () => UNITS });
}

async function cell(...args: [string, string, string, string?]): Promise<unknown[]> {
  const { inv, results } = invocation();
  indicator(args[0], args[1], args[2], args[3], inv);
  await tick();
  return results;
}

afterEach(() => provideIndicatorFeed(null));

describe('=SAMPLAN.INDICATOR with the words a sheet shows', () => {
  it('reads an indicator and a unit by name, a period in words and kön in words', async () => {
    provideIndicatorFeed(feed());
    expect(await cell('Genomförda hälsosamtal', 'Tensta vårdcentral', '2025 kv 1')).toEqual([31]);
    expect(await cell('  genomförda HÄLSOSAMTAL', 'tensta   vårdcentral', 'Q1 2025', 'Kvinnor')).toEqual([17]);
    expect(await cell('Förskrivna FaR', 'Rinkeby Vårdcentral', '2025')).toEqual([9]);
  });

  it('still reads ids and period codes', async () => {
    provideIndicatorFeed(feed());
    expect(await cell('vc-halsosamtal', 'VC-TENSTA', '2025q1', 'k')).toEqual([17]);
  });

  it('says which name it does not know, with the closest names', async () => {
    provideIndicatorFeed(feed());
    const [unknownUnit] = await cell('Genomförda hälsosamtal', 'Tensta vc', '2025 kv 1');
    expect(unknownUnit).toMatchObject({ code: '#N/A' });
    expect((unknownUnit as { message: string }).message).toMatch(/^Okänd enhet "Tensta vc"\. Menade du .*"Tensta vårdcentral"/);
    const [unknownIndicator] = await cell('Hälsosamtal genomförda', 'Tensta vårdcentral', '2025 kv 1');
    expect((unknownIndicator as { message: string }).message).toContain('Okänd indikator "Hälsosamtal genomförda"');
    const [badPeriod] = await cell('Genomförda hälsosamtal', 'Tensta vårdcentral', 'första kvartalet');
    expect((badPeriod as { message: string }).message).toContain('Perioden "första kvartalet" går inte att läsa');
  });

  it('names the ids when a name belongs to more than one', () => {
    const units = nameResolver([...UNITS, { id: 'vc-tensta-2', name: 'tensta  VÅRDCENTRAL' }], 'enhet');
    const r = units('Tensta vårdcentral');
    expect(r).toEqual({ problem: 'Namnet "Tensta vårdcentral" finns för flera: vc-tensta, vc-tensta-2. Ange enhetens id i stället.' });
    expect(units('vc-tensta-2')).toEqual({ id: 'vc-tensta-2' });
  });

  it('reads the target by the indicator\'s name', async () => {
    provideIndicatorFeed(feed());
    const { inv, results } = invocation();
    target('förskrivna far', 'Tensta vårdcentral', inv);
    await tick();
    expect(results).toEqual([40]);
  });
});

describe('period and kön arguments', () => {
  it('reads the period forms the sheet shows and their codes', () => {
    expect(resolvePeriod('2025 kv 4')).toEqual({ id: '2025Q4' });
    expect(resolvePeriod('2025Q4')).toEqual({ id: '2025Q4' });
    expect(resolvePeriod('mars 2025')).toEqual({ id: '202503' });
    expect(resolvePeriod('2025')).toEqual({ id: '2025' });
  });

  it('reads a month’s first day as Swedes write it, and says in Swedish why a day, a slashed date or a week is no period', () => {
    expect(resolvePeriod('1.7.2026')).toEqual({ id: '202607' });
    expect(resolvePeriod('1 juli 2026')).toEqual({ id: '202607' });
    expect(resolvePeriod(' Kv1  2026')).toEqual({ id: '2026Q1' });
    expect(resolvePeriod('15.7.2026')).toEqual({ problem: expect.stringContaining('datumet 2026-07-15 är ingen period') });
    expect(resolvePeriod('7/1/2026')).toEqual({ problem: expect.stringContaining('"7/1/2026" kan vara 2026-01-07 (dag först, som vi skriver i Sverige) eller 2026-07-01 (månad först, som i USA)') });
    expect(resolvePeriod('vecka 12')).toEqual({ problem: expect.stringContaining('"vecka 12" är en vecka, och det är ingen period i Samplan') });
  });

  it('reads kön as a letter or a word, T when empty', () => {
    expect(resolveKon(undefined)).toEqual({ id: 'T' });
    expect(resolveKon('män')).toEqual({ id: 'M' });
    expect(resolveKon('Women')).toEqual({ id: 'K' });
    expect(resolveKon('X')).toEqual({ problem: 'Kön ska vara T, K eller M' });
  });
});

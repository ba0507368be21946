import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { feedFromSource } from '../../../addin/functions/source-feed.js';
import { indicator, provideIndicatorFeed, target } from '../../../addin/functions/functions.js';

/** A stand-in for Excel's streaming invocation that records what the cell shows. */
function invocation() {
  const results: unknown[] = [];
  const inv = {
    address: 'Sheet1!A1',
    functionName: 'SAMPLAN.INDICATOR',
    parameterAddresses: [],
    isInValuePreview: false,
    onCanceled: () => {},
    setResult: (v: unknown) => results.push(v),
  };
  return { inv: inv as unknown as CustomFunctions.StreamingInvocation<number>, results };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

function feed() {
  const catalog = createDoc('indicator-catalog', { title: 'K', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(catalog, { id: 'vc-halsosamtal', name: 'Hälsosamtal', direction: 'higher', target: 100 });
  const values = createDoc('indicator-values', { title: 'V', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(values, { indicator: 'vc-halsosamtal', unit: 'fittja', period: '2024', kon: 'T', value: 80 });
  return { catalog, values, feed: feedFromSource(docIndicatorSource([catalog], [values])) };
}

afterEach(() => provideIndicatorFeed(null));

describe('=SAMPLAN.INDICATOR', () => {
  it('waits for the pane to sign in, then shows the value and follows changes', async () => {
    const { values, feed: f } = feed();
    const { inv, results } = invocation();
    indicator('vc-halsosamtal', 'fittja', '2024', undefined, inv);
    await tick();
    expect(results).toEqual([]);
    provideIndicatorFeed(f);
    await tick();
    setCell(values, rowsOf(values)[0]!.id, 'value', 95);
    expect(results).toEqual([80, 95]);
  });

  it('shows #N/A for a missing value and for an unknown row', async () => {
    const { values, feed: f } = feed();
    provideIndicatorFeed(f);
    const a = invocation();
    indicator('vc-halsosamtal', 'fittja', '2031', 'T', a.inv);
    setCell(values, rowsOf(values)[0]!.id, 'value', null);
    const b = invocation();
    indicator('vc-halsosamtal', 'fittja', '2024', 'T', b.inv);
    await tick();
    expect(a.results).toEqual([{ code: '#N/A', message: 'Ingen sådan rad' }]);
    expect(b.results).toEqual([{ code: '#N/A', message: 'Värde saknas' }]);
  });

  it('refuses a kön other than T, K or M', () => {
    const { inv, results } = invocation();
    indicator('vc-halsosamtal', 'fittja', '2024', 'X', inv);
    expect(results).toEqual([{ code: '#N/A', message: 'Kön ska vara T, K eller M' }]);
  });

  it('stops streaming when Excel cancels the cell', async () => {
    const { values, feed: f } = feed();
    provideIndicatorFeed(f);
    const { inv, results } = invocation();
    indicator('vc-halsosamtal', 'fittja', '2024', 'T', inv);
    await tick();
    inv.onCanceled?.();
    setCell(values, rowsOf(values)[0]!.id, 'value', 1);
    expect(results).toEqual([80]);
  });
});

describe('=SAMPLAN.TARGET', () => {
  it('shows the catalog target and follows it', async () => {
    const { catalog, feed: f } = feed();
    provideIndicatorFeed(f);
    const { inv, results } = invocation();
    target('vc-halsosamtal', 'fittja', inv);
    await tick();
    setCell(catalog, rowsOf(catalog)[0]!.id, 'target', 120);
    expect(results).toEqual([100, 120]);
  });
});

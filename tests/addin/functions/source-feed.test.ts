import { describe, expect, it } from 'vitest';
import { createDoc, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { feedFromSource } from '../../../addin/functions/source-feed.js';
import type { FeedValue } from '../../../addin/functions/indicator-feed.js';

function setup() {
  const catalog = createDoc('indicator-catalog', { title: 'K', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(catalog, { id: 'vc-far-uppfoljda-6man', name: 'FaR', area: 'god-och-jamlik-halsa', numerator: 'a', denominator: 'b', factor: 100, direction: 'higher', target: 60 });
  const values = createDoc('indicator-values', { title: 'V', ownerUnit: 'r', schemaVersion: 1 });
  insertRow(values, { indicator: 'vc-far-uppfoljda-6man', unit: 'vc-fittja', period: '2025Q2', kon: 'T', numerator: 12, denominator: 30 });
  // An unknown indicator is an error: the validated source leaves the row out, and so does the feed.
  insertRow(values, { indicator: 'okand', unit: 'vc-fittja', period: '2025Q2', kon: 'T', value: 5 });
  const source = docIndicatorSource([catalog], [values]);
  return { catalog, values, feed: feedFromSource(source) };
}

describe('feedFromSource', () => {
  it('reads validated values and targets from the live indicator source', () => {
    const { feed } = setup();
    expect(feed.value('vc-far-uppfoljda-6man', 'vc-fittja', '2025Q2')).toBe(40);
    expect(feed.value('okand', 'vc-fittja', '2025Q2')).toEqual({ problem: 'Okänd indikator "okand".' });
    expect(feed.target('VC-FAR-UPPFOLJDA-6MAN', 'vc-fittja')).toBe(60);
  });

  it('tells "no value" (null) apart from "no such row" (undefined), and matches case-insensitively', () => {
    const { values, feed } = setup();
    setCell(values, rowsOf(values)[0]!.id, 'numerator', null);
    expect(feed.value('VC-FAR-UPPFOLJDA-6MAN', 'VC-Fittja', '2025q2')).toBeNull();
    expect(feed.value('vc-far-uppfoljda-6man', 'vc-fittja', '2031')).toBeUndefined();
  });

  it('streams a change of the shared document to the watching cell', async () => {
    const { values, feed } = setup();
    const seen: FeedValue[] = [];
    feed.watch(() => feed.value('vc-far-uppfoljda-6man', 'vc-fittja', '2025Q2'), (v) => seen.push(v));
    setCell(values, rowsOf(values)[0]!.id, 'numerator', 15);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([40, 50]);
  });
});

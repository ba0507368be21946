import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { createIndicatorFeed, type FeedValue } from '../../../addin/functions/indicator-feed.js';

function docs() {
  const catalog = createDoc('indicator-catalog', { title: 'Katalog', ownerUnit: 'region', schemaVersion: 1 });
  insertRow(catalog, { id: 'vc-far-uppfoljda-6man', name: 'FaR uppföljda', numerator: 'a', denominator: 'b', factor: 100, direction: 'higher', target: 60 });
  insertRow(catalog, { id: 'vc-halsosamtal', name: 'Hälsosamtal', direction: 'higher' });
  const values = createDoc('indicator-values', { title: 'Värden', ownerUnit: 'region', schemaVersion: 1 });
  const rowId = insertRow(values, { indicator: 'vc-far-uppfoljda-6man', unit: 'fittja', period: '2024Q1', kon: 'T', numerator: 12, denominator: 30 });
  insertRow(values, { indicator: 'vc-halsosamtal', unit: 'fittja', period: '2024Q1', kon: 'K', value: 41 });
  insertRow(values, { indicator: 'vc-halsosamtal', unit: 'fittja', period: '2024Q2', kon: 'T', value: null });
  return { catalog, values, rowId };
}

describe('indicator feed', () => {
  it('computes a ratio value from numerator, denominator and the catalog factor', () => {
    const { catalog, values } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    expect(feed.value('vc-far-uppfoljda-6man', 'fittja', '2024Q1')).toBe(40);
  });

  it('matches case-insensitively and reads kön', () => {
    const { catalog, values } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    expect(feed.value('VC-HALSOSAMTAL', 'Fittja', '2024q1', 'K')).toBe(41);
    expect(feed.value('vc-halsosamtal', 'fittja', '2024Q1', 'T')).toBeUndefined();
  });

  it('tells "no value" (null) apart from "no such row" (undefined)', () => {
    const { catalog, values } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    expect(feed.value('vc-halsosamtal', 'fittja', '2024Q2')).toBeNull();
    expect(feed.value('vc-halsosamtal', 'fittja', '2030')).toBeUndefined();
  });

  it('reads targets from the catalog', () => {
    const { catalog, values } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    expect(feed.target('vc-far-uppfoljda-6man', 'fittja')).toBe(60);
    expect(feed.target('vc-halsosamtal', 'fittja')).toBeNull();
    expect(feed.target('okänd', 'fittja')).toBeUndefined();
  });

  it('streams a new value when a remote edit changes it, and only then', () => {
    const { catalog, values, rowId } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    const seen: FeedValue[] = [];
    feed.watch(() => feed.value('vc-far-uppfoljda-6man', 'fittja', '2024Q1'), (v) => seen.push(v));
    // A remote replica changes the numerator; the update arrives over the wire.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(values));
    setCell(remote, rowId, 'numerator', 15);
    Y.applyUpdate(values, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(values)));
    // An unrelated edit does not stream a repeat.
    setCell(values, rowId, 'comment', 'kontrollerad');
    expect(seen).toEqual([40, 50]);
  });

  it('follows a change of the catalog factor', () => {
    const { catalog, values } = docs();
    const feed = createIndicatorFeed(catalog, [values]);
    const seen: FeedValue[] = [];
    const stop = feed.watch(() => feed.value('vc-far-uppfoljda-6man', 'fittja', '2024Q1'), (v) => seen.push(v));
    const catRow = rowsOf(catalog)[0]!.id;
    setCell(catalog, catRow, 'factor', 1000);
    stop();
    setCell(catalog, catRow, 'factor', 1);
    expect(seen).toEqual([40, 400]);
  });
});

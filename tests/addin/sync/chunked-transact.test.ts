import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transactInChunks } from '../../../addin/sync/chunked-transact.js';
import { generateKeyBetween } from 'fractional-indexing';
import { createDoc, POS_KEY, rowsOf } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';

const newDoc = () => createDoc('activity-plan', { title: 'Plan', ownerUnit: 'clinic-a', schemaVersion: 2 });

/** A writer that appends one row per call, as the binding's paste does (O(1) per row). */
function appender(doc: Y.Doc): (values: { title: string }, index: number) => void {
  let pos: string | null = null;
  return (values, index) => {
    pos = generateKeyBetween(pos, null);
    const row = new Y.Map<unknown>();
    row.set(POS_KEY, pos);
    row.set('title', values.title);
    rowsMap(doc).set(`r-${index}`, row);
  };
}

function updatesOf(doc: Y.Doc): number[] {
  const sizes: number[] = [];
  doc.on('update', (u: Uint8Array) => sizes.push(u.byteLength));
  return sizes;
}

describe('transactInChunks', () => {
  it('writes 3,000 rows of 1,500 characters as several transactions, each update under the limit, in order', () => {
    const doc = newDoc();
    const sizes = updatesOf(doc);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ title: `Rad ${i} `.padEnd(1500, 'å') }));
    const report = transactInChunks(doc, rows, appender(doc), { maxBytes: 1_000_000, origin: 'test' });
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(rows.map((r) => r.title));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000_000);
    expect(report.largestUpdateBytes).toBe(Math.max(...sizes));
    expect(report.transactions).toBe(sizes.length);
    expect(report.transactions).toBeGreaterThanOrEqual(5);
    // Not one row per transaction either.
    expect(report.transactions).toBeLessThan(100);
  });

  it('keeps under the limit when row sizes vary a lot and characters take three bytes each', () => {
    const doc = newDoc();
    const sizes = updatesOf(doc);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ title: i % 100 < 50 ? 'kort' : 'lång '.padEnd(2000, '€') }));
    transactInChunks(doc, rows, appender(doc), { maxBytes: 500_000 });
    expect(rowsOf(doc)).toHaveLength(2000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500_000);
  });

  it('refuses to run inside a transaction, where the chunks would become one update', () => {
    const doc = newDoc();
    expect(() => doc.transact(() => transactInChunks(doc, [1], () => undefined))).toThrow(/inside a transaction/);
  });
});

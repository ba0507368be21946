import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { lockedRow, type LockRule } from '../../../server/sync/row-locks.js';
import { createDoc, deleteRow, insertRow, insertRows, setCells } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { verdictOfCopyEdit } from './copy-edit.js';
import { lockedCloseReason, parseLockedReason } from '../../../shared/protocol/locked-refusal.js';

/** Locks every row of unit vc-a in 2026Q2. */
const rule: LockRule = (v) => (v.unit === 'vc-a' && v.period === '2026Q2' ? { round: 'kv2', title: 'kv 2', period: '2026Q2' } : null);

function setup() {
  const doc = createDoc('indicator-values', { title: 'v', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(doc, [
    { indicator: 'i1', unit: 'vc-a', period: '2026Q2', kon: 'T', value: 1 },
    { indicator: 'i1', unit: 'vc-b', period: '2026Q2', kon: 'T', value: 2 },
  ], { ids: ['a', 'b'] });
  return doc;
}

/** The verdict of an edit made on a copy, judged against the original as the room does. */
function judge(doc: Y.Doc, change: (d: Y.Doc) => void) {
  return lockedRow(doc, verdictOfCopyEdit(doc, change), rule);
}

describe('lockedRow', () => {
  it('refuses a change to a locked row and names the round', () => {
    expect(judge(setup(), (d) => setCells(d, 'a', { value: 5 }))).toEqual({ rowId: 'a', lock: { round: 'kv2', title: 'kv 2', period: '2026Q2' } });
  });
  it('lets an unlocked row be changed', () => {
    expect(judge(setup(), (d) => setCells(d, 'b', { value: 5 }))).toBeNull();
  });
  it('refuses moving an unlocked row into the locked unit or period', () => {
    expect(judge(setup(), (d) => setCells(d, 'b', { unit: 'vc-a' }))?.rowId).toBe('b');
  });
  it('refuses moving a locked row out', () => {
    expect(judge(setup(), (d) => setCells(d, 'a', { period: '2026Q3' }))?.rowId).toBe('a');
  });
  it('refuses deleting a locked row, and creating one in the locked period', () => {
    expect(judge(setup(), (d) => void deleteRow(d, 'a'))?.rowId).toBe('a');
    expect(judge(setup(), (d) => void insertRow(d, { indicator: 'i2', unit: 'vc-a', period: '2026Q2', kon: 'T' }, { id: 'n' }))?.rowId).toBe('n');
    expect(judge(setup(), (d) => void insertRow(d, { indicator: 'i2', unit: 'vc-a', period: '2026Q3', kon: 'T' }, { id: 'n' }))).toBeNull();
  });
});

describe('locked-row close reason', () => {
  it('names the round and period, fits a close frame, and reads back', () => {
    const reason = lockedCloseReason('kv2', '2026Q2');
    expect(reason).toBe('Locked: round kv2 (2026Q2) is approved');
    expect(parseLockedReason(reason)).toEqual({ round: 'kv2', period: '2026Q2', closed: false });
    expect(Buffer.byteLength(lockedCloseReason('x'.repeat(64), '2026Q2'))).toBeLessThanOrEqual(123);
    expect(parseLockedReason('Malformed update')).toBeNull();
  });
});

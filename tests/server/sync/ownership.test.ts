/**
 * Row ownership in documents whose rows belong to units (county action plans, indicator values):
 * judged on the verdict of the shared check, as the room judges an edit (`offer-checks.ts`).
 */
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { forbiddenRow } from '../../../server/sync/ownership.js';
import { createDoc, deleteRow, insertRows, setCell } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { verdictOfCopyEdit } from './copy-edit.js';

/** An editor of vc-a. */
const editorA = { allowed: (unit: string | null) => unit === 'vc-a', reassigns: false };

function setup(): Y.Doc {
  const doc = createDoc('indicator-values', { title: 'v', ownerUnit: 'region', schemaVersion: kindDef('indicator-values').schemaVersion });
  insertRows(doc, [
    { indicator: 'i1', unit: 'vc-a', period: '2026Q1', kon: 'T', value: 1 },
    { indicator: 'i1', unit: 'vc-b', period: '2026Q1', kon: 'T', value: 2 },
  ], { ids: ['a', 'b'] });
  return doc;
}

/** The first forbidden row of an edit made on a copy of `doc`, judged against `doc`. */
function judge(doc: Y.Doc, change: (d: Y.Doc) => void) {
  return forbiddenRow(doc, verdictOfCopyEdit(doc, change), editorA);
}

describe('forbiddenRow', () => {
  it("lets an editor delete a row of its own unit whole (its unit cell goes with it, the row does not stay ownerless)", () => {
    expect(judge(setup(), (d) => void deleteRow(d, 'a'))).toBeNull();
  });
  it("refuses deleting another unit's row", () => {
    expect(judge(setup(), (d) => void deleteRow(d, 'b'))).toEqual({ rowId: 'b', reason: 'row b belongs to another unit' });
  });
  it('refuses removing or changing the unit of a row that stays', () => {
    expect(judge(setup(), (d) => (d.getMap<Y.Map<unknown>>('rows').get('a') as Y.Map<unknown>).delete('unit'))).toEqual({ rowId: 'a', reason: 'the unit of row a cannot be removed' });
    expect(judge(setup(), (d) => void setCell(d, 'a', 'unit', 'vc-b'))?.rowId).toBe('a');
  });
});

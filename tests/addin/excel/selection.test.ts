import { afterEach, describe, expect, it } from 'vitest';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { selectedRow, type SelectedRow } from '../../../addin/excel/sheet/selection.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const ids = ['r1', 'r2', 'r3'];

describe('selectedRow', () => {
  it('finds the row and column under the top-left corner of a selection', () => {
    expect(selectedRow(layout, ids, 'B2')).toEqual({ rowId: 'r1', column: 'title' });
    expect(selectedRow(layout, ids, 'plan-test!C4:E9')).toEqual({ rowId: 'r3', column: 'type' });
    expect(selectedRow(layout, ids, "'plan test'!$B$3")).toEqual({ rowId: 'r2', column: 'title' });
  });

  it('gives the row without a column for a whole-row selection or the id column', () => {
    expect(selectedRow(layout, ids, '3:3')).toEqual({ rowId: 'r2', column: null });
    expect(selectedRow(layout, ids, 'A2')).toEqual({ rowId: 'r1', column: null });
  });

  it('is null outside the body: header, past the end, right of the table, whole columns, an empty table', () => {
    const right = `${String.fromCharCode(65 + layout.width)}2`;
    for (const address of ['B1', 'B5', right, 'C:C', 'not an address']) expect(selectedRow(layout, ids, address)).toBeNull();
    expect(selectedRow(layout, [null], 'B2')).toBeNull();
  });
});

describe('bindTable: selection', () => {
  let side: Side | undefined;
  afterEach(async () => {
    await side?.binding.dispose();
    side = undefined;
  });

  it('reports the row a person moves to, once per row and column, and null off the table', async () => {
    const seen: (SelectedRow | null)[] = [];
    const doc = docWith('activity-plan', [{ title: 'Hälsodag' }, { title: 'Promenad' }]);
    side = await openSide(doc, 'activity-plan', { onSelection: (s) => seen.push(s) });
    const [first, second] = rowsOf(doc).map((r) => r.id);
    side.host.user.select('plan-test', 'B3');
    side.host.user.select('plan-test', 'B3:C3');
    side.host.user.select('plan-test', 'C2');
    side.host.user.select('plan-test', 'B1');
    await side.settle();
    expect(seen).toEqual([{ rowId: second, column: 'title' }, { rowId: first, column: 'type' }, null]);
  });

  it('stops reporting once disposed', async () => {
    const seen: unknown[] = [];
    side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag' }]), 'activity-plan', { onSelection: (s) => seen.push(s) });
    const host = side.host;
    await side.binding.dispose();
    side = undefined;
    host.user.select('plan-test', 'B2');
    await host.settle();
    expect(seen).toEqual([]);
  });
});

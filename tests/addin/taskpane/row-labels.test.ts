/**
 * How the pane names a row (`row-labels.ts`): an indicator value is named by its row number, the
 * sheet's where the table is bound, never by its Källa, which is the same on many rows.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { rowLabeler } from '../../../addin/taskpane/row-labels.js';

const meta = { title: 't', ownerUnit: 'vc-tensta', schemaVersion: 1 };

describe('rowLabeler', () => {
  it('names indicator values by the sheet row, not by a Källa shared by many rows', () => {
    const doc = createDoc('indicator-values', meta);
    const row = { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2026Q1', value: 12, source: 'Exempeldata' };
    const [first, second] = insertRows(doc, [{ ...row, kon: 'K' }, { ...row, kon: 'M' }]);
    const sheetRows = new Map([[first as string, 7], [second as string, 8]]);
    const label = rowLabeler(doc, 'indicator-values', 'sv', (id) => sheetRows.get(id) ?? null);
    expect([label(first as string), label(second as string)]).toEqual(['rad 7', 'rad 8']);
    // Without a sheet: the document order.
    expect(rowLabeler(doc, 'indicator-values', 'en')(second as string)).toBe('row 2');
  });

  it('still names an activity by its title', () => {
    const doc = createDoc('activity-plan', { ...meta, schemaVersion: 2 });
    const [id] = insertRows(doc, [{ title: 'Hälsodag på torget', type: 'halsodag' }]);
    expect(rowLabeler(doc, 'activity-plan', 'sv', () => 9)(id as string)).toBe('”Hälsodag på torget”');
  });
});

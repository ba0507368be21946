/**
 * Cells of existing rows changed while the pane was closed are read on reopening with every check
 * a live edit gets (`local/reconcile.ts` reads rows with `readRow` of `local/read-row.ts`): a
 * personnummer typed as a decimal number is refused before it reaches the doc (it was stored).
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { indicatorBoundsOf } from '../../../shared/validate/cross-refs.js';
import type { BindOptions } from '../../../addin/excel/sheet/types.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
const catalog = createDoc('indicator-catalog', { title: 'Katalog', ownerUnit: 'region', schemaVersion: 1 });
insertRows(catalog, [{ id: 'vc-samtal', name: 'Genomförda hälsosamtal', unitOfMeasure: 'antal' }]);
const options: Partial<BindOptions> = { refs: { indicatorBounds: indicatorBoundsOf(catalog) } };

/** An indicator value of 7 (a count) bound, its snapshot stored, closed, then its Värde typed over with `typed`, and opened again. */
async function reopenedAfter(typed: string | number) {
  const doc = docWith('indicator-values', [{ indicator: 'vc-samtal', unit: 'vc-test', period: '2025', kon: 'T', value: 7 }]);
  const first = await openSide(doc, 'indicator-values', options);
  await first.settle();
  await first.binding.saveSnapshot();
  await first.binding.dispose();
  const sheet = first.binding.sheetName;
  first.host.user.type(sheet, cellAt('indicator-values', 'value', 0), typed);
  await first.host.settle();
  const side = await openSide(doc, 'indicator-values', options, first.host);
  opened.push(side);
  await side.settle();
  return { doc, side };
}

describe('a cell changed while the pane was closed', () => {
  it('is refused when it is a personnummer typed as a decimal number (850101,1236), as when typed live', async () => {
    const { doc, side } = await reopenedAfter(850101.1236);
    expect(rowsOf(doc)[0]?.values.value).toBe(7);
    expect(side.binding.problems.filter((p) => p.column === 'value').map((p) => p.code)).toEqual(['personnummer']);
  });

  it.each(['12 %', '12%', "'12 %"])('is refused in words when %s is typed in the Värde of a count, the stored value and what was typed kept', async (typed) => {
    const { doc, side } = await reopenedAfter(typed);
    expect(rowsOf(doc)[0]?.values.value).toBe(7);
    expect(side.binding.problems.filter((p) => p.column === 'value').map((p) => p.code)).toEqual(['percent-not-share']);
    expect(side.host.readText(side.binding.sheetName, cellAt('indicator-values', 'value', 0))[0]![0]).toContain('%');
  });

  it('is read as the date it shows when a date is typed in the Värde, so refused, not stored as a serial', async () => {
    const { doc, side } = await reopenedAfter('2025-03-01');
    expect(rowsOf(doc)[0]?.values.value).toBe(7);
    expect(side.binding.problems.filter((p) => p.column === 'value').map((p) => p.severity)).toEqual(['error']);
    expect(side.host.readText(side.binding.sheetName, cellAt('indicator-values', 'value', 0))[0]![0]).toBe('2025-03-01');
  });
});

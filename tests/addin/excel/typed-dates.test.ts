/**
 * Dates as people type them into the bound sheet: without a year they take the plan's year
 * (from the document's title, as imports do), and a date with a time of day keeps its date with
 * an info problem saying the time was dropped.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { cellAt, disposedAfterEach, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

const cellOf = (key: string, index: number): string => cellAt('activity-plan', key, index);

async function planTitled(title: string): Promise<Side> {
  const doc = createDoc('activity-plan', { title, ownerUnit: 'vc-test', schemaVersion: kindDef('activity-plan').schemaVersion });
  insertRows(doc, [{ title: 'Promenad' }]);
  const side = await openSide(doc, 'activity-plan');
  opened.push(side);
  return side;
}

describe('dates typed into the sheet', () => {
  it('12/3 is 12 March of the plan year named in the title, not of this year', async () => {
    const side = await planTitled('Aktivitetsplan Fittja 2027');
    side.host.user.type(SHEET, cellOf('startDate', 0), '12/3');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.startDate).toBe('2027-03-12');
  });

  it('a date with a time keeps its date and shows an info problem that the time was dropped', async () => {
    const side = await planTitled('Plan 2025');
    side.host.user.type(SHEET, cellOf('startDate', 0), '2025-03-12 10:00');
    await side.settle();
    const row = rowsOf(side.doc)[0]!;
    expect(row.values.startDate).toBe('2025-03-12');
    const info = side.binding.problems.filter((p) => p.rowId === row.id && p.column === 'startDate');
    expect(info).toEqual([expect.objectContaining({ severity: 'info', code: 'date-time-dropped' })]);
    expect(info[0]!.message.sv).toMatch(/klockslag|tid/i);
    // The cell now shows the date alone, as the doc holds it.
    expect(side.host.readText(SHEET, cellOf('startDate', 0))).toEqual([['2025-03-12']]);
  });
});

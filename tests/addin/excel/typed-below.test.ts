/**
 * A new row begun by typing right below the bound table. Excel reads the entry by the cell's own
 * format and only then grows the table over it: in a `General` cell `2025-03-01` typed as a comment
 * became the serial 45717 (stored as the text "45717" while the cell showed the date), and `1/3`
 * in a date column 1 March of the current year, whatever the plan's period. The binding keeps the
 * row below the table in the columns' formats, so what is typed there is read as typed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

async function plan(title: string): Promise<Side> {
  const doc = docWith('activity-plan', [{ title: 'Promenad', type: 'halsodag', startDate: '2025-09-01', endDate: '2025-09-30' }]);
  setMeta(doc, { title });
  const side = await openSide(doc, 'activity-plan', {}, createWorkbook({ locale: 'sv-SE' }));
  opened.push(side);
  await side.settle();
  return side;
}

describe('typing a new row right below the bound table', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a comment typed as a date as typed, in the first new row and the next', async () => {
    const side = await plan('Aktivitetsplan 2025');
    side.host.user.type(SHEET, cellAt('activity-plan', 'comment', 1), '2025-03-01');
    await side.settle();
    side.host.user.type(SHEET, cellAt('activity-plan', 'comment', 2), '007');
    await side.settle();
    expect(side.host.readTable(side.binding.tableName).rows).toHaveLength(3);
    expect(rowsOf(side.doc).map((r) => r.values.comment ?? null)).toEqual([null, '2025-03-01', '007']);
    expect(side.host.read(SHEET, `${cellAt('activity-plan', 'comment', 1)}:${cellAt('activity-plan', 'comment', 2)}`)).toEqual([['2025-03-01'], ['007']]);
  });

  it('reads "1/3" typed into its end date by the plan\'s period, not as this year\'s 1 March', async () => {
    const side = await plan('Aktivitetsplan 2025–2026');
    side.host.user.type(SHEET, cellAt('activity-plan', 'endDate', 1), '1/3');
    await side.settle();
    expect(side.host.read(SHEET, cellAt('activity-plan', 'endDate', 1))).toEqual([['1/3']]);
    expect(rowsOf(side.doc).map((r) => r.values.endDate)).not.toContain('2026-03-01');
    expect(side.binding.problems.filter((p) => p.column === 'endDate').map((p) => p.code)).toContain('date-year-ambiguous');
  });
});

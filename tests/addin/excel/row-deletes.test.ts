import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { rowRangeDeleteSupported, rowRuns } from '../../../addin/excel/sheet/row-deletes.js';
import { deleteRows, rowsOf } from '../../../shared/doc/index.js';
import { docWith, openSide } from './helpers.js';

afterEach(() => vi.unstubAllGlobals());

/** A host without ExcelApi 1.17: the binding falls back to one `TableRow.delete` per row. */
function withoutRowRanges(): void {
  vi.stubGlobal('Office', { context: { requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && Number(version?.split('.')[1]) < 17 } } });
}

/**
 * Binds a plan of `rows` rows, lets a peer delete the rows whose indexes `pick` chooses, and
 * returns the table afterwards and the commands the deletion sent to Excel.
 */
async function deleteAsPeer(rows: number, pick: (i: number) => boolean, before?: (side: Awaited<ReturnType<typeof openSide>>) => void): Promise<{ table: unknown[][]; commands: number; ids: string[] }> {
  const host = createWorkbook();
  const doc = docWith('activity-plan', Array.from({ length: rows }, (_, i) => ({ title: `Rad ${i}` })));
  const side = await openSide(doc, 'activity-plan', {}, host);
  await side.settle();
  before?.(side);
  await side.settle();
  const commands = host.commandCount;
  deleteRows(doc, rowsOf(doc).filter((_, i) => pick(i)).map((r) => r.id));
  await side.settle();
  expect(side.binding.status.lastError).toBeNull();
  const result = { table: host.readTable(side.binding.tableName).rows, commands: host.commandCount - commands, ids: rowsOf(doc).map((r) => r.id) };
  await side.binding.dispose();
  return result;
}

describe('rowRuns', () => {
  it('groups adjacent rows into runs, bottom run first, ignoring order and repeats', () => {
    expect(rowRuns([3, 0, 4, 9, 2, 4, 7, 8])).toEqual([
      { start: 7, count: 3 },
      { start: 2, count: 3 },
      { start: 0, count: 1 },
    ]);
    expect(rowRuns([])).toEqual([]);
  });

  it('asks the host for ExcelApi 1.17 when Office is there', () => {
    expect(rowRangeDeleteSupported()).toBe(true);
    withoutRowRanges();
    expect(rowRangeDeleteSupported()).toBe(false);
  });
});

describe('deleting a peer’s removed rows', () => {
  it('sends one command per run of adjacent rows, not one per row', async () => {
    // 2,250 rows in one run, and 2,250 rows in runs of three.
    const oneRun = await deleteAsPeer(3_000, (i) => i >= 500 && i < 2_750);
    expect(oneRun.commands).toBeLessThan(100);
    const runsOfThree = await deleteAsPeer(3_000, (i) => i % 4 !== 0);
    expect(runsOfThree.commands).toBeLessThan(750 + 100);
    expect(runsOfThree.table.map((r) => r[0])).toEqual(runsOfThree.ids);
  }, 60_000);

  const cases: [string, number, (i: number) => boolean][] = [
    ['scattered rows', 40, (i) => [1, 2, 5, 11, 12, 13, 20, 33].includes(i)],
    ['the first and the last row', 12, (i) => i === 0 || i === 11],
    ['every row', 9, () => true],
    ['every row but the first', 9, (i) => i > 0],
    ['runs of three', 30, (i) => i % 4 !== 0],
  ];
  for (const [name, rows, pick] of cases) {
    it(`leaves the same table as single row deletes: ${name}`, async () => {
      const runs = await deleteAsPeer(rows, pick);
      withoutRowRanges();
      const single = await deleteAsPeer(rows, pick);
      // Row ids are new in each plan: the rest of every row must match, and the ids their plan's.
      expect(runs.table.map((r) => r.slice(1))).toEqual(single.table.map((r) => r.slice(1)));
      expect(single.table.map((r) => r[0]).filter((id) => id !== '')).toEqual(single.ids);
      expect(runs.table.map((r) => r[0]).filter((id) => id !== '')).toEqual(runs.ids);
    });
  }

  it('deletes in runs while the person has a filter on', async () => {
    const pick = (i: number): boolean => i % 5 === 1 || i % 5 === 2;
    const filter = (side: Awaited<ReturnType<typeof openSide>>): void => side.host.user.filterTable(side.binding.tableName, 'Aktivitet', ['Rad 3']);
    const runs = await deleteAsPeer(20, pick, filter);
    withoutRowRanges();
    const single = await deleteAsPeer(20, pick, filter);
    expect(runs.table.map((r) => r.slice(1))).toEqual(single.table.map((r) => r.slice(1)));
    expect(runs.table.map((r) => r[0])).toEqual(runs.ids);
  });
});

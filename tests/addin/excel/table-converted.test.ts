/**
 * A bound table converted to a range by the person (Table Design → Convert to Range). Every read
 * of a typed cell failed and was retried without end while Problems said nothing typed was lost;
 * a pane opening the workbook made a new table on a new tab, and what was typed in the old cells
 * never reached the document. The binding now makes the cells the table again (`lost-table.ts`).
 */
import { describe, expect, it } from 'vitest';
import { RETRY_WAIT_CAP } from '../../../addin/excel/sheet/types.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { pastTimers } from '../../support/eventually.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
/** The binding's first retry wait here: none waits longer than {@link RETRY_WAIT_CAP} times it. */
const RETRY_BASE_MS = 2;
const opened = disposedAfterEach();

async function convert(side: Side, name: string): Promise<void> {
  await side.host.run(async (context) => {
    context.workbook.tables.getItem(name).convertToRange();
    await context.sync();
  });
}

describe('a bound table converted to a range', () => {
  it('is made a table again while the pane is open, and what is typed reaches the document', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    const side = await openSide(doc, 'activity-plan');
    opened.push(side);
    const name = side.binding.tableName;
    await convert(side, name);
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    await expect.poll(() => rowsOf(doc)[0]!.values.title, { timeout: 5_000 }).toBe('Promenad i parken');
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad i parken', 'Dans']);
    expect(side.host.snapshot().tables.map((t) => [t.name, t.sheet, t.rows.length])).toEqual([[name, SHEET, 2]]);
  });

  it('converted while the pane was closed, is made a table again on opening, with what was typed meanwhile, and no second tab', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    const first = await openSide(doc, 'activity-plan');
    const name = first.binding.tableName;
    await first.binding.dispose();
    await convert(first, name);
    first.host.user.type(SHEET, cellAt('activity-plan', 'title', 1), 'Dans för seniorer');
    const again = await openSide(doc, 'activity-plan', {}, first.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad', 'Dans för seniorer']);
    expect(again.host.snapshot().tables.map((t) => [t.name, t.sheet, t.rows.length])).toEqual([[name, SHEET, 2]]);
  });

  it('converted and its header changed too, is made a table again, paused until the header is back, and keeps what was typed', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    const side = await openSide(doc, 'activity-plan', { retryBaseMs: RETRY_BASE_MS });
    opened.push(side);
    const name = side.binding.tableName;
    const header = cellAt('activity-plan', 'targetGroup', -1);
    const text = side.host.read(SHEET, header)[0]![0] as string;
    await convert(side, name);
    side.host.user.type(SHEET, header, 'Målgrupp (ny)');
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBe('columns-changed');
    await side.settle();
    // No endless retry: nothing more is sent while the person does nothing, past the longest retry wait.
    const syncs = side.syncs();
    await pastTimers(RETRY_BASE_MS * RETRY_WAIT_CAP);
    await side.settle();
    expect(side.syncs()).toBe(syncs);
    expect(side.host.snapshot().tables.map((t) => [t.name, t.sheet, t.rows.length])).toEqual([[name, SHEET, 2]]);
    expect(side.binding.problems.map((p) => p.code)).toContain('columns-changed');
    expect(side.binding.problems.map((p) => p.code)).not.toContain('excel-request-failed');
    side.host.user.type(SHEET, header, text);
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBeNull();
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad i parken', 'Dans']);
  });

  it('converted and its id column header gone, pauses once as lost, says so in Problems, and retries nothing by itself', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }]);
    const side = await openSide(doc, 'activity-plan', { retryBaseMs: RETRY_BASE_MS });
    opened.push(side);
    await convert(side, side.binding.tableName);
    side.host.user.clear(SHEET, 'A1');
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBe('table-lost');
    await side.settle();
    const syncs = side.syncs();
    await pastTimers(RETRY_BASE_MS * RETRY_WAIT_CAP);
    await side.settle();
    expect(side.syncs()).toBe(syncs);
    const problem = side.binding.problems.find((p) => p.code === 'columns-changed');
    expect(problem?.message.sv).toContain('hittar inte längre tabellen');
    expect(problem?.message.sv).toContain('kommer inte in i dokumentet');
    expect(problem?.message.en).toContain('Undo the change');
    expect(side.binding.problems.map((p) => p.code)).not.toContain('excel-request-failed');
    // Nothing was written into the document or dropped from it.
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad']);
    // The person puts the id header back: the next change finds the cells, and what was typed arrives.
    side.host.user.type(SHEET, 'A1', 'samplan-id');
    await expect.poll(() => side.binding.status.paused, { timeout: 5_000 }).toBeNull();
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad i parken']);
  });
});

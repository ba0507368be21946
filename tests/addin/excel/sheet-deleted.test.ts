/**
 * A bound sheet (or only its table, the sheet kept) deleted while nothing is typed in it: the first request to fail is
 * the writer's, writing others' changes, and it was retried until Problems said "Excel refused
 * Samplan's requests again and again" instead of what happened. Writes and reads that find the
 * table gone now both look for it again and pause as `table-lost` (`recoverTable`).
 */
import { describe, expect, it } from 'vitest';
import { pausedProblem } from '../../../addin/excel/sheet/binding-context.js';
import { RETRY_WAIT_CAP } from '../../../addin/excel/sheet/types.js';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { pastTimers } from '../../support/eventually.js';
import { RELAY, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
/** The binding's first retry wait here: a retry loop would come every few ms, and none waits longer than {@link RETRY_WAIT_CAP} times it. */
const RETRY_BASE_MS = 2;
const opened = disposedAfterEach();

const removals: [string, (side: Side) => Promise<void>][] = [
  ['its sheet deleted', (side) => side.host.run(async (context) => {
    context.workbook.worksheets.getItem(SHEET).delete();
    await context.sync();
  })],
  // Table.delete clears the table's cells; the writer wrote others' changes into them without a word.
  ['its table deleted, the sheet kept', (side) => side.host.run(async (context) => {
    context.workbook.tables.getItem(side.binding.tableName).delete();
    await context.sync();
  })],
];

describe('a bound sheet deleted with nothing typed', () => {
  it.each(removals)('%s, pauses as lost when others change the document, with the words a read that finds it gone gives, and retries nothing by itself', async (_, remove) => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    const side = await openSide(doc, 'activity-plan', { retryBaseMs: RETRY_BASE_MS });
    opened.push(side);
    await remove(side);
    doc.transact(() => setCell(doc, rowsOf(doc)[0]!.id, 'title', 'Promenad i parken'), RELAY);
    await expect.poll(() => side.binding.status.paused, { timeout: 10_000 }).toBe('table-lost');
    // The words are published by the validation run the pause schedules (on its own timer, late on
    // a loaded machine, and it may sync): the syncs are counted once it and the binding's pending
    // work have run, so that what follows counts retries only.
    await expect.poll(() => side.binding.problems.map((p) => p.code), { timeout: 10_000 }).toContain('columns-changed');
    await side.settle();
    const syncs = side.syncs();
    // Past the longest retry wait, and what a retry would have sent has been sent.
    await pastTimers(RETRY_BASE_MS * RETRY_WAIT_CAP);
    await side.settle();
    expect(side.syncs()).toBe(syncs);
    const problem = side.binding.problems.find((p) => p.code === 'columns-changed');
    expect(problem?.message).toEqual(pausedProblem('plan-test', 'table-lost').message);
    expect(side.binding.problems.map((p) => p.code)).not.toContain('excel-request-failed');
    expect(side.binding.status.lastError).toBeNull();
    // The document keeps the change; the write waits.
    expect(rowsOf(doc).map((r) => r.values.title)).toEqual(['Promenad i parken', 'Dans']);
    expect(side.binding.status.pendingExcelWrites).toBeGreaterThan(0);
    // Nothing of the change reached the cells where the table was.
    const cells = side.host.snapshot().sheets.find((s) => s.name === SHEET)?.values ?? [];
    expect(JSON.stringify(cells)).not.toContain('Promenad i parken');
  });
});

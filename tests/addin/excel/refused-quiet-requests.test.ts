/**
 * Every request that turns the add-in's events off goes through `quietRequest`: Excel applies a
 * batch's commands up to the one that fails, so a request refused part-way (here `AccessDenied`
 * on a sheet the person protected) left events off for the whole add-in, and what the person
 * typed from then on never reached the document. Each path below is refused after turning events
 * off; what is typed afterwards must still reach the document.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { ensureCountColumn } from '../../../addin/excel/sheet/count-column.js';
import { rewriteLists } from '../../../addin/excel/sheet/excel-io.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { writeFormatResets } from '../../../addin/excel/sheet/percent-cells.js';
import { writeTextFormats } from '../../../addin/excel/sheet/text-formats.js';
import type { ExcelRun, SyncCounter } from '../../../addin/excel/sheet/types.js';
import { cellAt, disposedAfterEach, docWith, openSide, protectSheet } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const layout = (): ReturnType<typeof layoutFor> => layoutFor('activity-plan', 'plan-test', 'sv');
const counter = (): SyncCounter => ({ syncs: 0 });

const paths: [string, (run: ExcelRun) => Promise<unknown>][] = [
  ['rewriteLists', (run) => rewriteLists(run, layout(), new Map([[2, ['A', 'B']]]), false, counter())],
  ['ensureCountColumn', (run) => ensureCountColumn(run, layout(), false, counter())],
  ['writeTextFormats', (run) => writeTextFormats(run, layout(), 2, counter())],
  ['writeFormatResets', (run) => writeFormatResets(run, layout(), new Map([[0, [1]]]), counter())],
];

describe('a request that turns events off, refused part-way', () => {
  it.each(paths)('%s leaves events on: what the person types afterwards reaches the document', async (_name, request) => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    const side = await openSide(doc, 'activity-plan', { retryBaseMs: 60_000 });
    opened.push(side);
    const protect = (on: boolean): Promise<void> => protectSheet(side, SHEET, on);
    // The binding is idle first: a write of its own (which ends turning events on) would hide the fault.
    await side.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await side.settle();
    await protect(true);
    const run: ExcelRun = (batch) => side.host.run(batch);
    await expect(request(run)).rejects.toMatchObject({ code: 'AccessDenied' });
    await side.host.settle();
    await protect(false);
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 1), 'Dans för seniorer');
    await expect.poll(() => rowsOf(doc)[1]!.values.title, { timeout: 10_000 }).toBe('Dans för seniorer');
  });
});

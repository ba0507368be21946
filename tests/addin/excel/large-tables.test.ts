import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { toExcel } from '../../../addin/excel/sheet/cell-values.js';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { Limits } from '../../../shared/protocol/limits.js';
import type { RowValues } from '../../../shared/schema/types.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { createWorkbook, type ExcelHost, type HostProfile } from '../../../addin/excel-emulator/index.js';
import { eventually } from '../../support/eventually.js';
import { docWith, openSide, tableById, type Side } from './helpers.js';

// Tables several times larger than one Excel response (5 MB on the web), and changes larger
// than one sync frame (8 MB). The 50,000-row figures are in `bench/excel.ts`.

const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const letter = (key: string): string => String.fromCharCode(65 + (layout.columnIndex.get(key) as number));
const comment = (i: number, length: number): string => `${`Kommentar ${i} `.padEnd(length - 1, 'lorem ipsum dolor sit amet ')}.`;
const rows = (n: number, length: number): RowValues[] =>
  Array.from({ length: n }, (_, i) => ({ title: `Aktivitet ${String(i).padStart(5, '0')}`, type: 'halsodag', comment: comment(i, length) }));
/** A row as pasted from B: title, 19 empty cells, comment. */
const pastedRow = (i: number, length: number): string[] => [`Klistrad ${String(i).padStart(5, '0')}`, ...new Array<string>(19).fill(''), comment(i, length)];

/** The doc as its table should show it, sorted by id like {@link tableById}. */
function docAsTable(doc: Y.Doc): unknown[][] {
  return rowsOf(doc)
    .map((r) => [r.id, ...layout.columns.map((c) => toExcel(c, r.values[c.key], 'sv'))])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}

/** Sheet and doc hold the same rows, nothing failed, and no request or response was over the host's limit. */
function expectWhole(side: Side, problems: readonly Problem[]): void {
  expect(side.binding.status.lastError).toBeNull();
  expect(problems.filter((p) => p.code === 'excel-request-failed')).toEqual([]);
  expect(tableById(side)).toEqual(docAsTable(side.doc));
  const { requestBytes, responseBytes } = side.host.limits;
  for (const size of side.host.syncSizes.filter((s) => !s.failed)) {
    expect(size.request).toBeLessThanOrEqual(requestBytes);
    expect(size.response).toBeLessThanOrEqual(responseBytes);
  }
}

/** Sizes of every update the doc emits from now on. */
function updateSizes(doc: Y.Doc): number[] {
  const sizes: number[] = [];
  doc.on('update', (update: Uint8Array) => void sizes.push(update.length));
  return sizes;
}

async function open(doc: Y.Doc, host: ExcelHost = createWorkbook()): Promise<{ side: Side; problems: () => readonly Problem[] }> {
  let problems: readonly Problem[] = [];
  const side = await openSide(doc, 'activity-plan', { onProblems: (p) => (problems = p) }, host);
  sides.push(side);
  await side.settle();
  return { side, problems: () => problems };
}

describe('bindTable: tables larger than one Excel response', () => {
  for (const profile of ['web', 'desktop'] satisfies HostProfile[]) {
    it(`after sorting 3,000 rows with 1,900-character comments, a typed edit reaches the doc (${profile})`, async () => {
      const { side, problems } = await open(docWith('activity-plan', rows(3_000, 1_900)), createWorkbook({ profile }));
      const before = side.syncs();
      side.host.user.sortTable(side.binding.tableName, 'Aktivitet', false);
      await side.settle();
      side.host.user.type('plan-test', 'B2', 'Skrivet efter sortering');
      await side.settle();
      // The first page shows the sort, two pages and the id check read the table, one the edit.
      expect(side.syncs() - before).toBeLessThanOrEqual(6);
      const typed = rowsOf(side.doc).filter((r) => r.values.title === 'Skrivet efter sortering');
      expect(typed.map((r) => r.values.comment)).toEqual([comment(2_999, 1_900)]);
      expectWhole(side, problems());
      // The table is over the web's limit: the reads took more than one request there.
      if (profile === 'web') expect(side.host.syncSizes.filter((s) => s.response > 1024 * 1024).length).toBeGreaterThan(2);
    }, 60_000);
  }

  it('deleting a row of a 12,000-row table with 400-character comments deletes it in the doc', async () => {
    const { side, problems } = await open(docWith('activity-plan', rows(12_000, 400)));
    const gone = rowsOf(side.doc)[5]?.id;
    const before = side.syncs();
    side.host.user.deleteTableRows(side.binding.tableName, 5, 1);
    await side.settle();
    expect(side.syncs() - before).toBeLessThanOrEqual(4);
    expect(side.host.readTable(side.binding.tableName).rows.length).toBe(11_999);
    expect(rowsOf(side.doc).map((r) => r.id)).not.toContain(gone);
    expect(rowsOf(side.doc).length).toBe(11_999);
    expectWhole(side, problems());
  }, 60_000);
});

describe('bindTable: local changes larger than one sync frame', () => {
  it('a 5,000-row paste of 1,900-character comments arrives whole, in order, in updates under the frame limit', async () => {
    const { side, problems } = await open(docWith('activity-plan', rows(1, 100)));
    const sizes = updateSizes(side.doc);
    const pasted = Array.from({ length: 5_000 }, (_, i) => pastedRow(i, 1_900));
    const before = side.syncs();
    side.host.user.paste('plan-test', 'B3', pasted);
    await side.settle();
    // Three pages read the 9.5 MB, one writes the new ids back (not the texts).
    expect(side.syncs() - before).toBeLessThanOrEqual(6);
    expect(side.host.readTable(side.binding.tableName).rows.length).toBe(5_001);
    expect(rowsOf(side.doc).map((r) => r.values.title)).toEqual(['Aktivitet 00000', ...pasted.map((r) => r[0])]);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(Limits.maxFrameBytes);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(Limits.maxFrameBytes);
    expectWhole(side, problems());
  }, 60_000);

  it('a workbook edited with the pane closed is merged whole on reopening (3,000 rows × 1,900 characters)', async () => {
    const doc = docWith('activity-plan', rows(3_000, 1_900));
    const host = createWorkbook();
    const first = await open(doc, host);
    await first.side.binding.dispose();
    sides.splice(sides.indexOf(first.side), 1);
    const ids = rowsOf(doc).map((r) => r.id);
    // With the pane closed: an edit, a deleted row, a longer comment, 2,000 pasted rows.
    host.user.type('plan-test', 'B11', 'Ändrad utan panel');
    host.user.type('plan-test', `${letter('comment')}21`, comment(-1, 2_000));
    host.user.deleteTableRows(first.side.binding.tableName, 100, 1);
    host.user.paste('plan-test', 'B3001', Array.from({ length: 2_000 }, (_, i) => pastedRow(i, 1_900)));
    const sizes = updateSizes(doc);
    const { side, problems } = await open(doc, host);
    const titles = new Map(rowsOf(doc).map((r) => [r.id, r.values.title]));
    expect(titles.get(ids[9] as string)).toBe('Ändrad utan panel');
    expect(rowsOf(doc).find((r) => r.id === ids[19])?.values.comment).toBe(comment(-1, 2_000));
    expect(titles.has(ids[100] as string)).toBe(false);
    expect(rowsOf(doc).length).toBe(3_000 - 1 + 2_000);
    expect(Math.max(...sizes)).toBeLessThan(Limits.maxFrameBytes);
    expectWhole(side, problems());
  }, 60_000);
});

describe('bindTable: a read Excel refuses', () => {
  it('is named in Problems, and what was typed reaches the doc once Excel answers again', async () => {
    const { side, problems } = await open(docWith('activity-plan', rows(20, 100)));
    const limits = side.host.limits as { responseBytes: number };
    const normal = limits.responseBytes;
    // Not even one row fits: every read of the change fails, however small.
    limits.responseBytes = 200;
    side.host.user.type('plan-test', 'B4', 'Skrivet medan Excel vägrar');
    await side.host.settle();
    await eventually(() => problems().some((p) => p.code === 'excel-request-failed'), 5_000, 'the refused read named in Problems');
    expect(side.binding.status.lastError?.code).toBe('ResponsePayloadSizeLimitExceeded');
    expect(rowsOf(side.doc).map((r) => r.values.title)).not.toContain('Skrivet medan Excel vägrar');
    limits.responseBytes = normal;
    await side.settle();
    expect(rowsOf(side.doc)[2]?.values.title).toBe('Skrivet medan Excel vägrar');
    await side.settle();
    expectWhole(side, problems());
  }, 60_000);
});

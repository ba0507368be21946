import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { insertRow, rowsOf, setCell } from '../../../shared/doc/index.js';
import { openPair, openSide, plain, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

const rows = () => [
  { title: 'Hälsodag', type: 'halsodag' },
  { title: 'Promenad', type: 'promenadgrupp' },
];

/** Two workbooks on one plan, joined by the relay. */
async function pair() {
  const both = await openPair(rows(), sides);
  await Promise.all([both.a.settle(), both.b.settle()]);
  return both;
}

const titles = (doc: Y.Doc) => rowsOf(doc).map((r) => r.values.title);

describe('bindTable: columns the person adds', () => {
  it('leaves a column added at the right end alone, and new rows span it', async () => {
    const { a, b } = await pair();
    const before = plain(a.doc);
    a.host.user.insertTableColumn(a.binding.tableName, a.host.readTable(a.binding.tableName).headers.length, 'Egen anteckning');
    await a.settle();
    const own = a.host.readTable(a.binding.tableName).headers.length - 1;
    const ownLetter = String.fromCharCode(65 + own);
    a.host.user.type(SHEET, `${ownLetter}2`, 'ring Eva först');
    await Promise.all([a.settle(), b.settle()]);
    expect(plain(a.doc)).toEqual(before);
    expect(a.binding.status.paused).toBeNull();

    // Both directions still work, a new remote row included.
    a.host.user.type(SHEET, 'B3', 'Promenad i Spånga');
    insertRow(b.doc, { title: 'Ny från B', type: 'halsodag' });
    await Promise.all([a.settle(), b.settle()]);
    expect(titles(b.doc)).toEqual(['Hälsodag', 'Promenad i Spånga', 'Ny från B']);
    const table = a.host.readTable(a.binding.tableName);
    expect(table.rows.map((r) => r[1])).toEqual(['Hälsodag', 'Promenad i Spånga', 'Ny från B']);
    expect(table.rows.map((r) => r[own])).toEqual(['ring Eva först', '', '']);
    expect(a.binding.status.lastError).toBeNull();
  });
});

describe('bindTable: Samplan’s columns changed', () => {
  it('pauses instead of writing shifted values when a column is inserted among Samplan’s, and resumes when it is gone', async () => {
    const { a, b } = await pair();
    const problems: string[][] = [];
    const before = plain(a.doc);
    const [first, second] = rowsOf(a.doc).map((r) => r.id) as [string, string];
    a.host.user.insertTableColumn(a.binding.tableName, 2, 'Egen anteckning');
    await Promise.all([a.settle(), b.settle()]);
    // The bug this guards against: every value right of the new column read one column off.
    expect(plain(a.doc)).toEqual(before);
    expect(plain(b.doc)).toEqual(before);
    expect(a.binding.status.paused).toBe('columns-changed');
    const paused = a.binding.problems.find((p) => p.code === 'columns-changed');
    expect(paused).toMatchObject({ severity: 'error', rowId: null });
    expect(paused?.message.sv).toMatch(/pausad/);
    problems.push(a.binding.problems.map((p) => p.code));

    // While paused: what A types stays in A's sheet, what B writes waits.
    a.host.user.type(SHEET, 'B2', 'Hälsodag i Husby');
    a.host.user.type(SHEET, 'C3', 'min kommentar');
    setCell(b.doc, second, 'title', 'Promenad från B');
    await Promise.all([a.settle(), b.settle()]);
    expect(titles(b.doc)).toEqual(['Hälsodag', 'Promenad från B']);
    expect(a.host.read(SHEET, 'B3')).toEqual([['Promenad']]);
    expect(a.host.read(SHEET, 'C3')).toEqual([['min kommentar']]);

    // The person deletes their column again: both edits meet, the sheet catches up.
    a.host.user.deleteTableColumn(a.binding.tableName, 'Egen anteckning');
    await Promise.all([a.settle(), b.settle()]);
    expect(a.binding.status.paused).toBeNull();
    expect(a.binding.problems.some((p) => p.code === 'columns-changed')).toBe(false);
    expect(titles(a.doc)).toEqual(['Hälsodag i Husby', 'Promenad från B']);
    expect(plain(a.doc)).toEqual(plain(b.doc));
    expect(rowsOf(a.doc).find((r) => r.id === first)?.values.type).toBe('halsodag');
    expect(a.host.read(SHEET, 'B2:B3')).toEqual([['Hälsodag i Husby'], ['Promenad från B']]);
  });

  it('pauses when a header of Samplan’s is renamed, and resumes when the name is back', async () => {
    const { a } = await pair();
    a.host.user.type(SHEET, 'C1', 'Sorts');
    await a.settle();
    expect(a.binding.status.paused).toBe('columns-changed');
    a.host.user.type(SHEET, 'C1', 'Typ');
    await a.settle();
    expect(a.binding.status.paused).toBeNull();
    a.host.user.type(SHEET, 'B2', 'Efter namnbytet');
    await a.settle();
    expect(titles(a.doc)[0]).toBe('Efter namnbytet');
  });

  it('opens paused when the workbook’s columns were changed while the pane was closed', async () => {
    const { a, b, net } = await pair();
    const before = plain(b.doc);
    await a.binding.dispose();
    sides.splice(sides.indexOf(a), 1);
    net.offline(a.doc);
    a.host.user.insertTableColumn(a.binding.tableName, 1, 'Min kolumn');
    a.host.user.type(SHEET, 'C2', 'Lokal titel');
    net.online(a.doc);
    const reopened = await openSide(a.doc, 'activity-plan', {}, a.host);
    sides.push(reopened);
    await Promise.all([reopened.settle(), b.settle()]);
    expect(reopened.binding.status.paused).toBe('columns-changed');
    expect(plain(b.doc)).toEqual(before);

    reopened.host.user.deleteTableColumn(reopened.binding.tableName, 'Min kolumn');
    await Promise.all([reopened.settle(), b.settle()]);
    expect(reopened.binding.status.paused).toBeNull();
    // The title typed while the pane was closed counts as a local edit, as on any reopen.
    expect(titles(b.doc)).toEqual(['Lokal titel', 'Promenad']);
  });
});

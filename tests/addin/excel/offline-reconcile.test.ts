import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { docWith, expectSame, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

function activity(i: number): Record<string, string | number> {
  return { title: `Aktivitet ${i}`, type: 'halsodag', startDate: '2026-03-01', participantsPlanned: i };
}

const pair = () => openPair([activity(1), activity(2), activity(3)], sides);

describe('offline edits', () => {
  it('edits made offline on both sides merge on reconnect, in both workbooks', async () => {
    const { a, b, net } = await pair();
    net.offline(a.doc);
    a.host.user.type(SHEET, 'B2', 'Offline A');
    a.host.user.type(SHEET, 'B5', 'Ny rad från A');
    b.host.user.type(SHEET, 'R2', 'Ansvarig B');
    b.host.user.type(SHEET, 'B3', 'Offline B');
    await Promise.all([a.settle(), b.settle()]);
    expect(rowsOf(b.doc).map((r) => r.values.title)).toEqual(['Aktivitet 1', 'Offline B', 'Aktivitet 3']);
    net.online(a.doc);
    await Promise.all([a.settle(), b.settle()]);
    expect(rowsOf(a.doc).map((r) => r.values.title)).toEqual(['Offline A', 'Offline B', 'Aktivitet 3', 'Ny rad från A']);
    expect(rowsOf(a.doc)[0]?.values.responsible).toBe('Ansvarig B');
    expectSame(a, b);
  });
});

describe('reconcile when the pane reopens', () => {
  it('keeps local-only edits, takes remote-only edits, and lists both-changed cells as conflicts', async () => {
    const { a, b, net } = await pair();
    const ids = rowsOf(a.doc).map((r) => r.id);
    await a.binding.dispose();
    sides.splice(sides.indexOf(a), 1);
    net.offline(a.doc);

    // While the pane is closed: the workbook is edited locally…
    a.host.user.type(SHEET, 'B2', 'Lokal 1');
    a.host.user.type(SHEET, 'B4', 'Lokal 3');
    a.host.user.type(SHEET, 'B5', 'Lokal ny rad');
    // …and the document remotely.
    setCell(b.doc, ids[1] as string, 'title', 'Fjärr 2');
    setCell(b.doc, ids[2] as string, 'title', 'Fjärr 3');
    await b.settle();

    net.online(a.doc);
    const before = a.host.syncCount;
    const reopened = await openSide(a.doc, 'activity-plan', {}, a.host);
    sides.push(reopened);
    expect(a.host.syncCount - before).toBeLessThanOrEqual(3);
    await Promise.all([reopened.settle(), b.settle()]);

    const titles = rowsOf(a.doc).map((r) => r.values.title);
    expect(titles.slice(0, 3)).toEqual(['Lokal 1', 'Fjärr 2', 'Fjärr 3']);
    expect(titles).toContain('Lokal ny rad');
    const conflicts = reopened.binding.problems.filter((p) => p.code === 'conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ rowId: ids[2], column: 'title' });
    expect(conflicts[0]?.message.sv).toContain('Lokal 3');
    expectSame(reopened, b);
  });

  it('keeps the snapshot compact: about two characters per cell in one workbook setting', async () => {
    const side = await openSide(docWith('activity-plan', Array.from({ length: 500 }, (_, i) => activity(i))), 'activity-plan');
    await side.binding.saveSnapshot();
    const settings = side.host.snapshot().settings;
    const value = settings['samplan:plan-test'];
    expect(typeof value).toBe('string');
    const columns = side.host.readTable(side.binding.tableName).headers.length - 1;
    expect((value as string).length).toBeLessThan(500 * (2 * columns + 14) + 400);
    await side.binding.dispose();
  });
});

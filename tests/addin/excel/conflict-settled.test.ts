/**
 * A conflict of a reopening (a cell both the workbook and a colleague changed while the pane was
 * closed; the plan's value kept and written into the cell) follows its cause, as the binding's
 * other notes do (`sheet/cell-notes.ts`): it goes once the person edits that cell, deletes the
 * row, or closes it in Problems, accepting what the plan kept; it offers their text to copy. On
 * the old code a conflict stayed in Problems until the pane was closed, whatever the person did.
 */
import { describe, expect, it } from 'vitest';
import { deleteRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const conflicts = (side: Side) => side.binding.problems.filter((p) => p.code === 'conflict');

function activity(i: number): Record<string, string | number> {
  return { title: `Aktivitet ${i}`, type: 'halsodag', participantsPlanned: i };
}

/** Two conflicts: the titles of rows 2 and 3, typed in `a`'s workbook while closed and changed by a colleague meanwhile. */
async function reopenedWithConflicts(change?: (a: Side, ids: string[], b: Side) => void): Promise<{ a: Side; b: Side; ids: string[] }> {
  const { a, b, net } = await openPair([activity(1), activity(2), activity(3)], opened);
  const ids = rowsOf(a.doc).map((r) => r.id);
  await a.binding.dispose();
  opened.splice(opened.indexOf(a), 1);
  net.offline(a.doc);
  a.host.user.type(SHEET, at('title', 1), 'Lokal 2');
  a.host.user.type(SHEET, at('title', 2), 'Lokal 3');
  setCell(b.doc, ids[1]!, 'title', 'Fjärr 2');
  setCell(b.doc, ids[2]!, 'title', 'Fjärr 3');
  change?.(a, ids, b);
  await a.host.settle();
  await b.settle();
  net.online(a.doc);
  const again = await openSide(a.doc, 'activity-plan', {}, a.host);
  opened.push(again);
  await again.settle();
  return { a: again, b, ids };
}

describe('a conflict of a reopening', () => {
  it('offers the person’s text to copy and may be closed in Problems, accepting the plan’s value', async () => {
    const { a, ids } = await reopenedWithConflicts();
    expect(conflicts(a).map((p) => [p.rowId, p.column])).toEqual([
      [ids[1], 'title'],
      [ids[2], 'title'],
    ]);
    const [second, third] = conflicts(a);
    expect(second).toMatchObject({ copyText: 'Lokal 2', dismissable: true });
    expect(a.binding.dismiss(second!)).toBe(true);
    await a.settle();
    expect(conflicts(a)).toEqual([third]);
    expect(a.binding.dismiss(second!)).toBe(false);
    // A problem of another kind is not the binding's to close.
    expect(a.binding.dismiss({ ...third!, code: 'required' })).toBe(false);
    expect(rowsOf(a.doc).map((r) => r.values.title)).toEqual(['Aktivitet 1', 'Fjärr 2', 'Fjärr 3']);
  });

  it('goes once the person edits its cell; one of another cell, and an edit elsewhere in the row, change nothing', async () => {
    const { a, b, ids } = await reopenedWithConflicts();
    a.host.user.type(SHEET, at('participantsPlanned', 2), 9);
    await a.settle();
    expect(conflicts(a).map((p) => p.rowId)).toEqual([ids[1], ids[2]]);
    a.host.user.type(SHEET, at('title', 2), 'Lokal 3');
    await a.settle();
    await b.settle();
    expect(conflicts(a).map((p) => p.rowId)).toEqual([ids[1]]);
    expect(rowsOf(b.doc)[2]!.values.title).toBe('Lokal 3');
  });

  it('goes with its row when the person deletes the row', async () => {
    const { a, ids } = await reopenedWithConflicts();
    a.host.user.deleteTableRows(a.binding.tableName, 1, 1);
    await a.settle();
    expect(rowsOf(a.doc).map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(conflicts(a).map((p) => p.rowId)).toEqual([ids[2]]);
  });

  it('of a row a colleague deleted, names no personnummer typed in it, nor offers one to copy', async () => {
    const { a } = await reopenedWithConflicts((side, ids, b) => {
      side.host.user.type(SHEET, at('comment', 0), 'ring 19121212-1212');
      side.host.user.type(SHEET, at('responsible', 0), 'Anna');
      deleteRows(b.doc, [ids[0]!]);
    });
    const rowConflict = conflicts(a).find((p) => p.column === null);
    expect(rowConflict).toBeDefined();
    const words = `${rowConflict!.message.sv} ${rowConflict!.message.en} ${rowConflict!.copyText ?? ''}`;
    expect(words).not.toContain('1212');
    expect(rowConflict!.copyText).toContain('Anna');
  });
});

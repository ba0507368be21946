/**
 * Ctrl+Z around a held row (a new row with nothing the document can take: `held-rows.ts`), as the
 * emulator plays it: the undone cell read back as it was. The note in Problems follows what the
 * sheet holds, and nothing is left behind in the shared plan or lost from it. On the old code, the
 * value that let a held row go taken back left an empty row in everyone's plan and no note.
 */
import { describe, expect, it } from 'vitest';
import { commentCounts, addComment } from '../../../shared/comments/comments.js';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const idIn = (side: Side, index: number): unknown => side.host.read(SHEET, `A${index + 2}`)[0]![0];
const held = (side: Side) => side.binding.problems.filter((p) => p.code === 'row-held').map((p) => p.rowId);

async function plan(): Promise<Side> {
  const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]), 'activity-plan');
  opened.push(side);
  await side.settle();
  return side;
}

describe('undo around a held row', () => {
  it('of the typing that made it: the note goes with the value, nothing was shared', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    expect(held(side)).toEqual([idIn(side, 1)]);
    side.host.user.clear(SHEET, at('participantsPlanned', 1));
    await side.settle();
    expect(side.binding.problems).toEqual([]);
    expect(rowsOf(side.doc)).toHaveLength(1);
  });

  it('of the value that let it go: the row is held again under its id, no empty row stays shared; typed again, it goes again', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    const id = idIn(side, 1);
    side.host.user.type(SHEET, at('title', 1), 'Promenad');
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.id)).toEqual([rowsOf(side.doc)[0]!.id, id]);
    expect(held(side)).toEqual([]);
    side.host.user.clear(SHEET, at('title', 1));
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(1);
    expect(held(side)).toEqual([id]);
    expect(idIn(side, 1)).toBe(id);
    expect(side.host.read(SHEET, at('participantsPlanned', 1))).toEqual([['många']]);
    side.host.user.type(SHEET, at('title', 1), 'Promenad');
    await side.settle();
    expect(rowsOf(side.doc).map((r) => [r.id, r.values.title])).toEqual([[rowsOf(side.doc)[0]!.id, 'Hälsodag'], [id, 'Promenad']]);
    expect(held(side)).toEqual([]);
  });

  it('of the value that let it go, after a colleague wrote in the row: the row stays shared with their value', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await a.settle();
    a.host.user.type(SHEET, at('title', 1), 'Promenad');
    await a.settle();
    await b.settle();
    const id = String(idIn(a, 1));
    setCell(b.doc, id, 'comment', 'ta med vatten');
    await b.settle();
    await a.settle();
    a.host.user.clear(SHEET, at('title', 1));
    await a.settle();
    await b.settle();
    expect(rowsOf(b.doc).map((r) => r.values.comment ?? null)).toEqual([null, 'ta med vatten']);
    expect(held(a)).toEqual([]);
  });

  it('of the value that let it go, after a colleague commented on the row: the row stays shared with its thread, and Problems says why', async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await a.settle();
    a.host.user.type(SHEET, at('title', 1), 'Promenad');
    await a.settle();
    await b.settle();
    const id = String(idIn(a, 1));
    addComment(b.doc, { row: id, author: 'Bo', text: 'Vem leder den?' });
    await b.settle();
    await a.settle();
    a.host.user.clear(SHEET, at('title', 1));
    await a.settle();
    await b.settle();
    expect(rowsOf(b.doc).map((r) => r.id)).toContain(id);
    expect(commentCounts(b.doc).get(id)).toBe(1);
    expect(held(a)).toEqual([]);
    const [note] = a.binding.problems.filter((p) => p.code === 'row-kept-for-comments');
    expect(note).toMatchObject({ rowId: id, severity: 'warning' });
    expect(note!.message.sv).toContain('kommentarer');
    expect(note!.message.en).toContain('comments');
  });

  it('is no rule for a shared row that was empty already: a refused value typed in it leaves it shared', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag' }, {}]), 'activity-plan');
    opened.push(side);
    await side.settle();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(2);
    expect(held(side)).toEqual([]);
  });

  it('deleted, then the deletion undone: held again with a note, nothing shared', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    const row = side.host.readTable(side.binding.tableName).rows[1]!;
    side.host.user.deleteTableRows(side.binding.tableName, 1);
    await side.settle();
    expect(side.binding.problems).toEqual([]);
    // Excel's undo puts the row back where it was, id cell and all: a row inserted, its cells filled.
    side.host.user.insertRows(SHEET, '2:2');
    side.host.user.paste(SHEET, 'A2', [row]);
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(1);
    expect(side.host.read(SHEET, at('participantsPlanned', 0))).toEqual([['många']]);
    expect(held(side)).toEqual([idIn(side, 0)]);
  });
});

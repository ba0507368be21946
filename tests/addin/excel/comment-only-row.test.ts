/**
 * A shared row kept for its comments (`held-rows.ts` `hasThread`), emptied until its comment
 * thread is all it holds: it stays in the plan with its thread, in both sheets, its comment count
 * shown on it, and no note is left saying it holds what it no longer does (a formula, a refused
 * value). Emptied while the pane is closed, reopening keeps it the same way.
 */
import { describe, expect, it } from 'vitest';
import { addComment, commentCounts } from '../../../shared/comments/comments.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const rowNotes = (side: Side) => side.binding.problems.filter((p) => p.code === 'row-kept-for-comments' || p.code === 'row-held' || p.code === 'formula-not-sent');

/** The comment count the side's sheet shows on the row `id`, polled until it is `want` (count writes run on their own). */
async function countShown(side: Side, id: string, want: number | ''): Promise<unknown> {
  let shown: unknown;
  for (let i = 0; i < 100; i++) {
    await side.settle();
    const table = side.host.readTable(side.binding.tableName);
    const col = table.headers.indexOf('Kommentarer');
    shown = col < 0 ? undefined : table.rows.find((r) => r[0] === id)?.[col];
    if (shown === want) return shown;
    await new Promise((r) => setTimeout(r, 10));
  }
  return shown;
}

/** A row of `a` holding only the person's formula and a colleague's comment: kept shared for it, said. */
async function keptForComments(): Promise<{ a: Side; b: Side; id: string }> {
  const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
  const id = rowsOf(a.doc)[0]!.id;
  addComment(b.doc, { row: id, author: 'Bo', text: 'Vem leder den?' });
  a.host.user.type(SHEET, at('participantsReached', 0), '=2*3');
  await a.settle();
  a.host.user.clear(SHEET, `${at('title', 0)}:${at('type', 0)}`);
  await a.settle();
  await b.settle();
  expect(rowNotes(a).map((p) => p.code).sort()).toEqual(['formula-not-sent', 'row-kept-for-comments']);
  return { a, b, id };
}

describe('a row kept for its comments, emptied down to its thread', () => {
  it('stays in the plan and in both sheets with its thread and count, and no note says it holds a formula', async () => {
    const { a, b, id } = await keptForComments();
    a.host.user.clear(SHEET, at('participantsReached', 0));
    await a.settle();
    await b.settle();
    expect(rowsOf(b.doc).map((r) => r.id)).toEqual([id]);
    expect(commentCounts(b.doc).get(id)).toBe(1);
    expect(rowNotes(a)).toEqual([]);
    expect(await countShown(a, id, 1)).toBe(1);
    expect(await countShown(b, id, 1)).toBe(1);
    expect(b.host.readTable(b.binding.tableName).rows.map((r) => r[0])).toEqual([id]);
  });

  it('emptied while the pane was closed, is kept the same way when the document is opened again', async () => {
    const { a, id } = await keptForComments();
    await a.binding.dispose();
    opened.splice(opened.indexOf(a), 1);
    a.host.user.clear(SHEET, at('participantsReached', 0));
    await a.host.settle();
    const again = await openSide(a.doc, 'activity-plan', {}, a.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(again.doc).map((r) => r.id)).toEqual([id]);
    expect(commentCounts(again.doc).get(id)).toBe(1);
    expect(rowNotes(again)).toEqual([]);
    expect(await countShown(again, id, 1)).toBe(1);
  });
});

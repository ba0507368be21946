/**
 * The person's formulas, changed while the pane was closed. Live, a formula cell the person
 * empties shows the shared value again (`kept-formulas.ts`), and a shared row left holding only a
 * formula is taken out of sharing and held (`held-rows.ts`). On the old code reopening knew
 * neither: the emptied formula cell was read as the person's edit and erased the value in the
 * shared plan (a colleague's too), and the row emptied to a formula stayed shared, empty.
 */
import { describe, expect, it } from 'vitest';
import { findClosedEdits } from '../../../addin/excel/closed-edits.js';
import { addComment, commentCounts } from '../../../shared/comments/comments.js';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openPair, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const formulaAt = (side: Side, address: string): unknown => side.host.model.sheet(SHEET)!.formula(Number(address.slice(1)) - 1, address.charCodeAt(0) - 65);
const shown = (side: Side, address: string): unknown => side.host.read(SHEET, address)[0]![0];
const codes = (side: Side, column: string) => side.binding.problems.filter((p) => p.column === column).map((p) => p.code);

/** Closes the side's pane, runs `change` in its workbook as the person would, and opens the document there again. */
async function closedThen(side: Side, change: () => void): Promise<Side> {
  await side.binding.dispose();
  opened.splice(opened.indexOf(side), 1);
  change();
  await side.host.settle();
  const again = await openSide(side.doc, 'activity-plan', {}, side.host);
  opened.push(again);
  await again.settle();
  return again;
}

async function planWithFormula(): Promise<{ side: Side; cell: string; id: string }> {
  const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]), 'activity-plan');
  opened.push(side);
  const cell = at('participantsPlanned', 0);
  side.host.user.type(SHEET, cell, '=2*3');
  await side.settle();
  return { side, cell, id: rowsOf(side.doc)[0]!.id };
}

describe('a formula cell emptied while the pane was closed', () => {
  it('shows the shared value when the document is opened again; the plan keeps it', async () => {
    const { side, cell, id } = await planWithFormula();
    const again = await closedThen(side, () => side.host.user.clear(SHEET, cell));
    expect(getRow(again.doc, id)?.values.participantsPlanned).toBe(5);
    expect(shown(again, cell)).toBe(5);
    expect(codes(again, 'participantsPlanned')).toEqual([]);
  });

  it("shows a colleague's value that stood behind the formula, and leaves it in the plan", async () => {
    const { a, b, net } = await openPair([{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }], opened);
    const cell = at('participantsPlanned', 0);
    a.host.user.type(SHEET, cell, '=2*3');
    await a.settle();
    b.host.user.type(SHEET, cell, 9);
    await b.settle();
    await a.settle();
    expect(codes(a, 'participantsPlanned')).toEqual(['formula-over-shared']);
    net.offline(a.doc);
    const again = await closedThen(a, () => a.host.user.clear(SHEET, cell));
    net.online(a.doc);
    await again.settle();
    await b.settle();
    expect(rowsOf(b.doc)[0]!.values.participantsPlanned).toBe(9);
    expect(shown(again, cell)).toBe(9);
    expect(codes(again, 'participantsPlanned')).toEqual([]);
  });

  it('is not counted as an edit waiting to be sent', async () => {
    const { side, cell } = await planWithFormula();
    await side.binding.dispose();
    opened.splice(opened.indexOf(side), 1);
    side.host.user.clear(SHEET, cell);
    await side.host.settle();
    const run = (batch: (context: Excel.RequestContext) => Promise<unknown>) => side.host.run(batch);
    expect(await findClosedEdits(run as never, [{ id: 'plan-test', kind: 'activity-plan', title: 'Test' }])).toEqual([]);
  });

  it('while syncing was paused (a header renamed) shows the shared value once the header is back', async () => {
    const { side, cell, id } = await planWithFormula();
    const header = at('title', 0).replace(/\d+$/, '1');
    const name = shown(side, header) as string;
    side.host.user.type(SHEET, header, 'Rubrik');
    await side.settle();
    expect(side.binding.status.paused).toBe('columns-changed');
    side.host.user.clear(SHEET, cell);
    await side.settle();
    side.host.user.type(SHEET, header, name);
    await side.settle();
    expect(side.binding.status.paused).toBeNull();
    expect(getRow(side.doc, id)?.values.participantsPlanned).toBe(5);
    expect(shown(side, cell)).toBe(5);
  });

  it('with a value typed in its place sends that value: only an empty cell shows the shared one', async () => {
    const { side, cell, id } = await planWithFormula();
    const again = await closedThen(side, () => side.host.user.type(SHEET, cell, 8));
    expect(getRow(again.doc, id)?.values.participantsPlanned).toBe(8);
  });

  it('that held no formula is the person emptying it, as before', async () => {
    const { side, id } = await planWithFormula();
    const again = await closedThen(side, () => side.host.user.clear(SHEET, at('title', 0)));
    expect(getRow(again.doc, id)?.values.title ?? null).toBeNull();
  });
});

describe('a shared row emptied to only a formula while the pane was closed', () => {
  it('is taken out of sharing and held in the sheet, as when emptied live; typing a value shares it again under its id', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]), 'activity-plan');
    opened.push(side);
    const cell = at('participantsReached', 1);
    side.host.user.type(SHEET, cell, '=2*3');
    await side.settle();
    const id = rowsOf(side.doc)[1]!.id;
    const again = await closedThen(side, () => {
      side.host.user.clear(SHEET, `${at('title', 1)}:${at('type', 1)}`);
    });
    expect(rowsOf(again.doc).map((r) => r.id)).not.toContain(id);
    expect(formulaAt(again, cell)).toBe('=2*3');
    expect(again.host.read(SHEET, `A3`)[0]![0]).toBe(id);
    const held = again.binding.problems.filter((p) => p.code === 'row-held');
    expect(held.map((p) => p.rowId)).toEqual([id]);
    expect(held[0]!.message.sv).toContain('Raden delas inte');
    again.host.user.type(SHEET, at('title', 1), 'Promenad');
    await again.settle();
    expect(getRow(again.doc, id)?.values.title).toBe('Promenad');
  });

  it('stays shared when someone commented on it, and Problems says why', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }]), 'activity-plan');
    opened.push(side);
    side.host.user.type(SHEET, at('participantsReached', 0), '=2*3');
    await side.settle();
    const id = rowsOf(side.doc)[0]!.id;
    addComment(side.doc, { row: id, author: 'Bo', text: 'Vem leder den?' });
    await side.settle();
    const again = await closedThen(side, () => side.host.user.clear(SHEET, `${at('title', 0)}:${at('type', 0)}`));
    expect(rowsOf(again.doc).map((r) => r.id)).toEqual([id]);
    expect(commentCounts(again.doc).get(id)).toBe(1);
    expect(again.binding.problems.filter((p) => p.code === 'row-kept-for-comments').map((p) => [p.rowId, p.column])).toEqual([[id, 'participantsReached']]);
  });

  it("stays shared when a colleague's value is in it", async () => {
    const { a, b, net } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsReached', 0), '=2*3');
    await a.settle();
    const id = rowsOf(a.doc)[0]!.id;
    const again = await closedThen(a, () => {
      a.host.user.clear(SHEET, `${at('title', 0)}:${at('type', 0)}`);
      b.host.user.type(SHEET, at('comment', 0), 'Flyttad');
    });
    await b.settle();
    await again.settle();
    expect(getRow(again.doc, id)?.values.comment).toBe('Flyttad');
    expect(again.binding.problems.filter((p) => p.code === 'row-held')).toEqual([]);
    net.stop();
  });
});

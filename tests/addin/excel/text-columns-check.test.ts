/**
 * When the binding checks that the free-text columns are text-formatted (`@`), and formats them
 * when they are not. The open check looked at the first body cell of each column only, so a table
 * whose later rows the person had formatted otherwise passed; and a table paused at opening was
 * never formatted, so until the next opening what was typed into its text columns was converted
 * by Excel (a comment `2025-03-01` became 45717).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { layoutFor } from '../../../addin/excel/sheet/layout.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

const layout = layoutFor('activity-plan', 'plan-test', 'sv');
const colOf = (key: string): number => layout.columnIndex.get(key)!;
const TEXT_KEYS = ['title', 'targetGroup', 'comment', 'responsible'];

/** A1 address of sheet column `col` (0-based) in body row `index` (the header is row 1). */
function address(col: number, index: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${index + 2}`;
}

/** Makes the free-text columns' cells General in body rows `from..to`, as the person's Format Cells would. */
function makeGeneral(side: Side, from: number, to: number): void {
  const sheet = side.host.model.sheet(SHEET)!;
  for (const key of TEXT_KEYS) {
    for (let r = from; r <= to; r++) {
      const cell = sheet.cell(r + 1, colOf(key));
      if (cell) delete cell.numberFormat;
    }
  }
}

/** The number format of every body cell of the comment column, rows 0..rows-1. */
function commentFormats(side: Side, rows: number): string[] {
  const sheet = side.host.model.sheet(SHEET)!;
  return Array.from({ length: rows }, (_, r) => sheet.numberFormat(r + 1, colOf('comment')));
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Aktivitet ${i}`, type: 'halsodag' }));

describe('the text format of the free-text columns', () => {
  it('is checked over the whole column on opening, not the first cell only', async () => {
    const doc = docWith('activity-plan', rows(5));
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    await first.binding.dispose();
    // The first rows stay `@`; the person set the last ones to General.
    makeGeneral(first, 3, 4);
    const side = await openSide(doc, 'activity-plan', {}, first.host);
    sides.push(side);
    await side.settle();
    expect(commentFormats(side, 5)).toEqual(['@', '@', '@', '@', '@']);
    side.host.user.type(SHEET, address(colOf('comment'), 4), '2025-03-01');
    side.host.user.type(SHEET, address(colOf('title'), 3), '3/4');
    await side.settle();
    await side.settle();
    expect(rowsOf(doc)[4]!.values.comment).toBe('2025-03-01');
    expect(rowsOf(doc)[3]!.values.title).toBe('3/4');
  });

  it('is set when syncing resumes on a table paused at opening', async () => {
    const doc = docWith('activity-plan', rows(3));
    const first = await openSide(doc, 'activity-plan');
    await first.settle();
    await first.binding.dispose();
    // An older table (text columns General) whose header the person changed while the pane was closed.
    makeGeneral(first, 0, 2);
    const header = address(colOf('comment'), -1);
    const text = first.host.read(SHEET, header)[0]![0] as string;
    first.host.user.type(SHEET, header, 'Anteckning');
    const side = await openSide(doc, 'activity-plan', {}, first.host);
    sides.push(side);
    await side.settle();
    expect(side.binding.status.paused).toBe('columns-changed');
    side.host.user.type(SHEET, header, text);
    await side.settle();
    expect(side.binding.status.paused).toBeNull();
    expect(commentFormats(side, 3)).toEqual(['@', '@', '@']);
    side.host.user.type(SHEET, address(colOf('comment'), 1), '2025-03-01');
    side.host.user.type(SHEET, address(colOf('comment'), 2), '12 %');
    await side.settle();
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.comment)).toEqual([undefined, '2025-03-01', '12 %']);
  });

  it('is set again when a whole read finds rows formatted otherwise while the pane is open', async () => {
    const doc = docWith('activity-plan', rows(4));
    const side = await openSide(doc, 'activity-plan');
    sides.push(side);
    await side.settle();
    makeGeneral(side, 2, 3);
    // Inserting rows makes the binding read the whole table.
    side.host.user.insertRows(SHEET, '7:7');
    await side.settle();
    expect(commentFormats(side, 4)).toEqual(['@', '@', '@', '@']);
    side.host.user.type(SHEET, address(colOf('comment'), 3), '007');
    await side.settle();
    await side.settle();
    expect(rowsOf(doc)[3]!.values.comment).toBe('007');
  });

  it('stays text in a row the person inserts inside the table (Excel formats it like the row above), and is set again when that row was General', async () => {
    const doc = docWith('activity-plan', rows(4));
    const side = await openSide(doc, 'activity-plan');
    sides.push(side);
    await side.settle();
    side.host.user.insertRows(SHEET, '3:3');
    await side.settle();
    expect(commentFormats(side, 5)).toEqual(['@', '@', '@', '@', '@']);
    side.host.user.type(SHEET, address(colOf('comment'), 1), '007');
    await side.settle();
    await side.settle();
    expect(rowsOf(doc).map((r) => r.values.comment)).toContain('007');
    // The person made row 3 General; a row inserted below it is General too, and is set to text.
    makeGeneral(side, 3, 3);
    side.host.user.insertRows(SHEET, '6:6');
    expect(commentFormats(side, 6)[4]).toBe('General');
    await side.settle();
    expect(commentFormats(side, 6)).toEqual(['@', '@', '@', '@', '@', '@']);
  });
});


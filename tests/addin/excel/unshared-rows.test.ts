/**
 * New rows holding nothing the document can take. A formula typed in a new row (its result is
 * nobody's typed value, `formula-cells.ts`), or only values that are refused, made an empty row in
 * the shared plan on the old code: everyone got a blank row that said nothing of what was typed.
 * Now such a row is not shared; it stays in the sheet, Problems says why in words, and it is shared
 * as soon as the person types a value in it that can be.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);

async function plan(): Promise<Side> {
  const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5, participantsReached: 4 }]), 'activity-plan');
  opened.push(side);
  await side.settle();
  return side;
}

const formulaAt = (side: Side, address: string) => side.host.model.sheet(SHEET)!.formula(Number(address.slice(1)) - 1, address.charCodeAt(0) - 65);
const idIn = (side: Side, index: number) => side.host.read(SHEET, `A${index + 2}`)[0]![0];
const rowNote = (side: Side) => side.binding.problems.filter((p) => p.code === 'row-held');

describe('a new row with nothing the document can take', () => {
  it('holding only a formula is not shared: no empty row, the formula stays, Problems says why in words', async () => {
    const side = await plan();
    const formula = `=${at('participantsPlanned', 0).replace(/\d+$/, '')}2*2`;
    side.host.user.type(SHEET, at('participantsReached', 1), formula);
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(1);
    expect(formulaAt(side, at('participantsReached', 1))).toBe(formula);
    const [note] = rowNote(side);
    expect(note).toMatchObject({ severity: 'warning', column: 'participantsReached', rowId: idIn(side, 1) });
    expect(note!.message.sv).toContain('Raden delas inte');
    expect(note!.message.sv).toContain('formel som inte skickas');
    expect(note!.message.en).toContain('formula not sent');
  });

  it('holding only a refused value is not shared, and Problems names the value and why', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(1);
    expect(side.host.read(SHEET, at('participantsPlanned', 1))).toEqual([['många']]);
    expect(rowNote(side)[0]!.message.sv).toContain('inte ett tal');
    const cell = side.binding.problems.find((p) => p.code === 'not-whole-number' || p.code === 'not-number');
    expect(cell).toMatchObject({ rowId: idIn(side, 1), column: 'participantsPlanned' });
    expect(cell!.message.sv).toContain('många');
  });

  it('holding only a personnummer is not shared, and its note never repeats the number', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('comment', 1), '850101-1236');
    await side.settle();
    expect(rowsOf(side.doc)).toHaveLength(1);
    const [note] = rowNote(side);
    expect(note!.message.sv).toContain('värdet kan inte delas');
    expect(JSON.stringify(side.binding.problems)).not.toContain('1236');
  });

  it('holding a personnummer in a number column, pasted among other rows, never repeats the number', async () => {
    // A refused value's words quote it ("… is not a number"): the guard is asked of what was typed.
    const side = await plan();
    side.host.user.paste(SHEET, at('participantsPlanned', 1), [[7], ['850101-1236'], ['19850101-1236'], ['många']]);
    await side.settle();
    expect(rowsOf(side.doc).map((r) => r.values.participantsPlanned)).toEqual([5, 7]);
    expect(rowNote(side).map((p) => p.rowId)).toEqual([idIn(side, 2), idIn(side, 3), idIn(side, 4)]);
    expect(rowNote(side).map((p) => p.message.en.match(/\(([^)]*)\)/)?.[1])).toEqual(['Participants planned: the value cannot be shared', 'Participants planned: the value cannot be shared', 'Participants planned: not a number']);
    expect(side.binding.problems.filter((p) => p.code === 'personnummer').map((p) => p.rowId)).toEqual([idIn(side, 2), idIn(side, 3)]);
    expect(JSON.stringify(side.binding.problems)).not.toMatch(/850101|1236/);
  });

  it('is shared, under the id it was given, once a value is typed in it; the note goes, the formula stays unsent', async () => {
    const side = await plan();
    const formula = `=${at('participantsPlanned', 0).replace(/\d+$/, '')}3*2`;
    side.host.user.type(SHEET, at('participantsReached', 1), formula);
    await side.settle();
    const held = idIn(side, 1);
    side.host.user.type(SHEET, at('title', 1), 'Promenad');
    await side.settle();
    const rows = rowsOf(side.doc);
    expect(rows.map((r) => [r.values.title, r.values.participantsReached ?? null])).toEqual([['Hälsodag', 4], ['Promenad', null]]);
    expect(rows[1]!.id).toBe(held);
    expect(rowNote(side)).toEqual([]);
    expect(side.binding.problems.filter((p) => p.code === 'formula-not-sent').map((p) => p.rowId)).toEqual([held]);
  });

  it('deleted from the sheet, takes its notes along', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned', 1), 'många');
    await side.settle();
    side.host.user.deleteTableRows(side.binding.tableName, 1);
    await side.settle();
    expect(side.binding.problems).toEqual([]);
    expect(rowsOf(side.doc)).toHaveLength(1);
  });
});

describe('a new row with nothing the document can take, typed while the pane was closed', () => {
  it('is not shared when the document is opened again: the formula stays, Problems says why', async () => {
    const side = await plan();
    await side.binding.dispose();
    opened.length = 0;
    const formula = `=${at('participantsPlanned', 0).replace(/\d+$/, '')}2*2`;
    side.host.user.type(SHEET, at('participantsReached', 1), formula);
    await side.host.settle();
    const again = await openSide(side.doc, 'activity-plan', {}, side.host);
    opened.push(again);
    await again.settle();
    expect(rowsOf(again.doc)).toHaveLength(1);
    expect(formulaAt(again, at('participantsReached', 1))).toBe(formula);
    expect(rowNote(again).map((p) => p.rowId)).toEqual([idIn(again, 1)]);
    again.host.user.type(SHEET, at('title', 1), 'Promenad');
    await again.settle();
    expect(rowsOf(again.doc).map((r) => r.values.title)).toEqual(['Hälsodag', 'Promenad']);
    expect(rowsOf(again.doc)[1]!.id).toBe(idIn(again, 1));
  });
});

describe('a calculated column Excel fills from a formula typed in a new row', () => {
  it('sends none of the filled formulas: the stored values stay, every formula stays in the sheet, each row is told', async () => {
    const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag' }, { title: 'Promenad', type: 'halsodag' }]), 'activity-plan');
    opened.push(side);
    await side.settle();
    const planned = at('participantsPlanned', 0).replace(/\d+$/, '');
    side.host.user.type(SHEET, at('participantsReached', 2), `=${planned}4*2`);
    await side.settle();
    const rows = rowsOf(side.doc);
    expect(rows.map((r) => r.values.participantsReached ?? null)).toEqual([null, null]);
    expect([0, 1, 2].map((i) => formulaAt(side, at('participantsReached', i)))).toEqual([`=${planned}2*2`, `=${planned}3*2`, `=${planned}4*2`]);
    expect(side.binding.problems.filter((p) => p.code === 'formula-not-sent').map((p) => p.rowId).sort()).toEqual([...rows.map((r) => r.id), idIn(side, 2)].sort());
    expect(rowNote(side).map((p) => p.rowId)).toEqual([idIn(side, 2)]);
  });
});

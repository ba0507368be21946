/**
 * The binding in Swedish Excel (the emulator's `sv-SE` locale): `12,5` typed is a number, `SANT`
 * typed outside a text-formatted cell a boolean, and pasted anywhere. On the old code a boolean in a text column was
 * refused as the wrong type, where an import reads such a cell as the text it shows, and a
 * decimal typed into a whole-number column showed rounded (`4` for `3,5`) under the column's `0`
 * format while nothing was stored.
 */
import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

async function swedishPlan(lang: 'sv' | 'en' = 'sv', locale: 'sv-SE' | 'en-US' = 'sv-SE') {
  const doc = docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]);
  const side = await openSide(doc, 'activity-plan', { lang }, createWorkbook({ locale }));
  opened.push(side);
  await side.settle();
  return side;
}

describe('Swedish Excel', () => {
  it('reads a boolean pasted into a text column as the word the cell shows, and keeps it as that text', async () => {
    const side = await swedishPlan();
    // Cells copied from a sheet where `sant` was typed into General cells: Excel pastes the booleans.
    side.host.user.paste(SHEET, cellAt('activity-plan', 'comment', 0), [[true]]);
    expect(side.host.readText(SHEET, cellAt('activity-plan', 'comment', 0))).toEqual([['SANT']]);
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.comment).toBe('SANT');
    expect(side.host.read(SHEET, cellAt('activity-plan', 'comment', 0))).toEqual([['SANT']]);
    expect(side.binding.problems.filter((p) => p.column === 'comment')).toEqual([]);
  });

  it('in English Excel the word is TRUE', async () => {
    const side = await swedishPlan('en', 'en-US');
    side.host.user.paste(SHEET, cellAt('activity-plan', 'comment', 0), [[true]]);
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.comment).toBe('TRUE');
  });

  it('names a boolean in a number column in the words the cell shows', async () => {
    const side = await swedishPlan();
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsPlanned', 0), 'FALSKT');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.participantsPlanned).toBe(5);
    const said = side.binding.problems.find((p) => p.column === 'participantsPlanned');
    expect(said?.message.sv).toContain('FALSKT');
  });

  it('shows a decimal typed into a whole-number column as typed, not rounded, while it is refused', async () => {
    const side = await swedishPlan();
    side.host.user.type(SHEET, cellAt('activity-plan', 'participantsPlanned', 0), '3,5');
    await side.settle();
    expect(side.host.readText(SHEET, cellAt('activity-plan', 'participantsPlanned', 0))).toEqual([['3,5']]);
    expect(rowsOf(side.doc)[0]!.values.participantsPlanned).toBe(5);
    expect(side.binding.problems.find((p) => p.column === 'participantsPlanned')?.code).toBe('not-integer');
  });
});

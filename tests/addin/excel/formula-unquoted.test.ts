/**
 * The note of a formula in a bound table (`formula-not-sent`) never quotes the value the plan
 * holds for the cell: the cell shows the formula's result, the value stands in the plan behind
 * it, and the person may never have typed it (a colleague's). It says whether a value is
 * stored, as the note of a colleague's value arriving behind a formula (`formula-over-shared`)
 * and the plan's own checks of it do. On the old code it quoted it ("Sparat: 4711.").
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, openPair, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const formulaNotes = (side: Side, rowId: string) => side.binding.problems.filter((p) => p.code === 'formula-not-sent' && p.rowId === rowId);

async function settled(...sides: Side[]): Promise<void> {
  for (let i = 0; i < 2; i++) for (const side of sides) await side.settle();
}

describe('the note of a formula cell', () => {
  it("does not quote a colleague's value the person types a formula over", async () => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    const cell = at('participantsPlanned', 0);
    b.host.user.type(SHEET, cell, 4711);
    await settled(b, a);
    a.host.user.type(SHEET, cell, '=2*3');
    await settled(a, b);
    const [note] = formulaNotes(a, rowsOf(a.doc)[0]!.id);
    expect(note).toBeDefined();
    expect(`${note!.message.sv} ${note!.message.en}`).not.toMatch(/4\s?711/);
    expect(note!.message.sv).toContain('Ett värde är sparat i planen');
    expect(note!.message.en).toContain('A value is stored in the plan');
  });

  it('says when nothing is stored', async () => {
    const { a } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsPlanned', 0), '=2*3');
    await a.settle();
    const [note] = formulaNotes(a, rowsOf(a.doc)[0]!.id);
    expect(note!.message.sv).toContain('Inget sparat.');
    expect(note!.message.en).toContain('Nothing stored.');
  });
});

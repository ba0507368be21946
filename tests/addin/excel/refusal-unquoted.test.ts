/**
 * The note of a refused cell (a value that does not read, a percent sign where the number is no
 * percentage, a date Excel made of a number) never quotes the value the plan holds for the cell:
 * the cell keeps what the person typed, and the value behind it may be one they never typed (a
 * colleague's). It says whether a value is stored, as the note of a formula does
 * (`formula-unquoted.test.ts`). On the old code it quoted it ("Sparat: 4711.").
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, openPair, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (key: string, index: number): string => cellAt('activity-plan', key, index);
const refusals = (side: Side, column: string) => side.binding.problems.filter((p) => p.column === column && p.severity === 'error' && p.code !== 'required');

async function settled(...sides: Side[]): Promise<void> {
  for (let i = 0; i < 2; i++) for (const side of sides) await side.settle();
}

describe('the note of a refused cell', () => {
  it.each([
    ['a word in a number column', 'participantsPlanned', 4711, 'tolv', /4\s?711/],
    ['a decimal in a whole-number column', 'participantsPlanned', 4711, '3,5', /4\s?711/],
    ['a date that is not one', 'startDate', '2026-03-12', '31/2', /2026-03-12|12 mars|46093/],
  ])("does not quote a colleague's value behind %s", async (_name, key, theirs, typed, quoted) => {
    const { a, b } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    const cell = at(key, 0);
    b.host.user.type(SHEET, cell, theirs);
    await settled(b, a);
    const stored = rowsOf(a.doc)[0]!.values[key];
    expect(stored).toBeDefined();
    a.host.user.type(SHEET, cell, typed);
    await settled(a, b);
    const [note] = refusals(a, key);
    expect(note).toBeDefined();
    const words = `${note!.message.sv} ${note!.message.en}`;
    expect(words).not.toMatch(quoted);
    expect(words).toContain(typed);
    expect(note!.message.sv).toContain('Ett värde är sparat i planen');
    expect(note!.message.en).toContain('A value is stored in the plan');
    // The plan keeps the colleague's value: nothing of the refused cell was sent.
    expect(rowsOf(b.doc)[0]!.values[key]).toEqual(stored);
  });

  it('says when nothing is stored', async () => {
    const { a } = await openPair([{ title: 'Hälsodag', type: 'halsodag' }], opened);
    a.host.user.type(SHEET, at('participantsPlanned', 0), 'tolv');
    await a.settle();
    const [note] = refusals(a, 'participantsPlanned');
    expect(note!.message.sv).toContain('Inget sparat.');
    expect(note!.message.en).toContain('Nothing stored.');
  });
});

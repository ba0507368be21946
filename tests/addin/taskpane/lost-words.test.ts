import { describe, expect, it } from 'vitest';
import { lostProblems } from '../../../addin/taskpane/lost-words.js';
import type { LostWrite } from '../../../addin/sync/lost-writes.js';

const row = { title: 'Hälsodag i Tensta', targetGroup: 'Seniorer' };
const lost = (over: Partial<LostWrite>): LostWrite => ({ kind: 'overwritten', rowId: 'r1', column: 'targetGroup', mine: 'Föräldrar', kept: 'Seniorer', row, ...over });

describe('the words for cells a colleague’s change took away', () => {
  it('names the row, the column, the person’s text and the text kept, in Swedish and English, with the text to copy', () => {
    const [p] = lostProblems('d', 'activity-plan', [lost({})], 'sv');
    expect(p).toMatchObject({ doc: 'd', rowId: 'r1', column: 'targetGroup', code: 'overwritten-at-once', copyText: 'Föräldrar' });
    expect(p?.message.sv).toBe('Du och en kollega ändrade Målgrupp på raden ”Hälsodag i Tensta” samtidigt, och kollegans värde ”Seniorer” behölls. Det du skrev: ”Föräldrar”. Kopiera det och skriv in det igen om det ska gälla.');
    expect(p?.message.en).toContain('What you wrote: “Föräldrar”');
  });

  it('says the person emptied the cell, with nothing to copy, when that is what was dropped', () => {
    const [p] = lostProblems('d', 'activity-plan', [lost({ mine: null })], 'sv');
    expect(p?.message.sv).toBe('Du tömde Målgrupp på raden ”Hälsodag i Tensta” samtidigt som en kollega ändrade den, och kollegans värde ”Seniorer” behölls. Töm den igen om den ska vara tom.');
    expect(p?.copyText).toBeUndefined();
  });

  it('lists a deleted row’s lost texts once, in column order to copy, leaving out cells the person emptied', () => {
    const cells = [lost({ kind: 'row-deleted', kept: null, column: 'targetGroup', mine: 'Föräldrar' }), lost({ kind: 'row-deleted', kept: null, column: 'responsible', mine: null })];
    const problems = lostProblems('d', 'activity-plan', cells, 'sv');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message.sv).toContain('Raden ”Hälsodag i Tensta” togs bort av en kollega');
    expect(problems[0]?.message.sv).toContain('Det du skrev: Målgrupp: ”Föräldrar”.');
    expect(problems[0]?.copyText?.split('\t').filter((t) => t !== '')).toEqual(['Föräldrar']);
    expect(lostProblems('d', 'activity-plan', [cells[1]!], 'sv')).toEqual([]);
  });

  it('writes a number the person wrote as a cell of the sheet’s language shows and reads it, in the text to copy and in each sentence', () => {
    // `String` wrote 12.5 and 1234.5: pasted into Swedish Excel, 12.5 is 12 May or text, not the number.
    const number = lost({ column: 'participantsPlanned', mine: 1234.5, kept: -12.5 });
    const [sv] = lostProblems('d', 'activity-plan', [number], 'sv');
    expect(sv?.copyText).toBe('1234,5');
    expect(sv?.message.sv).toContain('kollegans värde ”-12,5” behölls. Det du skrev: ”1234,5”.');
    expect(sv?.message.en).toContain("the colleague's value “-12.5” was kept. What you wrote: “1234.5”.");
    const [en] = lostProblems('d', 'activity-plan', [number], 'en');
    expect(en?.copyText).toBe('1234.5');
    const row = lostProblems('d', 'activity-plan', [lost({ kind: 'row-deleted', kept: null, column: 'participantsPlanned', mine: 0.5 })], 'sv');
    expect(row[0]?.copyText?.split('\t').filter((t) => t !== '')).toEqual(['0,5']);
    expect(row[0]?.message.sv).toContain('”0,5”');
  });
});

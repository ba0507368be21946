/**
 * An invisible character around a text typed or pasted in the sheet (a zero-width space copied
 * from a web page, a byte-order mark, a direction mark) is no part of what the person meant, and
 * a title carrying one is not the title it looks like. The sheet reads it by the import's rule
 * (`shared/normalize/trim-around.ts`): trimmed, the cell written again without it, and Problems
 * says so on the cell in words, as an import's answer says it (`breaks-trimmed`, `spaces-trimmed`,
 * `empty-from-spaces`). On the old code the character was stored and nothing was said.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

async function plan(): Promise<Side> {
  const side = await openSide(docWith('activity-plan', [{ title: 'Hälsodag', type: 'halsodag', participantsPlanned: 5 }]), 'activity-plan');
  opened.push(side);
  return side;
}
const at = (key: string): string => cellAt('activity-plan', key, 0);
const notes = (side: Side, column: string) => side.binding.problems.filter((p) => p.column === column);

describe('a text typed with an invisible character around it', () => {
  it('is stored without it, the cell shows it without it, and Problems says so in words', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('title'), '\u200bPromenad\u200b');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.title).toBe('Promenad');
    expect(side.host.read(SHEET, at('title'))).toEqual([['Promenad']]);
    const [note] = notes(side, 'title');
    expect(note).toMatchObject({ code: 'breaks-trimmed', severity: 'info' });
    expect(note!.message.sv).toContain('osynliga tecken');
    expect(note!.message.en).toContain('invisible characters');
  });

  it('keeps the spaces a person writes around a title, with nothing to say', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('title'), ' Promenad ');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.title).toBe(' Promenad ');
    expect(notes(side, 'title')).toEqual([]);
  });

  it('of invisible characters alone empties the cell, said', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('comment'), 'ta med fika');
    await side.settle();
    side.host.user.type(SHEET, at('comment'), '\ufeff\u200b');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.comment ?? null).toBeNull();
    expect(notes(side, 'comment').map((p) => p.code)).toEqual(['empty-from-spaces']);
  });

  it('in a number column is read as the number', async () => {
    const side = await plan();
    side.host.user.type(SHEET, at('participantsPlanned'), '12\u200b');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.participantsPlanned).toBe(12);
  });
});

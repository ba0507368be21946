/**
 * The lost-edit notice's sentence names the table, row id and column cut to 120 characters; the cut
 * must not make an identity number the stored id did not hold (eleven digits are none, ten are).
 */
import { describe, expect, it } from 'vitest';
import { lostEditNotice } from '../../../server/sync/lost-edit.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

describe('lost-edit notice words', () => {
  it('names a long row id without making a personnummer of its digits', () => {
    const rowId = 'r'.repeat(110) + '85010112367';
    expect(findPersonnummer(rowId)).toBeNull();
    const notice = lostEditNotice(['rows', rowId, 'titel']);
    for (const text of [notice.message.sv, notice.message.en, notice.reason]) expect(findPersonnummer(text)).toBeNull();
    expect(notice.message.sv).toContain('r'.repeat(110));
    expect(notice.message.sv).toContain('titel');
  });

  it('names a short cell in full', () => {
    const notice = lostEditNotice(['rows', 'row-7', 'titel']);
    expect(notice.message.sv).toContain('kolumnen titel på rad row-7 (rows)');
    expect(notice.message.en).toContain('column titel of row row-7 (rows)');
  });

  it('says what happened in plain words, as the refusals say a change was taken back, with no vague time', () => {
    const { message, reason } = lostEditNotice(['rows', 'r1', 'measure']);
    expect(message.sv).toBe('Din ändring av kolumnen measure på rad r1 (rows) sparades inte. En annan ändring av samma ställe togs tillbaka samtidigt som du gjorde din, och servern kunde inte avgöra om du hade sett det när du ändrade. Skriv in den igen.');
    expect(message.en).toBe('Your change of column measure of row r1 (rows) was not saved. Another change of the same place was taken back while you made yours, and the server could not tell whether you had seen that when you made your change. Please enter it again.');
    for (const text of [message.sv, message.en, reason]) expect(text).not.toMatch(/länge sedan|long ago|too old/);
  });
});

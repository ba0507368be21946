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
});

/**
 * A catalogue record and an imported record refused for an identity number say it in the one
 * wording every refusal uses (`identityRefusal`, `shared/i18n/personnummer-words.ts`): a date of
 * birth with a clock time is told to write an age instead, as an update's refusal and the pane's
 * guard tell it.
 */
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../../server/http/import-check.js';
import { assertNoIdentity, IdentityInTextError } from '../../../server/storage/record-text.js';
import { BIRTH_TIME } from '../../../shared/i18n/personnummer-words.js';
import { refuse } from '../../../shared/validate/update-refusal.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

const BIRTH = 'född 1995-02-11 00:01';
const PNR = 'Ring Eva 19121212-1212';

function refusal(record: string, field: string, text: string): IdentityInTextError {
  try {
    assertNoIdentity(record, { [field]: text });
  } catch (err) {
    if (err instanceof IdentityInTextError) return err;
    throw err;
  }
  throw new Error(`not refused: ${text}`);
}

const imported = (text: string): { code: string; reason: { sv: string; en: string } } => {
  const checked = checkRecord('activity-plan', { id: null, cells: new Map([['comment', text]]) }, {}, {});
  if (!('code' in checked)) throw new Error(`not refused: ${text}`);
  return checked;
};

describe('the wording of a refused identity number in a record', () => {
  it('tells a catalogue record holding a date of birth with a time to write an age instead', () => {
    const err = refusal('document', 'title', BIRTH);
    expect(err.sv).toContain(BIRTH_TIME.sv);
    expect(err.message).toContain(BIRTH_TIME.en);
    expect(err.code).toBe('personnummer');
  });

  it('tells an imported record holding a date of birth with a time to write an age instead', () => {
    const r = imported(BIRTH);
    expect(r.code).toBe('personnummer');
    expect(r.reason.sv).toBe(`Kolumnen "Kommentar" innehåller ${BIRTH_TIME.sv}`);
    expect(r.reason.en).toBe(`The column "Comment" contains ${BIRTH_TIME.en}`);
  });

  it('gives a plain number the sentence an update refused for it gets', () => {
    const found = findPersonnummer(PNR);
    if (found === null) throw new Error('the example holds no number');
    const update = refuse.personnummer({ at: 'cell', column: 'comment' }, found).message;
    const sentence = (text: string): string => text.slice(text.indexOf(' innehåller ') >= 0 ? text.indexOf(' innehåller ') : text.indexOf(' contains '));
    expect(sentence(imported(PNR).reason.sv)).toBe(sentence(update.sv));
    expect(sentence(imported(PNR).reason.en)).toBe(sentence(update.en));
    expect(sentence(refusal('document', 'title', PNR).sv)).toBe(sentence(update.sv));
    expect(sentence(refusal('document', 'title', PNR).message)).toBe(sentence(update.en));
  });
});

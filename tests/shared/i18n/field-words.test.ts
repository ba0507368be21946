import { describe, expect, it } from 'vitest';
import { fieldWordsSv, recordFieldSv } from '../../../shared/i18n/field-words.js';

describe('field words', () => {
  it('names a request body field in Swedish with its API key, and a field without words as before', () => {
    expect(fieldWordsSv('title')).toBe('namnet (title)');
    expect(fieldWordsSv('label')).toBe('etiketten (label)');
    expect(fieldWordsSv('levels.0.level')).toBe('nivån (levels.0.level)');
    expect(fieldWordsSv('somethingElse')).toBe('fältet somethingElse');
  });

  it("names a stored record's field after the record, and a return's reason alone", () => {
    expect(recordFieldSv('document', 'title')).toBe('Dokumentets namn (title)');
    expect(recordFieldSv('unit', 'code')).toBe('Enhetens kod (code)');
    expect(recordFieldSv('token', 'label')).toBe('Åtkomsttokenets etikett (label)');
    expect(recordFieldSv('round', 'reason')).toBe('Motiveringen (reason)');
    expect(recordFieldSv('member', 'removedBy')).toBe('Fältet removedBy');
  });
});

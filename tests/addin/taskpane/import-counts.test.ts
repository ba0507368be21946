/**
 * The counts of "Importera fil" agree with their number in Swedish and English, and their numbers
 * are grouped as each language writes them: an import shows up to a document's most rows.
 */
import { describe, expect, it } from 'vitest';
import { importCount, importNumber } from '../../../addin/taskpane/import-counts.js';

describe('the import counts', () => {
  it('say one row in the singular and the others in the plural', () => {
    expect([0, 1, 2].map((n) => importCount('newRows', n, 'sv'))).toEqual(['0 nya rader', '1 ny rad', '2 nya rader']);
    expect([0, 1, 2].map((n) => importCount('changedRows', n, 'sv'))).toEqual(['0 ändrade rader', '1 ändrad rad', '2 ändrade rader']);
    expect([importCount('rows', 1, 'sv'), importCount('new', 1, 'sv'), importCount('changed', 1, 'sv')]).toEqual(['1 rad', '1 ny', '1 ändrad']);
    expect([importCount('newRows', 1, 'en'), importCount('changedRows', 3, 'en'), importCount('rows', 1, 'en')]).toEqual(['1 new row', '3 changed rows', '1 row']);
  });

  it('group thousands as the language does: a no-break space in Swedish, a comma in English', () => {
    expect([importNumber(999, 'sv'), importNumber(49990, 'sv'), importNumber(50000, 'en')]).toEqual(['999', '49\u00a0990', '50,000']);
    expect(importCount('rows', 50000, 'sv')).toBe('50\u00a0000 rader');
  });
});

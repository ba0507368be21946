import { describe, expect, it } from 'vitest';
import { fileImportWords } from '../../../shared/i18n/file-import-words.js';
import { importProgressWords } from '../../../shared/i18n/import-progress-words.js';
import { MissingPlaceholderError } from '../../../shared/i18n/placeholders.js';
import { wordLookup } from '../../../shared/i18n/word-table.js';

describe('wordLookup', () => {
  const words = wordLookup({
    greet: { sv: 'Hej {name}, {count} rader', en: 'Hi {name}, {count} rows' },
    odd: { sv: 'Bygger {constructor} {toString}', en: 'Builds {constructor} {toString}' },
  } as const);

  it('fills each placeholder in the asked language', () => {
    expect(words('greet', 'sv', { name: 'Åsa', count: 3 })).toBe('Hej Åsa, 3 rader');
    expect(words('greet', 'en', { name: 'Åsa', count: 0 })).toBe('Hi Åsa, 0 rows');
  });

  it('refuses a placeholder without a value, even one named like an object property', () => {
    // @ts-expect-error: `greet` says `{count}` as well
    expect(() => words('greet', 'en', { name: 'Ola' })).toThrow(new MissingPlaceholderError('count', 'Hi {name}, {count} rows'));
    // @ts-expect-error: `odd` says `{constructor}` and `{toString}`
    expect(() => words('odd', 'sv')).toThrow(MissingPlaceholderError);
  });
});

describe('the import words share the look-up', () => {
  it('fill the file import and the progress words', () => {
    expect(fileImportWords('imported', 'sv', { added: '2 nya rader', changed: '1 ändrad rad' })).toBe('2 nya rader och 1 ändrad rad importerades.');
    expect(fileImportWords('pick', 'en', { title: 'Plan 2026' })).toBe('Choose a file (.xlsx, .ods, CSV or JSON) to import into Plan 2026');
    expect(importProgressWords('readingPercent', 'sv', { percent: 40 })).toBe('Läser filen … 40 %');
    expect(importProgressWords('reading', 'en')).toBe('Reading the file …');
  });
});

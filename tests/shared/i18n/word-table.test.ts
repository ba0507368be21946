import { describe, expect, it } from 'vitest';
import { fileImportWords } from '../../../shared/i18n/file-import-words.js';
import { importProgressWords } from '../../../shared/i18n/import-progress-words.js';
import { wordLookup } from '../../../shared/i18n/word-table.js';

describe('wordLookup', () => {
  const words = wordLookup({
    greet: { sv: 'Hej {name}, {count} rader', en: 'Hi {name}, {count} rows' },
    odd: { sv: 'Bygger {constructor} {toString}', en: 'Builds {constructor} {toString}' },
  });

  it('fills each placeholder in the asked language', () => {
    expect(words('greet', 'sv', { name: 'Åsa', count: 3 })).toBe('Hej Åsa, 3 rader');
    expect(words('greet', 'en', { name: 'Åsa', count: 0 })).toBe('Hi Åsa, 0 rows');
  });

  it('leaves a placeholder without a value as it is, even one named like an object property', () => {
    expect(words('greet', 'en', { name: 'Ola' })).toBe('Hi Ola, {count} rows');
    expect(words('odd', 'sv')).toBe('Bygger {constructor} {toString}');
  });
});

describe('the import words share the look-up', () => {
  it('fill the file import and the progress words', () => {
    expect(fileImportWords('imported', 'sv', { imported: 2, updated: 1 })).toBe('2 nya rader och 1 ändrade rader importerades.');
    expect(fileImportWords('pick', 'en', {})).toContain('{title}');
    expect(importProgressWords('readingPercent', 'sv', 40)).toBe('Läser filen … 40 %');
    expect(importProgressWords('readingPercent', 'en')).toBe('Reading the file … {percent}%');
  });
});

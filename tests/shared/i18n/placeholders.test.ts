import { describe, expect, it } from 'vitest';
import { fillPlaceholders, MissingPlaceholderError, placeholderNames } from '../../../shared/i18n/placeholders.js';

describe('fillPlaceholders', () => {
  it('fills every placeholder, one named twice as well, with the values written by show', () => {
    expect(fillPlaceholders('{n} av {max}, {n} nu', { n: 3, max: 5 })).toBe('3 av 5, 3 nu');
    expect(fillPlaceholders('{n} st', { n: 1.5 }, (n) => String(n).replace('.', ','))).toBe('1,5 st');
  });

  it('leaves a text without placeholders as it is, values or none', () => {
    expect(fillPlaceholders('Spara')).toBe('Spara');
    expect(fillPlaceholders('Spara', { n: 1 })).toBe('Spara');
  });

  it('refuses a placeholder without a value, naming it and the text, instead of leaving {name} in the words', () => {
    const fill = () => fillPlaceholders('Hej {name}, {count} rader', { name: 'Åsa' });
    expect(fill).toThrow(MissingPlaceholderError);
    expect(fill).toThrow('placeholder-missing: no value for {count} in "Hej {name}, {count} rader"');
  });

  it('refuses an undefined value, and a name only Object.prototype has', () => {
    expect(() => fillPlaceholders('{n} rader', { n: undefined })).toThrow(MissingPlaceholderError);
    expect(() => fillPlaceholders('Bygger {constructor} {toString}', {})).toThrow(/\{constructor\}/);
  });

  it('fills an empty text and zero, which are values', () => {
    expect(fillPlaceholders('[{a}|{b}]', { a: '', b: 0 })).toBe('[|0]');
  });
});

describe('placeholderNames', () => {
  it('names each placeholder once, in order, and nothing that is not one', () => {
    expect(placeholderNames('{who} tog bort {id} {date}; {who} igen')).toEqual(['who', 'id', 'date']);
    expect(placeholderNames('{ inget } {a-b} {}')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { cword } from '../../../shared/i18n/comment-messages.js';
import { messageLookup } from '../../../shared/i18n/message-lookup.js';
import { MissingPlaceholderError } from '../../../shared/i18n/placeholders.js';

describe('messageLookup', () => {
  const word = messageLookup({ hi: 'Hej {who}', bye: 'Hej då' } as const, { hi: 'Hi {who}', bye: 'Bye' });

  it('gives the words of a key in the asked language, filled', () => {
    expect(word('hi', 'sv', { who: 'Åsa' })).toBe('Hej Åsa');
    expect(word('hi', 'en', { who: 'Åsa' })).toBe('Hi Åsa');
    expect(word('bye', 'en')).toBe('Bye');
  });

  it('makes a missing or an extra value a type error where the key is known, and refuses a missing one at run time', () => {
    // @ts-expect-error: `hi` says `{who}`, and no values are given
    expect(() => word('hi', 'en')).toThrow(MissingPlaceholderError);
    // @ts-expect-error: `hi` has no placeholder `{whom}`
    expect(() => word('hi', 'en', { whom: 'Åsa' })).toThrow(MissingPlaceholderError);
    // @ts-expect-error: `bye` has no placeholders at all
    expect(word('bye', 'sv', { who: 'Åsa' })).toBe('Hej då');
    // @ts-expect-error: `about` says `{row}`; a catalogue of the project is typed the same way
    expect(() => cword('about', 'sv')).toThrow(MissingPlaceholderError);
  });

  it('keeps its texts for the test that walks every catalogue', () => {
    expect(word.texts.sv.hi).toBe('Hej {who}');
    expect(word.texts.en.bye).toBe('Bye');
  });
});

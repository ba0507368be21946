import { describe, expect, it } from 'vitest';
import { errorText, langFromDisplayLanguage, str } from '../../../addin/taskpane/strings.js';
import { MissingPlaceholderError } from '../../../shared/i18n/placeholders.js';

describe('pane strings', () => {
  it('speaks English when Office’s display language starts with en, Swedish otherwise and outside Office', () => {
    expect(langFromDisplayLanguage('en-US')).toBe('en');
    expect(langFromDisplayLanguage('EN-gb')).toBe('en');
    expect(langFromDisplayLanguage('sv-SE')).toBe('sv');
    expect(langFromDisplayLanguage('de-DE')).toBe('sv');
    expect(langFromDisplayLanguage(undefined)).toBe('sv');
  });

  it('fills placeholders and refuses a missing one instead of showing it', () => {
    expect(str('status.pending', 'en', { count: 3 })).toBe('3 not synced');
    // @ts-expect-error: `status.pending` says `{count}`
    expect(() => str('status.pending', 'sv')).toThrow(new MissingPlaceholderError('count', '{count} ej synkade'));
  });

  it('has its own sentence for every way signing in can fail, and a generic one for the rest', () => {
    const kinds = ['unauthorized', 'expired', 'revoked', 'unreachable', 'forbidden', 'notFound', 'server', 'badUrl', 'emptyToken'];
    for (const lang of ['sv', 'en'] as const) {
      const sentences = kinds.map((kind) => errorText(kind, lang));
      expect(new Set(sentences).size).toBe(kinds.length);
      for (const sentence of sentences) expect(sentence).toMatch(/\.$/);
    }
    expect(errorText('something-new', 'en')).toBe(errorText('server', 'en'));
  });
});

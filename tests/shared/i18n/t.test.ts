import { describe, expect, it } from 'vitest';
import { MESSAGES, REASON_NAMES } from '../../../shared/i18n/messages.js';
import { MissingPlaceholderError } from '../../../shared/i18n/placeholders.js';
import { localized, reasonName, t, toLang } from '../../../shared/i18n/t.js';

const column = { sv: 'Aktivitet', en: 'Activity' };

describe('t', () => {
  it('speaks Swedish by default', () => {
    expect(t('required', undefined, { column })).toBe('Aktivitet måste fyllas i.');
  });

  it('fills localized and plain parameters in the asked language', () => {
    expect(t('below-min', 'en', { column, value: -1, min: 0 })).toBe('Activity: -1 is below the minimum, 0.');
  });

  it('writes a number parameter with a decimal comma in Swedish, a point in English, and no thousands separator', () => {
    expect(t('below-min', 'sv', { column, value: -1.5, min: 0.25 })).toContain('-1,5');
    expect(t('below-min', 'sv', { column, value: -1.5, min: 0.25 })).toContain('0,25');
    expect(t('below-min', 'en', { column, value: -1.5, min: 0.25 })).toBe('Activity: -1.5 is below the minimum, 0.25.');
    expect(t('below-min', 'sv', { column, value: 2026, min: 10000 })).toMatch(/2026.*10000/);
  });

  it('refuses a placeholder without a parameter instead of showing it', () => {
    expect(() => t('required', 'sv')).toThrow(new MissingPlaceholderError('column', '{column} måste fyllas i.'));
  });
});

describe('localized', () => {
  it('gives both languages at once', () => {
    expect(localized('unknown-indicator', { column: 'Indikator', value: 'sfh-99' })).toEqual({
      sv: 'Indikator: indikatorn "sfh-99" finns inte i indikatorkatalogen.',
      en: 'Indikator: the indicator "sfh-99" is not in the indicator catalog.',
    });
  });
});

describe('toLang', () => {
  it('maps Office display languages', () => {
    expect(toLang('en-US')).toBe('en');
    expect(toLang('sv-SE')).toBe('sv');
    expect(toLang('de-DE')).toBe('sv');
    expect(toLang(undefined)).toBe('sv');
  });
});

describe('MESSAGES', () => {
  it('has the same placeholders in Swedish and English for every message', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, m] of Object.entries(MESSAGES)) {
      expect(names(m.en), key).toEqual(names(m.sv));
      expect(m.sv.length, key).toBeGreaterThan(0);
    }
  });
});

describe('reasonName', () => {
  it('names every message code shortly in both languages', () => {
    for (const code of Object.keys(MESSAGES)) {
      expect(Object.keys(REASON_NAMES)).toContain(code);
      for (const lang of ['sv', 'en'] as const) expect(reasonName(code, lang)).not.toBe(code);
    }
    expect(reasonName('unknown-unit', 'sv')).toBe('okänd enhet');
    expect(reasonName('incomplete', 'en')).toBe('incomplete row');
  });

  it('shows a code it has no name for as it is', () => {
    expect(reasonName('from-a-newer-server', 'sv')).toBe('from-a-newer-server');
    expect(reasonName('toString', 'en')).toBe('toString');
  });
});

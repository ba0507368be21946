import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES, REASON_NAMES } from '../../../shared/i18n/messages.js';
import { MissingPlaceholderError, setMissingPlaceholderPolicy, type MissingPlaceholderPolicy } from '../../../shared/i18n/placeholders.js';
import { fillLocalized, localized, reasonName, t, toLang } from '../../../shared/i18n/t.js';

const column = { sv: 'Aktivitet', en: 'Activity' };

describe('t', () => {
  it('speaks Swedish by default', () => {
    expect(t('required', undefined, { column })).toBe('Aktivitet måste fyllas i.');
  });

  it('fills localized and plain parameters in the asked language', () => {
    expect(t('below-min', 'en', { column, value: -1, min: 0 })).toBe('Activity: -1 is below the minimum, 0.');
  });

  it('writes a number parameter in the one Swedish form of number-words.ts: a decimal comma, a minus sign, thousands apart from four digits', () => {
    // It wrote `-1,5` with a hyphen and `10000` together, where every other Swedish sentence writes `−1,5` and `10 000`.
    expect(t('below-min', 'sv', { column, value: -1.5, min: 0.25 })).toBe('Aktivitet: \u22121,5 är mindre än det lägsta tillåtna, 0,25.');
    expect(t('below-min', 'en', { column, value: -1.5, min: 0.25 })).toBe('Activity: -1.5 is below the minimum, 0.25.');
    // Thousands apart from four digits, as in a figure (Språkrådet: `1 200`); a year is no amount, written by `digits`.
    expect(t('below-min', 'sv', { column, value: 2026, min: 10000 })).toBe('Aktivitet: 2\u00a0026 är mindre än det lägsta tillåtna, 10\u00a0000.');
    expect(t('too-long', 'sv', { column, length: 12000, max: 2000 })).toBe('Aktivitet: texten är 12\u00a0000 tecken, högst 2\u00a0000 får plats.');
    expect(t('too-long', 'en', { column, length: 12000, max: 2000 })).toBe('Activity: the text is 12,000 characters; at most 2,000 fit.');
  });

  it('writes a very small or very large number in full, never with an exponent, and −0 as 0', () => {
    expect(t('below-min', 'sv', { column, value: -0.0000001, min: 0 })).toBe('Aktivitet: \u22120,0000001 är mindre än det lägsta tillåtna, 0.');
    expect(t('below-min', 'en', { column, value: 1.5e-10, min: 1e21 })).toBe('Activity: 0.00000000015 is below the minimum, 1,000,000,000,000,000,000,000.');
    expect(t('below-min', 'sv', { column, value: 0.1 + 0.2, min: 1 })).toBe('Aktivitet: 0,30000000000000004 är mindre än det lägsta tillåtna, 1.');
    expect(t('below-min', 'en', { column, value: -0, min: 0 })).toBe('Activity: 0 is below the minimum, 0.');
  });

  it('refuses a placeholder without a parameter under a test runner, at compile time first', () => {
    // @ts-expect-error the parameters of `required` are left out
    expect(() => t('required', 'sv')).toThrow(new MissingPlaceholderError('column', '{column} måste fyllas i.'));
    // @ts-expect-error `below-min` needs `min` too
    expect(() => t('below-min', 'sv', { column, value: 1 })).toThrow(new MissingPlaceholderError('min', MESSAGES['below-min'].sv));
  });
});

describe('localized', () => {
  it('gives both languages at once', () => {
    expect(localized('unknown-indicator', { column: 'Indikator', value: 'sfh-99' })).toEqual({
      sv: 'Indikator: indikatorn "sfh-99" finns inte i indikatorkatalogen.',
      en: 'Indikator: the indicator "sfh-99" is not in the indicator catalog.',
    });
  });

  it('takes, for a key chosen at run time, the values of every message it may be, and no other', () => {
    const key = (integer: boolean): 'not-whole-number' | 'below-min' => (integer ? 'not-whole-number' : 'below-min');
    expect(localized(key(false), { column, value: 3, min: 5 }).en).toBe('Activity: 3 is below the minimum, 5.');
    // @ts-expect-error `below-min`, one of the keys, needs `min`
    expect(() => localized(key(true), { column, value: 3 })).not.toThrow();
    // @ts-expect-error `other` is no placeholder of either message
    localized(key(true), { column, value: 3, min: 5, other: 1 });
  });
});

describe('a placeholder left without a value outside a test runner', () => {
  let before: MissingPlaceholderPolicy;
  const reported: MissingPlaceholderError[] = [];
  beforeEach(() => {
    reported.length = 0;
    before = setMissingPlaceholderPolicy({ strict: false, report: (err) => void reported.push(err) });
  });
  afterEach(() => void setMissingPlaceholderPolicy(before));

  it('is shown as {name} in both languages, the rest filled, and reported once per message and name', () => {
    const missing = { column, value: 3 } as never;
    expect(localized('below-min', missing)).toEqual({ sv: 'Aktivitet: 3 är mindre än det lägsta tillåtna, {min}.', en: 'Activity: 3 is below the minimum, {min}.' });
    expect(t('below-min', 'en', missing)).toBe('Activity: 3 is below the minimum, {min}.');
    expect(fillLocalized({ sv: '{n} rader', en: '{n} rows' })).toEqual({ sv: '{n} rader', en: '{n} rows' });
    expect(reported.map((err) => [err.code, err.placeholder, err.template])).toEqual([
      ['placeholder-missing', 'min', MESSAGES['below-min'].sv],
      ['placeholder-missing', 'min', MESSAGES['below-min'].en],
      ['placeholder-missing', 'n', '{n} rader'],
      ['placeholder-missing', 'n', '{n} rows'],
    ]);
  });

  it('is thrown again once the policy is strict, as it is under vitest by default', () => {
    expect(before.strict).toBe(true);
    setMissingPlaceholderPolicy({ strict: true });
    expect(() => localized('below-min', { column, value: 3 } as never)).toThrow(MissingPlaceholderError);
    expect(reported).toEqual([]);
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

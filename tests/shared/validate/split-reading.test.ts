/**
 * The split check's first look at a cell (`mayBePart`) settles most written values (words,
 * names, comments) as no part of a split personnummer before any normalisation, and never one
 * the guard's reading would make a part of: look-alike letters between digits, digits of other
 * scripts, dashes and invisible characters still go on to be read.
 */
import { describe, expect, it } from 'vitest';
import { normalizeForDigits } from '../../../shared/validate/normalize-digits.js';
import { mayBePart, readCell } from '../../../shared/validate/split-reading.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { prng } from '../../support/personnummer-families.js';

describe('mayBePart', () => {
  it('settles words, long digit runs, punctuation, ISO dates and other values as no part', () => {
    for (const value of ['2026-03-01', '1981-12-18', 'Hälsodag', 'Anna Ek', 'Samordnare 12', 'Vecka 12', '14:30', '1,5', '(12)18', '9,876', '#1218', '2025-02-11 kl', '123456789012', '', '   ', '()', true, null, undefined, 12.5, 1e12, {}]) {
      expect(mayBePart(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('lets through digits, marks alone, look-alike letters and characters outside ASCII', () => {
    for (const value of ['811218', '-', '+', ' 98 76 ', '85O1O1', 'l2l8', '\u2013', '\uff19\uff18\uff17\uff16', '811218\u200b', "'9876", '18.12.1981', '18/12/81', '12-18-1981', '2026-03-0', '(1218)', '"9876".', '811218,', '[-]', 9876, -1212, 19811218]) {
      expect(mayBePart(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('never settles a text whose reading holds only what a part holds (seeded texts of digits, marks, look-alikes, other letters and scripts)', () => {
    const alphabet = ['0', '1', '2', '5', '8', '9', ' ', '-', '+', '.', '/', "'", '_', '~', '|', 'O', 'o', 'l', 'I', 'S', 'B', 'x', 'a', 'K', ',', ':', '"', '(', ')', '[', ';', '\u00ab', '\u2013', '\u2212', '\uff19', '\u0661', '\u200b', '\u00a0', 'Ö', '\u041e'];
    const random = prng(4711);
    let checked = 0;
    for (let k = 0; k < 50_000; k++) {
      let text = '';
      const length = 1 + Math.floor(random() * 10);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] as string;
      // The quotes, brackets and phrase marks at the edges are not read (`"9876".`).
      const read = (normalizeForDigits(text, 0)?.text ?? text).replace(/^[\s"'([{;]+/, '').replace(/[\s"')\]};.,:]+$/, '');
      const digits = read.replace(/\D/g, '').length;
      // An ISO date is neither a half nor a part (see `isoDate`).
      const partLike = /^[\d ./+-]+$/.test(read) && digits <= 11 && (digits > 0 || /[-+]/.test(read)) && !/^\d{4}-\d\d-\d\d$/.test(text);
      if (!partLike) continue;
      checked++;
      expect(mayBePart(text), JSON.stringify(text)).toBe(true);
      expect(readCell(text)?.text, JSON.stringify(text)).toBe(read);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps look-alikes caught through the split check: 85O1O1 | 1236, 85O1O1 | 12 | 36', () => {
    expect(splitPersonnummer({ a: '85O1O1', b: '1236' }, ['a', 'b'])).toMatchObject({ first: 'a', second: 'b' });
    expect(splitPersonnummer({ a: '85O1O1', b: '12', c: '36' }, ['a', 'b', 'c'])).toMatchObject({ third: 'c' });
    expect(splitPersonnummer({ a: '85O1O1', b: 'l236' }, ['a', 'b'])).toBeNull();
  });
});

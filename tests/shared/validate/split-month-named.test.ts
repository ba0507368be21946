/**
 * A date of birth written with the month's name in one cell and the serial in the next (`8 dec
 * 1981` | `9876`) is read across the cells as the one-cell guard reads `8 dec 1981-9876`: the split
 * check read a cell holding letters as no part, so the row was stored. Such a cell is read as the
 * same date written day first (`08.12.1981`), which the split check already reads beside a serial.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { splitPersonnummer } from '../../../shared/validate/split-personnummer.js';
import { readCell } from '../../../shared/validate/split-reading.js';
import { checkDigit, prng } from '../../support/personnummer-families.js';

const serial = (yymmdd: string): string => `987${checkDigit(`${yymmdd}987`)}`;
const S = serial('811208');
const WRONG = `987${(Number(checkDigit('811208987')) + 1) % 10}`;

const split = (...cells: string[]): boolean => {
  const keys = cells.map((_, i) => `c${i}`);
  return splitPersonnummer(Object.fromEntries(cells.map((v, i) => [`c${i}`, v])), keys) !== null;
};

const DATES = ['8 dec 1981', '8 december 1981', '8 dec. 1981', '8 Dec 81', '08 dec 1981', '8. dec 1981', '8:e december 1981', '8-Dec-81', '8-dec-1981', 'December 8, 1981', 'dec 8 1981', ' 8 dec 1981 ', '８ dec １９８１', '8.dec.1981', '8dec1981', '08DEC81', '1981 dec 8', '1981-dec-08'];

describe('a date written with the month name beside the serial in the next cell', () => {
  it.each(DATES)('refuses %j | the serial, as the one-cell guard refuses them written together', (date) => {
    expect(findPersonnummer(`${date}-${S}`)).not.toBeNull();
    expect(split(date, S)).toBe(true);
    expect(split(date, `-${S}`)).toBe(true);
    expect(split(date, S.slice(0, 2), S.slice(2))).toBe(true);
    expect(split(date, '', S)).toBe(true);
    expect(split(date, '-', S)).toBe(true);
    expect(split(`${date}-`, S)).toBe(true);
  });

  it('refuses a date in quotes or brackets beside the serial', () => {
    expect(split('"8 dec 1981"', S)).toBe(true);
    expect(split('(8 dec 1981', `${S})`)).toBe(true);
  });

  it.each(DATES)('passes %j | a serial whose check digit is wrong', (date) => {
    expect(split(date, WRONG)).toBe(false);
  });

  it.each([
    ['a date in quotes and a wrong check digit', ['"8 dec 1981"', WRONG]],
    ['a meeting and its time', ['18 mars 2026', '14:30']],
    ['a date and an amount', ['5 maj 2026', '1500 kr']],
    ['words before the date', ['Möte 8 dec 1981', S]],
    ['a month and a year', ['dec 1981', S]],
    ['a date without its year', ['8 dec', S]],
    ['a date and a phone', ['8 dec 1981', '070-123 45 67']],
    ['a date and a count', ['8 dec 1981', '12']],
    ['a date and a year far apart', ['8 dec 1981', 'Anna', S]],
  ])('passes %s', (_, cells) => {
    expect(split(...cells)).toBe(false);
  });

  it('reads a month-named date as its day-first spelling, whatever the serial', () => {
    const random = prng(7);
    const names = ['jan', 'februari', 'mars', 'apr.', 'maj', 'juni', 'jul', 'augusti', 'sep', 'okt', 'november', 'december'];
    for (let k = 0; k < 400; k++) {
      const month = Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const year = 1920 + Math.floor(random() * 110);
      const four = String(Math.floor(random() * 10_000)).padStart(4, '0');
      const dayFirst = `${String(day).padStart(2, '0')}.${String(month + 1).padStart(2, '0')}.${year}`;
      expect(split(`${day} ${names[month] as string} ${year}`, four)).toBe(split(dayFirst, four));
    }
  });

  it('settles a cell of words without a month at its first letter, and reads no date with words around it as a part', () => {
    expect(readCell('Hälsodag')).toBeNull();
    expect(readCell('Möte 8 dec 2025')).toBeNull();
    expect(readCell('8 dec 1981')?.text).toBe('08.12.1981');
    expect(readCell('December 8, 1981-')?.text).toBe('08.12.1981-');
  });
});

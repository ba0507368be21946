/**
 * A date of birth written with the month's name dotted, slashed or glued to its digits
 * (`18.dec.1981-9876`, `18/dec/1981-9876`, `18dec1981-9876`, `18DEC81-9876`: a form's boxes, a
 * batch code, a log) or with the year first (`1981 dec 18-9876`), then the four last digits: the
 * month-named reader took only a space or a dash on either side of the name, the day first or the
 * name first, so these were stored. What stands between day, name and year is now any of them
 * (`MONTH_JOINT`), and the year may come first; judged as `18 dec 1981-9876` is. Roman month
 * numerals (`18.XII.1981`) are not read: no Swedish source shows that form in use.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';
import { prng, validNumber } from '../../support/personnummer-families.js';

/** The Swedish names, whole and cut as Samplan writes them (`shared/rounds/year-calendar.ts`). */
const SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const CUT = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** What stands between day, name and year in the spellings that were stored. */
const JOINTS = ['', '.', '/', '. ', ' / ', '-'];

describe('a date of birth with the month name glued, dotted or year first', () => {
  it.each([
    '18.dec.1981-9876',
    '18.Dec.81-9876',
    '18dec1981-9876',
    '18DEC81-9876',
    '18december1981 - 9876',
    '18/dec/1981-9876',
    '18. dec. 1981-9876',
    '18-dec.1981-9876',
    '1981 dec 18-9876',
    '1981-dec-18-9876',
    '1981 december 18 nr 9876',
    'född 1981 dec 18 9876',
    'född 18dec81 9876',
    '78dec1981-9873',
  ])('refuses %j', (text) => {
    expect(luhnValid('8112189876') && luhnValid('8112789873')).toBe(true);
    expect(findPersonnummer(text)).not.toBeNull();
  });

  it.each(JOINTS.map((joint) => [joint] as const))('refuses every valid number written with %j between day, name and year, and year first (seeded)', (joint) => {
    const random = prng(1981 + JOINTS.indexOf(joint));
    const passed: string[] = [];
    for (let i = 0; i < 200; i++) {
      const n = validNumber(random);
      const month = Number(n.mm) - 1;
      const name = [SV[month], CUT[month], (CUT[month] as string).toUpperCase()][i % 3] as string;
      const day = i % 4 === 0 ? String(Number(n.dd)) : n.dd;
      const year = i % 2 === 0 ? n.yy : n.century + n.yy;
      // A `+` for those born 100 years ago or more, as SKV 704 writes it.
      const mark = Number(n.century + n.yy) <= 1925 ? '+' : '-';
      for (const text of [`${day}${joint}${name}${joint}${year}${mark}${n.serial}`, `${n.century}${n.yy}${joint === '' ? ' ' : joint}${name}${joint === '' ? ' ' : joint}${day}${mark}${n.serial}`]) {
        if (findPersonnummer(text) === null) passed.push(text);
      }
    }
    expect(passed).toEqual([]);
  });

  /** Plan phrases with a date written so and a time, hours, an amount or a later date after it. */
  const PHRASES = [
    'Träff 18.dec.2025 1430',
    'Träff 3feb2026 14-16',
    'Möte 8dec2025 kl 14:30',
    'Kostnad 2.april.2026 - 1500 kr',
    'Uppföljning 2026 okt 6 1430',
    'Styrgrupp 2026 okt 9 13-15',
    'Hälsodag 2026 mars 8 kl 10-14',
    'Budget 2026 jan 1: 4500 kr',
    'Inköp 2026 mars 3 - 2490 kr',
    'Säsong 2025 sep 1-2026 maj 31',
    'Vecka 2026 v 12',
    'kl 18.12',
    'Summa 12 500 kr',
    'Logg 18DEC2025 14.30',
  ];

  it.each(PHRASES)('passes the plan phrase %j', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it('costs, measured on 2,000 seeded dates of 2020–2029 with four digits after: a space alone never, a dash about one in ten as with spaces', () => {
    const random = prng(1812);
    let spaced = 0;
    let glued = 0;
    let yearFirst = 0;
    let plain = 0;
    const n = 2000;
    for (let k = 0; k < n; k++) {
      const day = 1 + Math.floor(random() * 28);
      const name = CUT[Math.floor(random() * 12)] as string;
      const year = 2020 + Math.floor(random() * 10);
      const four = String(Math.floor(random() * 10000)).padStart(4, '0');
      if (findPersonnummer(`Träff ${day}${name}${year} ${four}`) !== null) spaced++;
      if (findPersonnummer(`Träff ${year} ${name} ${day} ${four}`) !== null) spaced++;
      if (findPersonnummer(`Träff ${day}.${name}.${year}-${four}`) !== null) glued++;
      if (findPersonnummer(`Träff ${year} ${name} ${day}-${four}`) !== null) yearFirst++;
      if (findPersonnummer(`Träff ${day} ${name} ${year}-${four}`) !== null) plain++;
    }
    expect(spaced).toBe(0);
    // Measured: see the README (the check digit decides, as for `8 dec 2025-1430`).
    expect(glued).toBe(plain);
    expect(yearFirst).toBe(plain);
  });
});

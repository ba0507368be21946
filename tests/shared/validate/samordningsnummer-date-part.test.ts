/**
 * A samordningsnummer's date part carries its day + 60 (Skatteverket SKV 707): `96-05-88` is no
 * day of the calendar, so nothing written after it is a date's time, hours, note or range end,
 * the allowances the guard makes for a date written as a date (`date-then-time.ts`,
 * `short-date-range.ts`, `judge` and `judgeWorded` in `personnummer-shapes.ts`). A seeded sweep of
 * valid samordningsnummer written in each of those ways: every one is refused, while the same
 * texts with a real date stay ordinary text.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { checkDigit, prng } from '../../support/personnummer-families.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * How a date and four digits are written when they are a date and a time, hours, a note or a
 * range's end (`{date}`: the date part with its marks; `{p1}`, `{p2}`: the pairs), each a
 * decision the guard makes for a real date.
 */
const AFTER_A_DATE = [
  '{date} {p1}:{p2}',
  '{date} {p1}.{p2}',
  '{date} {p1}-{p2}',
  '{date} {p1} {p2}',
  '{date} {p1}{p2}',
  '{date} ({p1}{p2}',
  '{date} ({p1}-{p2})',
  '{date}, {p1}:{p2}',
  '{date} \u2013 {p1}:{p2}',
  '{date} \u2013 {p1}-{p2}',
  '{date}-{p1}:{p2}',
  '{date} kl {p1}{p2}',
  '{date} Anna {p1}{p2}',
];

describe('a samordningsnummer written as a date and a time', () => {
  it('is refused in every way a real date and a time pass, seeded', () => {
    const random = prng(20261204);
    const passed: string[] = [];
    let ordinary = 0;
    for (let i = 0; i < 400; i++) {
      const year = 1930 + Math.floor(random() * 90);
      const mm = pad(1 + Math.floor(random() * 12));
      const day = 1 + Math.floor(random() * 28);
      const yy = pad(year % 100);
      // Pairs that are a clock time, whole hours and a month and day at once (`06-09`): every allowance would apply.
      const p1 = pad(1 + Math.floor(random() * 12));
      const third = String(Math.floor(random() * 2));
      // The last digit makes the serial valid for the samordningsnummer (day + 60).
      const p2 = third + checkDigit(yy + mm + pad(day + 60) + p1 + third);
      const shape = AFTER_A_DATE[i % AFTER_A_DATE.length] as string;
      const sep = ['-', '.', '/', '_'][Math.floor(random() * 4)] as string;
      const century = random() < 0.5 ? String(Math.floor(year / 100)) : '';
      const write = (dd: number): string =>
        shape.replace('{date}', `${century}${yy}${sep}${mm}${sep}${pad(dd)}`).replace('{p1}', p1).replace('{p2}', p2);
      const text = write(day + 60);
      if (findPersonnummer(text) === null) passed.push(text);
      // The same text with the real day is a date and a time when the guard's decisions say so.
      if (findPersonnummer(write(day)) === null) ordinary++;
    }
    expect(passed).toEqual([]);
    expect(ordinary).toBeGreaterThan(100);
  });
});

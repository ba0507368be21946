/**
 * Ordinary text beside the spellings `findPersonnummer` reads after a date written as a date: a
 * range whose end gives month and day only, times and hours after a date, a word that names no
 * number. Each digit string below passes the date and Luhn checks, so only the shape can tell.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { labelsANumber } from '../../../shared/validate/number-labels.js';
import { IN_PART, ORDINARY } from '../../support/ordinary-texts.js';
import { prng } from '../../support/personnummer-families.js';

/** A date, a range dash, then month and day (or day/month): a period, the year said once. */
const SHORT_RANGES = [
  '2025-01-01 \u2013 08-01',
  'Kampanj 2025-01-01 \u2013 08-01 på Rinkeby vc',
  '2025-01-01\u201308-01',
  '2025-01-01 - 08-01',
  '2025-01-01 -- 08-01',
  '2025-01-01--08-01',
  '2025-01-01 \u2014 04-13',
  '25-01-01 \u2013 04-13',
  '2025/01/01 \u2013 04/13',
  '2025-01-01 \u2013 13/04',
  '2025.01.07 \u2013 26.11',
];

/**
 * A date written with marks, then a clock time, whole hours (a night shift falls: `22-05`), or a
 * later month and day after a space (`20-07-10 07-26`, a period).
 */
const TIMES = ['2026-05-12 22-05', 'Nattpass 2026-11-27 21-01', '20-07-10 07-26', '2026-05-12 07-20', 'Möte 26-05-12 07-12 i Tensta', '2026-03-12 \u2013 10:35', '26-03-12 - 09:20', '85-01-01 12:36', '2026-04-20 09:45'];
/** A date, one mark and a clock time split by a colon: a timestamp (`export-2025-06-17-11:45`). */
const TIMESTAMPS = ['2025.06.17-11:45', '2024/12/11-08:15', '12.08.27-07:00', '22-03-22-09:30', 'Logg 2025-06-17-11:45 klar'];

describe('findPersonnummer beside dates', () => {
  it.each(SHORT_RANGES)('lets the range %j pass', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it.each(TIMES)('lets the date and time %j pass', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it.each(TIMESTAMPS)('lets the timestamp %j pass', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  // One hyphen after the date is how a number is written with its date part's marks; a month
  // that does not exist, or hours backwards, are no range and no time.
  it.each([
    ['1985-01-01-12-10', 'one hyphen'],
    ['85-03-17 16-65', 'no hours'],
    ['1985-03-17 - 16:65', 'no clock time'],
    ['85-03-17 \u2013 16:65', 'no clock time'],
    ['85-03-17-16:65', 'no clock time'],
    ['85-03-17-12.36', 'a dot, not a colon'],
  ])('flags %j: %s', (text) => {
    expect(findPersonnummer(text)?.match).toBe(text);
  });

  it('reads a word after a date with its century as a label only when it names the number', () => {
    expect(findPersonnummer('1985-03-17 nr 1665')?.match).toBe('1985-03-17 nr 1665');
    expect(findPersonnummer('1985-03-17 P-NR 1665')?.match).toBe('1985-03-17 P-NR 1665');
    expect(findPersonnummer('1985-03-17 kl 1665')).toBeNull();
    expect(findPersonnummer('1985-03-17 rum 1665')).toBeNull();
    expect(findPersonnummer('1985-03-17 nr och 1665')).toBeNull();
    expect(findPersonnummer('1985-03-17 p 1665')).toBeNull();
    expect(findPersonnummer('1985-03-17 id 1665')).toBeNull();
  });
});

describe('labelsANumber', () => {
  it('is true for the labels of an identity number in any case, and false for other words or none', () => {
    expect(labelsANumber(['nr'])).toBe(true);
    expect(labelsANumber(['pers', 'nr'])).toBe(true);
    expect(labelsANumber(['No'])).toBe(true);
    expect(labelsANumber(['Personnummer'])).toBe(true);
    expect(labelsANumber(['kl'])).toBe(false);
    expect(labelsANumber(['p'])).toBe(false);
    expect(labelsANumber(['person'])).toBe(false);
    expect(labelsANumber(['id'])).toBe(false);
    expect(labelsANumber(['nr', 'och'])).toBe(false);
    expect(labelsANumber([])).toBe(false);
  });
});

describe('findPersonnummer over ordinary text by kind (seeded)', () => {
  it.each(Object.entries(ORDINARY))('lets every text of the kind %j pass', (_kind, make) => {
    const random = prng(4711);
    const refused = Array.from({ length: 400 }, () => make(random)).filter((text) => findPersonnummer(text) !== null);
    expect(refused).toEqual([]);
  });

  // Passed in part by decision: the digits are refused when they pass the date and Luhn checks,
  // which random digits do about one time in ten (one in eleven for a Luhn digit, fewer for a date).
  it.each(Object.entries(IN_PART))('refuses at most one text in eight of the kind %j', (_kind, make) => {
    const random = prng(4711);
    const refused = Array.from({ length: 2000 }, () => make(random)).filter((text) => findPersonnummer(text) !== null);
    expect(refused.length).toBeLessThan(2000 / 8);
  });
});

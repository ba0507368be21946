/**
 * A date of birth with a clock time right after a birth word (`född 1995-02-11 00:01`, `f.
 * 2023-02-26 kl 10.09`, `DOB: 1995-02-11 14:30`) is refused whatever its check digit, by decision
 * (`findPersonnummer`'s docs): a plan has no use for a birth time, a birth date and time single
 * out a person on their own, and judged by the check digit one in ten was refused, which no one
 * could foresee. The refusal says, in Swedish and English, to write an age or age group instead.
 * Hours or a range after a birth date (split by a dash) are judged as after any label.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';
import { refuse } from '../../../shared/validate/update-refusal.js';
import { personnummerGuard } from '../../../addin/excel/local/guard.js';
import { prng } from '../../support/personnummer-families.js';

const BIRTH_WORDS = ['född ', 'Född: ', 'f. ', 'född den ', 'Födelsedatum: ', 'Barnet född ', 'born ', 'DOB: ', 'date of birth '];
const two = (n: number): string => String(n).padStart(2, '0');

/** A real date 1900–2026 written with `sep`, the century written or not, and a clock time; seeded. */
function dateAndTime(random: () => number, k: number): { date: string; hh: string; mm: string } {
  const year = 1900 + Math.floor(random() * 127);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
  const sep = ['-', '.', '/'][k % 3] as string;
  const y = k % 2 === 0 ? String(year) : two(year % 100);
  return { date: `${y}${sep}${two(month)}${sep}${two(day)}`, hh: two(Math.floor(random() * 24)), mm: two(Math.floor(random() * 60)) };
}

/** 300 texts `make` writes from seeded dates and clock times, and those `wrong` says the guard judged wrongly. */
function judgedWrongly(seed: number, make: (date: string, hh: string, mm: string) => string, wrong: (text: string) => boolean): string[] {
  const random = prng(seed);
  return Array.from({ length: 300 }, (_, k) => {
    const { date, hh, mm } = dateAndTime(random, k);
    return make(date, hh, mm);
  }).filter(wrong);
}

describe('a date of birth with a clock time', () => {
  it('is refused in the examples, marked as a birth date', () => {
    for (const text of ['född 1995-02-11 00:01', 'född 1995-02-11 00:02', 'Barnet född 2025.01.21 19.38', 'f. 2023-02-26 kl 10.09', 'DOB: 1995-02-11 14:30']) {
      const found = findPersonnummer(text);
      expect(found?.match, text).toBe(text.slice(text.search(/\d/)));
      expect(found?.birthDate, text).toBe(true);
    }
  });

  it('is refused whatever its check digit, after every birth word and in every way a time is split (seeded sweep)', () => {
    const random = prng(1939);
    const passed: string[] = [];
    let k = 0;
    for (const word of BIRTH_WORDS) {
      for (const [before, split] of [[' ', ':'], [' ', '.'], [' ', ' '], [' kl ', '.'], [' kl ', ''], [' ', ''], [', ', ':'], [' (', ':']] as const) {
        for (let i = 0; i < 8; i++, k++) {
          const { date, hh, mm } = dateAndTime(random, k);
          const text = `${word}${date}${before}${hh}${split}${mm}`;
          if (findPersonnummer(text)?.birthDate !== true) passed.push(text);
        }
      }
    }
    expect(passed).toEqual([]);
  });

  it('is refused after a birth word written in decomposed letters (NFD, as macOS and some pastes give ö), as in composed ones', () => {
    const random = prng(1942);
    const passed: string[] = [];
    for (const [k, word] of BIRTH_WORDS.filter((w) => w !== w.normalize('NFD')).entries()) {
      for (let i = 0; i < 20; i++) {
        const { date, hh, mm } = dateAndTime(random, k + i);
        const text = `${word.normalize('NFD')}${date} ${hh}:${mm}`;
        if (findPersonnummer(text)?.birthDate !== true) passed.push(text);
      }
    }
    expect(passed).toEqual([]);
  });

  it('with hours or a range after it (a dash) is judged by its check digit, as after any label (seeded)', () => {
    const wrong = judgedWrongly(1940, (date, hh, mm) => `född ${date} ${hh}-${mm}`, (text) => {
      const digits = text.replace(/\D/g, '');
      const found = findPersonnummer(text);
      return found?.birthDate === true || (found !== null) !== luhnValid(digits.slice(digits.length - 10));
    });
    expect(wrong).toEqual([]);
  });

  it('passes when the birth word stands away from the date (a note and a time, seeded)', () => {
    expect(judgedWrongly(1941, (date, hh, mm) => `Mamma född i Syrien. Träff ${date} ${hh}:${mm}`, (text) => findPersonnummer(text) !== null)).toEqual([]);
  });

  it('is told, in Swedish and English, to write an age or age group instead: in a refused update and in the pane', () => {
    const found = findPersonnummer('född 1995-02-11 00:02');
    expect(found).not.toBeNull();
    const { message } = refuse.personnummer({ at: 'cell', column: 'Målgrupp' }, found as NonNullable<typeof found>);
    expect(message.sv).toMatch(/^Kolumnen «Målgrupp» innehåller ett födelsedatum med klockslag.*skriv ålder eller åldersgrupp i stället/);
    expect(message.en).toMatch(/^Column "Målgrupp" contains a date of birth with a time of day.*write an age or age group instead/);
    const pane = personnummerGuard('född 1995-02-11 00:02');
    expect(pane?.message.sv).toMatch(/födelsedatum med klockslag.*åldersgrupp/);
    expect(pane?.message.en).toMatch(/date of birth with a time of day.*age group/);
    // A personnummer as such keeps its own words.
    expect(refuse.personnummer({ at: 'comment' }, { kind: 'personnummer', phoneLike: false }).message.sv).toMatch(/innehåller ett personnummer\./);
  });
});

/**
 * A date of birth written day first or month first, then the four last digits
 * (`18.12.1981-9876`, `12/18/1981-9876`): a personnummer in any spelling when the date is a real
 * date (day + 60 for a samordningsnummer, SKV 707) and the Luhn check digit holds (SKV 704).
 * Ordinary dates and numbers written day first stay text.
 */
import { describe, expect, it } from 'vitest';
import { findPersonnummer, luhnValid } from '../../../shared/validate/personnummer.js';
import { prng, validNumber } from '../../support/personnummer-families.js';

/** 811218-9876 is valid (Luhn); 811278-9873 is its samordningsnummer (day 18 + 60). */
const REFUSED: ReadonlyArray<[string, string]> = [
  ['18.12.1981-9876', 'day first, dots'],
  ['12/18/1981-9876', 'month first, slashes'],
  ['18/12/1981-9876', 'day first, slashes'],
  ['18-12-1981-9876', 'day first, dashes'],
  ['18 12 1981 9876', 'day first, spaces'],
  ['18 12 1981-9876', 'day first, spaces, dash'],
  ['18.12.1981 - 9876', 'a dash with spaces'],
  ['18.12.1981+9876', 'a plus (aged 100 or more)'],
  ['18.12.1981-98 76', 'the serial in pairs'],
  ['18.12.81-9876', 'a year of two digits'],
  ['12/18/81-9876', 'month first, a year of two digits'],
  ['78.12.1981-9873', 'samordningsnummer, day first'],
  ['12/78/1981-9873', 'samordningsnummer, month first'],
  ['Anna Ek, född 18.12.1981-9876, ringer', 'inside a sentence'],
  ['Pnr 18.12.1981 9876', 'a space alone after a label'],
  ['18.12.1981 9876 (pnr)', 'a space alone, the number named in the text'],
  ['１８．１２．１９８１－９８７６', 'fullwidth digits and marks'],
  ['18.12.1981-98.76', 'the serial in pairs split by a dot'],
  ['18.12.1981-98:76', 'the serial in pairs split by a colon'],
  ['18.12.1981, 09.33 pnr', 'four digits split by a dot as a clock time, the number named'],
  ['18.12.1981 nr 9876', 'a label between date and serial'],
  ['18/12/1981 pnr: 98-76', 'a label and a colon, the serial in pairs'],
  ['18.12.81 nummer 98.76', 'a word label, a year of two digits'],
  ['Född 18.12.1981 p-nr 9876', 'a label of two parts'],
  ['18/12 1981-9876', 'day and month split by a slash, a space before the year (as 12/3 2025 is read as a date)'],
  ['18.12 1981-9876', 'day and month split by a point, a space before the year'],
  ['Anna, född 18/12 1981 - 9876', 'so written inside a sentence, a spaced dash'],
  ['pnr 18/12 1981 9876', 'so written after a label, a space alone before the serial'],
  ['18/12 1981 nr 98-76', 'so written, a label and the serial in pairs'],
  ['18/12 1881+9876', 'so written, a plus (aged 100 or more)'],
  ['född 18/12 -81, 9876', 'a year of two digits after a space and a dash, as Swedish writes it, a comma before the serial'],
  ['18/12 -81 nr 9876', 'a year of two digits after a space and a dash, a label before the serial'],
  ["18/12 '81-9876", 'a year of two digits after a space and an apostrophe'],
  ['född 18/12 ’81 9876', 'a year of two digits after a space and the apostrophe Word and Excel type (’)'],
];

/** Each passes; the reason is the decision that lets it. */
const PASSED: ReadonlyArray<[string, string]> = [
  ['18.12.2025', 'a date alone'],
  ['18.12.2025 14:30', 'a date and a time'],
  ['Träff 17.05.2028 00:22', "a date and a time: the year's last digits and the hour are no serial"],
  ['18.12.2025 14.30', 'a date and a time with a dot'],
  ['18.12.1981 09:30', 'a date of birth and a time'],
  ['18.12.1981, 09.33', 'a date and a clock time split by a dot after a comma (a valid check digit)'],
  ['18.12.1981-09:33', 'a date and a clock time after a dash (a valid check digit)'],
  ['18.12.1981 kl 09:30', 'a date, kl and a clock time'],
  ['18.12.1981 rum 9876', 'a date, a word that labels no number, four digits'],
  ['Ring 18.12.1981 tel 070-123 45 67', 'a date and a phone number'],
  ['Order 18.12.2025 nr 48213', 'an order number of five digits'],
  ['Faktura 18.12.1981 nr 2025-0042', 'an invoice number going on after the four digits'],
  ['18.12.1981 9876', 'a date and four digits after a space: a time or an amount, as 2026-05-12 1430'],
  ['18/12/2025 1430', 'a date and a time without a mark'],
  ['Träff 18/12 2025 1430', 'a date with a space before its year and a time without a mark'],
  ['18/12 1981 9876', 'a date with a space before its year and four digits after a space: a time or an amount'],
  ['Träff 18/12 2025 kl 14.30', 'a date with a space before its year, kl and a time'],
  ['Träff 18/12 -25 1430', 'a year of two digits after a space and a dash, and a time without a mark'],
  ['Träff 18/12 ’25 1430', 'a year of two digits after a space and an apostrophe, and a time without a mark'],
  ['1/12 -81-9876', 'a year of two digits after a day of one digit: fewer than ten digits'],
  ['18.12.2025 kl 14.30', 'a date, kl and a time'],
  ['1.2.2025-3.4.2025', 'a date range'],
  ['18.12.2025 - 31.12.2025', 'a date range with spaces'],
  ['1.1.2025-2026.01.31', 'a date range ending in an ISO date'],
  ['18.12.1981-9875', 'a wrong check digit'],
  ['31.02.1981-9876', 'no date in either order'],
  ['18.12.2181-9876', 'a century no personnummer has'],
  ['1.2.81-9876', 'fewer than ten digits'],
  ['Möte 18.12.2025, 12 deltagare', 'a date and a count'],
  ['070-123 45 67', 'a phone'],
  ['192.168.10.1', 'an address'],
  ['08 90 66 68 60', 'a phone (ten digits starting with 0, in pairs)'],
  ['85 01 01 12 36 12', 'groups split by spaces going on: a longer number'],
  ['Summa 1.234.567,89 kr', 'an amount'],
];

/**
 * By decision ten digits starting with 0 written with one mark repeated, or spaces and one dash
 * or slash, are a phone (`08 90 66 68 60`, `05-01-01 - 1233`): someone born 2000–2009 written so
 * passes, as in every other spelling.
 */
function phoneWritten(text: string, year: string, marks: readonly string[]): boolean {
  if (year.length !== 2 || !text.startsWith('0')) return false;
  const set = new Set(marks);
  if (set.size === 1) return true;
  set.delete(' ');
  return set.size === 1 && (set.has('-') || set.has('/'));
}

describe('a date of birth written day or month first, then the serial', () => {
  it.each(REFUSED)('refuses %s (%s)', (text) => {
    expect(findPersonnummer(text)).not.toBeNull();
  });

  it.each(PASSED)('lets %s pass (%s)', (text) => {
    expect(findPersonnummer(text)).toBeNull();
  });

  it('refuses every valid number so written, in every order and separator (seeded sweep)', () => {
    const random = prng(5151);
    const passed: string[] = [];
    const separators = ['.', '/', '-', ' '];
    const beforeSerial = ['-', ' - ', '+', '/', '.'];
    for (let i = 0; i < 400; i++) {
      const n = validNumber(random);
      // Born 100 years ago or more is written with `+` (SKV 704); the sweep keeps to `-` otherwise.
      const mark = beforeSerial[i % beforeSerial.length] as string;
      const sep = separators[Math.floor(i / beforeSerial.length) % separators.length] as string;
      const year = i % 3 === 0 ? n.yy : n.century + n.yy;
      const [a, b] = i % 2 === 0 ? [n.dd, n.mm] : [n.mm, n.dd];
      const text = `${a}${sep}${b}${sep}${year}${mark}${n.serial}`;
      // A `+` with two-digit year reads the year as one of the 1800s or 1900s: someone born after 1999 written so is no number.
      if (mark === '+' && year.length === 2 && n.century === '20') continue;
      if (phoneWritten(text, year, [sep, mark.trim() || ' '])) continue;
      if (findPersonnummer(text) === null) passed.push(text);
    }
    expect(passed).toEqual([]);
  });

  it('lets every ordinary date written day first with a time or an amount after a space pass (seeded sweep)', () => {
    const random = prng(5152);
    const refused: string[] = [];
    const int = (from: number, to: number): number => from + Math.floor(random() * (to - from + 1));
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let i = 0; i < 600; i++) {
      const sep = ['.', '/', '-'][i % 3] as string;
      // Every fourth with a space before the year (`18/12 2025`), as a date is also written.
      const date = `${two(int(1, 28))}${sep}${two(int(1, 12))}${i % 4 === 0 && sep !== '-' ? ' ' : sep}${int(2020, 2030)}`;
      const after = [`${two(int(0, 23))}:${two(int(0, 59))}`, `${two(int(0, 23))}${two(int(0, 59))}`, `${int(1000, 9999)} kr`][i % 3] as string;
      const text = `Träff ${date} ${after}`;
      if (findPersonnummer(text) !== null) refused.push(text);
    }
    expect(refused).toEqual([]);
  });

  it('lets an amount in kronor after a date written day first and a dash pass, unless the number is named (seeded)', () => {
    // `Kostnad 18.12.2025 - 1500 kr` was refused: its digits pass the date and Luhn checks.
    expect(findPersonnummer('Kostnad 18.12.2025 - 1500 kr')).toBeNull();
    expect(luhnValid('2512181500')).toBe(true);
    const random = prng(1500);
    const two = (n: number): string => String(n).padStart(2, '0');
    const refused: string[] = [];
    let named = 0;
    for (let i = 0; i < 1000; i++) {
      const sep = ['.', '/', '-'][i % 3] as string;
      const date = `${two(1 + Math.floor(random() * 28))}${sep}${two(1 + Math.floor(random() * 12))}${sep}${2020 + Math.floor(random() * 10)}`;
      const amount = `${1000 + Math.floor(random() * 9000)} ${['kr', 'kronor', 'SEK', 'tkr'][i % 4] as string}`;
      if (findPersonnummer(`Kostnad ${date} - ${amount}`) !== null) refused.push(`Kostnad ${date} - ${amount}`);
      if (findPersonnummer(`Pnr ${date} - ${amount}`) !== null) named++;
    }
    expect(refused).toEqual([]);
    // Named, the digits are judged as any: about one in ten passes the Luhn check.
    expect(named).toBeGreaterThan(50);
  });

  it('stays linear on long text full of dates written day first and times', () => {
    // Each such date and time is judged with what the whole text says, read once per text: read
    // per date, 320 repetitions cost ~16 times 20 of them per character, not ~1.
    const unit = 'Möte 18.12.2025 1430, 1.2.2026-3.4.2026. ';
    const perChar = (reps: number, scans: number): number => {
      const text = unit.repeat(reps);
      const t = performance.now();
      for (let i = 0; i < scans; i++) findPersonnummer(text);
      return (performance.now() - t) / (scans * text.length);
    };
    let short = Infinity;
    let long = Infinity;
    // The least of five trials each: another process's load only ever adds time.
    for (let trial = 0; trial < 5; trial++) {
      short = Math.min(short, perChar(20, 16));
      long = Math.min(long, perChar(320, 1));
    }
    expect(long / short, `${long.toFixed(5)} ms per character of 320 repetitions, ${short.toFixed(5)} of 20`).toBeLessThan(4);
  });
});

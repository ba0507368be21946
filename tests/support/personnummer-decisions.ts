/**
 * What the personnummer guard lets through by decision, as a specification beside its code: the
 * spellings of valid numbers that are also ordinary text (a date and a time, hours, a note, a
 * range's end, a phone), and the labels that cancel those allowances. The family sweep
 * (`personnummer-families.test.ts`), the labelled sweep (`number-labels.test.ts`) and the
 * old-vs-new sweep (`bench/personnummer-sweep.ts`) share them.
 */
import { validNumber, type Family, type NumberFields } from './personnummer-families.js';

/** Marks that, trimmed, are a dash as the guard reads them (`_` and `–` are dashes). */
const dash = (s: string): boolean => ['-', '_', '\u2013'].includes(s.trim());
const clock = (hh: string, mm: string): boolean => Number(hh) <= 23 && Number(mm) <= 59;
const hours = (a: string, b: string): boolean => a !== b && Number(a) <= 24 && Number(b) <= 24;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = (mm: string, dd: string): boolean => Number(mm) >= 1 && Number(mm) <= 12 && Number(dd) >= 1 && Number(dd) <= (DAYS[Number(mm) - 1] as number);

/** The labels of the families (`LABELS`) that name an identity number (see `namedBefore`). */
const NAMING_IN_FAMILIES = ['pnr ', 'Personnummer: '];

/**
 * Why the spelling of `n` as `f` is let through, or null when it must be refused. The decisions
 * (README's personnummer part): after a date written as a date (one of `-./_` between its fields)
 * a note (`2026-05-12 1430`, `2026-05-12 (1430)`), a time (`2026-05-12 14:30`, `2026-05-12 –
 * 14.30`, `2026-05-12, 14.30`, `2025-06-17-11:45`, `export_2022-01-04_15.51.xlsx`), hours (`2026-05-12 22-06`), a range's end
 * (`2025-01-01 – 08-01`, `2020-07-10 07-26`); ten digits starting with 0 in a phone's marks;
 * none of them after words that name the number.
 */
export function passedByDecision(n: NumberFields, f: Family): string | null {
  // Words that name the number before it cancel every allowance (`Pnr: 1995.02.11 06-05`).
  if (NAMING_IN_FAMILIES.includes(f.label)) return null;
  const [p1, p2] = [n.serial.slice(0, 2), n.serial.slice(2)];
  // A samordningsnummer's day (+ 60, SKV 707) is no day of the calendar: no date a note, a time or hours follow.
  const asDate = ['-', '.', '/', '_'].includes(f.dateSep) && monthDay(n.mm, n.dd);
  const before = f.beforeSerial.trim();
  const spaced = f.beforeSerial !== before;
  const split = f.serialSplit.trim();
  if (asDate && f.century && ['', ' '].includes(f.serialSplit) && (f.beforeSerial === ' ' || before === '(')) return 'a note after an ISO date';
  if (asDate && f.beforeSerial === ' ' && f.serialSplit === ' ' && f.century) return 'a time written 14 30';
  const timeOk = f.beforeSerial === ' ' || (spaced && dash(before)) || before === ',' || before === '(';
  if (asDate && timeOk && (split === ':' || split === '.') && clock(p1, p2)) return 'a time';
  if (asDate && timeOk && dash(split) && hours(p1, p2)) return 'hours';
  if (asDate && !spaced && ['-', '.', '/', '_'].includes(before) && split === ':' && clock(p1, p2)) return 'a timestamp';
  if (asDate && f.dateSep !== '_' && f.beforeSerial === '_' && split === '.' && clock(p1, p2)) return "a file name's stamp";
  if (asDate && f.beforeSerial === ' ' && dash(split) && monthDay(p1, p2) && p1 + p2 > n.mm + n.dd) return 'a later month and day';
  const rangeDash = (spaced && dash(before)) || before === '\u2013';
  if (asDate && rangeDash && ['-', '.', '/', '_'].includes(split) && (monthDay(p1, p2) || (!dash(split) && monthDay(p2, p1)))) return 'a short date range';
  const marks = new Set([f.dateSep, f.beforeSerial, f.serialSplit].map((s) => s.trim().replace('_', '-')).filter((s) => s !== ''));
  const repeated = f.dateSep === f.beforeSerial && f.beforeSerial === f.serialSplit;
  if (!f.century && n.yy.startsWith('0') && marks.size <= 1 && (repeated || [...marks].every((s) => s === '-' || s === '/'))) return 'a phone';
  return null;
}

/**
 * Labels written before a number that name it or a birth (the label list's words, spelled as forms
 * and notes do): no allowance holds after them (`namedBefore` in `number-labels.ts`).
 */
export const NAMING_WRITTEN = ['Pnr: ', 'pnr ', 'pnr. ', 'PNR:', 'p-nr ', 'P.nr: ', 'pers.nr ', 'Personnr ', 'personnummer ', 'Personnummer - ', 'samordningsnummer ', 'Samordningsnr: ', 'snr ', 'idnr ', 'född ', 'Född: ', 'f. ', 'född den ', '(pnr ', 'Anna Ek, pnr ', 'person nr ', 'Person-nr: ', 'person nummer ', 'samordnings nr '];

/**
 * Labels in English written before a number, from Skatteverket's English terms (*personal
 * identity number*, *coordination number*, SKV 717B *co-ordination number*) as forms shorten them,
 * and the common `SSN`, `PIN`, *social security number*; and the English birth words (`born`,
 * `DOB`, `date of birth`). No allowance holds after them.
 */
export const NAMING_WRITTEN_EN = ['ssn ', 'SSN: ', 'Personal identity number: ', 'personal identity no. ', 'personal ID no. ', 'Personal ID number ', 'PIN ', 'PIN: ', 'coordination number ', 'Co-ordination no. ', 'personal number ', 'Social security number: ', 'identity number ', 'born ', 'DOB: ', 'date of birth '];

/**
 * A label of several words away from the number (`{x}`), in the spellings people type: before it
 * with words between, after it, and with a short number between, a person's name after it or none
 * (`Person nr 3: Anna, …`, `Person nr 3, …`: the label names what follows it, the short number
 * does not say the date is no identity number). No allowance holds in such a text (`namedInText`).
 */
export const NAMED_AWAY = ['Person-nr för Anna {x}', 'Pers.nr: Anna Ek {x}', '{x} (pers. nr)', 'p-nr saknas för {x}', 'Samordnings-nr, Anna: {x}', 'person nummer till Eva {x}', 'Personal identity number of Anna: {x}', '{x}, personal ID no.', 'SSN saknas? {x}', 'Co-ordination number for Anna Ek: {x}', 'Person nr 3: Anna, {x}', 'Pers.nr 12 Anna Ek {x}', 'Person nr 3, {x}', 'Pers.nr 12: {x}'];

/**
 * Spellings each let through for some numbers when no label stands before (`{d}` the date part
 * written with marks, `{y}`/`{m}`/`{dd}` its fields, `{s}` the serial, `{s1}`/`{s2}` its pairs): a
 * note, a CSV row, `kl`, a time, hours, a later month and day, a range's end, a bracket, a
 * timestamp, a phone's grouping (born 2000–2009), two periods YYYYMM.
 */
export const ALLOWED_SPELLINGS = ['{d} {s}', '{d} ({s}', '{d};{s}', '{d} kl {s}', '{d} {s1}:{s2}', '{d} {s1}.{s2}', '{d} {s1}-{s2}', '{d} {s1} {s2}', '{d} \u2013 {s1}.{s2}', '{d} \u2013 {s1}-{s2}', '{d}, {s1}:{s2}', '{d}-{s1}:{s2}', '{d} ({s1}-{s2})', '{y}{m} {dd} {s}', '{y}{m}-{dd}{s}', '{y}-{m}-{dd}-{s1}-{s2}', '{y}{m} {dd}{s}'];

/** `spelling` (see {@link ALLOWED_SPELLINGS}) filled with `n`, the century written when `century`, the date's fields split by `sep`. */
export function fillSpelling(spelling: string, n: NumberFields, century: boolean, sep: string): string {
  const y = (century ? n.century : '') + n.yy;
  return spelling
    .replace('{d}', `${y}${sep}${n.mm}${sep}${n.dd}`).replace('{y}', y).replace('{m}', n.mm).replace('{dd}', n.dd)
    .replace('{s1}', n.serial.slice(0, 2)).replace('{s2}', n.serial.slice(2)).replace('{s}', n.serial);
}

/**
 * Each of `placements` (`{x}` the number's place) with each of {@link ALLOWED_SPELLINGS},
 * `perSpelling` valid numbers each drawn from `random`: the century written every other time, the
 * date's fields split by `-`, `.`, `/` in turn. The labelled sweeps of the text guard and of the
 * raw-byte net read these.
 */
export function placedSpellings(placements: readonly string[], random: () => number, perSpelling: number): string[] {
  const texts: string[] = [];
  let i = 0;
  for (const around of placements) {
    for (const spelling of ALLOWED_SPELLINGS) {
      for (let k = 0; k < perSpelling; k++, i++) texts.push(around.replace('{x}', fillSpelling(spelling, validNumber(random), i % 2 === 0, ['-', '.', '/'][i % 3] as string)));
    }
  }
  return texts;
}

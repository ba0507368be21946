/**
 * Spellings of valid personnummer and samordningsnummer built over their families rather than
 * listed one by one: every separator a person types between the date's fields, before the serial
 * and between the serial's pairs, with or without the century, a label or name before, and a
 * mark after (the end of a sentence, a list, a bracket). A seeded sweep over these covers a kind
 * of spelling, not the one input a list holds. Numbers: a real date (day + 60 for a
 * samordningsnummer, Skatteverket SKV 707) and the Luhn check digit over the ten-digit form
 * (SKV 704).
 */

/** A seeded source of numbers in [0, 1), so a failing spelling can be found again. */
export { prng } from './yjs-forge/mutate-update.js';

/** A number's fields as two-digit strings: century, year, month, day (day + 60 for a samordningsnummer), serial (four digits). */
export interface NumberFields {
  century: string;
  yy: string;
  mm: string;
  dd: string;
  serial: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The Luhn check digit (weights 2, 1, 2, …) that completes the nine digits `nine` (SKV 704). */
export function checkDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A valid number born 1900–2025 on a real date; one in ten a samordningsnummer. */
export function validNumber(random: () => number): NumberFields {
  const year = 1900 + Math.floor(random() * 126);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
  const dd = pad(random() < 0.1 ? day + 60 : day);
  const yy = pad(year % 100);
  const mm = pad(month);
  const three = String(Math.floor(random() * 1000)).padStart(3, '0');
  return { century: String(Math.floor(year / 100)), yy, mm, dd, serial: three + checkDigit(yy + mm + dd + three) };
}

/** One way of writing a number: each dimension of the families below. */
export interface Family {
  century: boolean;
  /** Between year, month and day (`85-01-01`), repeated. */
  dateSep: string;
  /** Between the date part and the serial. */
  beforeSerial: string;
  /** Between the serial's two pairs. */
  serialSplit: string;
  /** Written before the number. */
  label: string;
  /** Written directly after the number. */
  trailing: string;
}

/** The separators a person types between the date's fields. */
export const DATE_SEPARATORS = ['', '-', '.', '/', '_', ' '];
/** Between date part and serial: any one mark, a space, a mark with spaces, a range dash, a bracket. */
export const BEFORE_SERIAL = ['', '-', '.', '/', '_', ':', ' ', ' - ', ' / ', ' _ ', '_ ', ' _', ' . ', '- ', ' \u2013 ', ' (', ', '];
/** Between the serial's pairs. */
export const SERIAL_SPLITS = ['', ' ', '-', '.', ':', '_'];
/** Before the number: nothing, a label, a name. */
export const LABELS = ['', 'pnr ', 'Personnummer: ', 'Eva Ek ', '('];
/** After the number: nothing, the end of a sentence or a clause, a bracket, a mark left over. */
export const TRAILING = ['', '.', ',', ';', ')', ':', '_', '!', ' .', '-', '/', '..'];

/** Every family of the dimensions above (2 × 6 × 17 × 6 × 5 × 12 = 73,440). */
export function allFamilies(): Family[] {
  const out: Family[] = [];
  for (const century of [false, true])
    for (const dateSep of DATE_SEPARATORS)
      for (const beforeSerial of BEFORE_SERIAL)
        for (const serialSplit of SERIAL_SPLITS)
          for (const label of LABELS) for (const trailing of TRAILING) out.push({ century, dateSep, beforeSerial, serialSplit, label, trailing });
  return out;
}

/** The number `n` written as `family` says. */
export function spell(n: NumberFields, family: Family): string {
  const { century, dateSep, beforeSerial, serialSplit, label, trailing } = family;
  const date = (century ? n.century : '') + n.yy + dateSep + n.mm + dateSep + n.dd;
  return `${label}${date}${beforeSerial}${n.serial.slice(0, 2)}${serialSplit}${n.serial.slice(2)}${trailing}`;
}

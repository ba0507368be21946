/**
 * A personnummer or samordningsnummer written field by field with different marks between the
 * fields (`19 85 - 01 - 01 - 12 - 36`, `19 85-01-01-12-36`, `85 01 01 - 12 36`,
 * `85 / 01 / 01 - 1236`, `85-01-01 -12-36`): how a person types a number read aloud or copied
 * from a form with boxes. `CANDIDATE_GROUPED` (`personnummer-shapes.ts`) reads one mark repeated
 * between every group; this reads any mix of a space and a dash, dot, slash or plus (a space
 * allowed on either side of a mark) as long as every group is whole fields: the century, year,
 * month and day and the serial's pairs are two digits each, so every group has an even number of
 * digits, ten or twelve in all. Sources: Skatteverket SKV 704 (the fields, `+` before the serial
 * at 100 years or more) and SKV 707 (samordningsnummer, day + 60).
 */
import { currencyAfter, monthDay, timeAfterDate, underscoreAt } from './date-then-time.js';
import type { NormalizedDigits } from './normalize-digits.js';
import { judgeDigits, PERIOD, type Verdict } from './personnummer-digits.js';

/**
 * On the normalised text (`normalize-digits.ts`: every dash `-`, every space one space): three to
 * six groups of an even number of digits, each pair of groups split by a space or by one of
 * `-+./:` with a space allowed on either side (`:` only between the serial's pairs, see
 * {@link judgeMixed}), no digit (nor a `+` or a digit and a mark) directly
 * before, and no further group or decimal after (`, ` and a number may follow: a list).
 */
export const CANDIDATE_MIXED = /\d(?<![\d+] ?[-+./,:]? ?\d)(?=[\d +./:-]{11})\d(?:\d\d)*(?:(?: ?[-+./:] ?| )\d\d(?:\d\d)*){2,5}(?! ?[-+./:]? ?\d|,\d)/g;

/**
 * The verdict on one match of {@link CANDIDATE_MIXED}. Left to other shapes or passed by decision:
 * one separator repeated exactly (`CANDIDATE_GROUPED`'s); ten digits starting with 0 written with
 * a phone's marks (`070-12 34 56`, see `phoneMarks`); a date written as a date (`writtenAsDate`)
 * and four digits that are a time, an amount or hours after it (`2026-05-12 14 30`,
 * `2026-05-12 – 14:30`, `2026-05-12 22-06`, `2025-06-17-11:45`, see `timeOrHours`; `85-03-17
 * 16:65`, `56.09.03 54.63` are judged); an amount with decimals, one bare dot after three digits
 * or more (`Summa 8501.01 - 1236`); two periods YYYY-MM (`2026-01 – 2026-03`); a `+` anywhere but
 * before the serial. Otherwise the digits are judged by date and Luhn digit, `+` before the
 * serial read as aged 100 or more.
 */
export function judgeMixed(m: RegExpExecArray, text: string, normal: NormalizedDigits): Verdict {
  const parts = m[0].split(/(\d+)/);
  const groups: string[] = [];
  const separators: string[] = [];
  // Where each separator starts in the normal form, to ask how it was written.
  const separatorAt: number[] = [];
  // `split` with a capture gives ['', group, sep, group, …, group, '']: odd indices are groups.
  for (let i = 1, offset = m.index; i < parts.length; i += 2) {
    groups.push(parts[i] as string);
    offset += (parts[i] as string).length;
    if (i + 1 < parts.length - 1) {
      separators.push(parts[i + 1] as string);
      separatorAt.push(offset);
      offset += (parts[i + 1] as string).length;
    }
  }
  if (separators.every((s) => s === separators[0])) return null;
  const digits = groups.join('');
  if (digits.length !== 10 && digits.length !== 12) return null;
  if (digits.length === 10 && digits.startsWith('0') && phoneMarks(separators)) return null;
  // The separator written at each digit position where one group ends.
  const at = new Map<number, string>();
  let position = 0;
  groups.forEach((group, i) => {
    position += group.length;
    if (i < separators.length) at.set(position, separators[i] as string);
  });
  const serialAt = digits.length - 4;
  const beforeSerial = at.get(serialAt);
  const serialGroup = separators.findIndex((_, i) => groups.slice(0, i + 1).join('').length === serialAt);
  const underscore = beforeSerial === '-' && underscoreAt(text, normal, separatorAt[serialGroup] as number);
  for (const [where, separator] of at) if (separator.includes('+') && where !== serialAt) return null;
  for (const [where, separator] of at) if (separator.includes(':') && where !== serialAt + 2) return null;
  if (beforeSerial !== undefined && writtenAsDate(at, serialAt) && timeOrHours(digits, serialAt, beforeSerial, at.get(serialAt + 2), underscore)) return null;
  // An amount in kronor after a date (`2026-05-12 66.03 kr`, see `currencyAfter`).
  if (beforeSerial === ' ' && at.get(serialAt + 2) === '.' && currencyAfter(normal.text, m.index + m[0].length)) return null;
  const dots = separators.filter((s) => s === '.');
  if (dots.length === 1 && (groups[separators.indexOf('.')] as string).length > 2) return null;
  // Two periods `YYYY-MM`: marks after a year (4, 10) or between the periods (6), nowhere else.
  const periodMarks = [...at.keys()].every((where) => where === 4 || where === 6 || where === 10);
  if (digits.length === 12 && at.has(6) && periodMarks && PERIOD.test(digits.slice(0, 6)) && PERIOD.test(digits.slice(6))) return null;
  return judgeDigits(digits, beforeSerial?.trim() === '+' ? '+' : '');
}

/**
 * True when the four last digits, after a date written as a date and `beforeSerial`, are a time,
 * an amount or hours as written (`serialAt`: where they start in `digits`; `split`: the mark
 * between their pairs, if any): bare or split by a space after a bare space (`2026-05-12 1430`,
 * `12.05.26 14 30`), or what `timeAfterDate` reads as a time or hours (`2026-05-12 14.30`,
 * `2026-05-12 22-06`, `2026-05-12 – 14:30`, `2025-06-17-11:45`). Otherwise, `85-03-17 16-65`,
 * `85-03-17 16:65`, `56.09.03 54.63`, the four digits are a serial split as phone numbers are, and
 * judged. `underscore`: the mark before them was written `_` (a file name's space, see `timeAfterDate`).
 */
function timeOrHours(digits: string, serialAt: number, beforeSerial: string, split: string | undefined, underscore: boolean): boolean {
  const [mm, dd] = [digits.slice(serialAt - 4, serialAt - 2), digits.slice(serialAt - 2, serialAt)];
  // A samordningsnummer's day (+ 60) is no date a time follows (see `timeAfterDate`).
  if (split === undefined || split === ' ') return beforeSerial === ' ' && monthDay(mm, dd);
  return timeAfterDate(beforeSerial, split, digits.slice(serialAt, serialAt + 2), digits.slice(serialAt + 2), mm, dd, underscore);
}

/**
 * True when the date part is written as dates are: one mark, no space, between year and month
 * and between month and day and nowhere else (`2026-05-12`, `26/05/12`, `12.05.26`). `19 85-01-01`,
 * `82 10-27` and `85 - 01 - 01` are fields of a number, not a date (`at`: the separator at each
 * digit position where a group ends; `serialAt`: where the four last digits start).
 */
function writtenAsDate(at: Map<number, string>, serialAt: number): boolean {
  const marks = [...at].filter(([where]) => where < serialAt);
  const mark = at.get(serialAt - 2);
  return marks.length === 2 && mark !== undefined && mark !== ' ' && !mark.includes(' ') && at.get(serialAt - 4) === mark;
}

/**
 * True when `separators` are those of a phone number: spaces, and one of `-` or `/` (after the
 * area code, `0701-23 45 67`, `08/12 34 56`), spaces allowed around it. A dot, a colon or two
 * different marks (`00/07/01 / 01.35`) are no phone's, so ten digits starting with 0 written so
 * are judged.
 */
function phoneMarks(separators: readonly string[]): boolean {
  const marks = new Set(separators.map((s) => s.trim()).filter((s) => s !== ''));
  return marks.size === 0 || (marks.size === 1 && (marks.has('-') || marks.has('/')));
}

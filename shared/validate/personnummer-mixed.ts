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
import { judgeDigits, type Verdict } from './personnummer-digits.js';

/**
 * On the normalised text (`normalize-digits.ts`: every dash `-`, every space one space): three to
 * six groups of an even number of digits, each pair of groups split by a space or by one of
 * `-+./:` with a space allowed on either side (`:` only between the serial's pairs, see
 * {@link judgeMixed}), no digit (nor a `+` or a digit and a mark) directly
 * before, and no further group or decimal after (`, ` and a number may follow: a list).
 */
export const CANDIDATE_MIXED = /\d(?<![\d+] ?[-+./,:]? ?\d)(?=[\d +./:-]{11})\d(?:\d\d)*(?:(?: ?[-+./:] ?| )\d\d(?:\d\d)*){2,5}(?! ?[-+./:]? ?\d|,\d)/g;

/** A period written YYYYMM (`202601`): a century 19 or 20, a month 01–12. */
const PERIOD = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])$/;

/**
 * The verdict on one match of {@link CANDIDATE_MIXED}. Left to other shapes or passed by decision:
 * one separator repeated exactly (`CANDIDATE_GROUPED`'s); ten digits starting with 0 (a phone:
 * `070-12 34 56`); a date written as a date (`writtenAsDate`) followed by a bare space before the last four digits
 * (`2026-05-12 14.30`, `12.05.26 14 30`: a date and a time or an amount, as `judge` decides for
 * the compact shapes), unless the serial's pairs are split as no time is (`85-03-17 16-65`,
 * `85-03-17 16:65`, see `timeOrAmount`); an amount with decimals, one bare dot after three digits or more
 * (`Summa 8501.01 - 1236`); a date written as a date (one mark, no space: `2026-05-12`, `26.05.12`),
 * a mark with a space beside it and a clock time with a dot or colon (`2026-05-12 – 14.30`,
 * `2026-05-12 – 14:30`: a date and its time, as the bare space before `14.30` is; `85-03-17 –
 * 16:65` is no time), or one of `-./` and a clock time with a colon (`2025-06-17-11:45`); two periods YYYY-MM (`2026-01 – 2026-03`); a `+` anywhere but before the
 * serial. Otherwise the digits are judged by date and Luhn digit, `+` before the serial read as
 * aged 100 or more.
 */
export function judgeMixed(m: RegExpExecArray): Verdict {
  const parts = m[0].split(/(\d+)/);
  const groups: string[] = [];
  const separators: string[] = [];
  // `split` with a capture gives ['', group, sep, group, …, group, '']: odd indices are groups.
  for (let i = 1; i < parts.length; i += 2) {
    groups.push(parts[i] as string);
    if (i + 1 < parts.length - 1) separators.push(parts[i + 1] as string);
  }
  if (separators.every((s) => s === separators[0])) return null;
  const digits = groups.join('');
  if (digits.length !== 10 && digits.length !== 12) return null;
  if (digits.length === 10 && digits.startsWith('0')) return null;
  // The separator written at each digit position where one group ends.
  const at = new Map<number, string>();
  let position = 0;
  groups.forEach((group, i) => {
    position += group.length;
    if (i < separators.length) at.set(position, separators[i] as string);
  });
  const serialAt = digits.length - 4;
  const beforeSerial = at.get(serialAt);
  for (const [where, separator] of at) if (separator.includes('+') && where !== serialAt) return null;
  for (const [where, separator] of at) if (separator.includes(':') && where !== serialAt + 2) return null;
  const asDate = writtenAsDate(at, serialAt);
  if (beforeSerial === ' ' && asDate && timeOrAmount(digits.slice(serialAt), at.get(serialAt + 2))) return null;
  if (beforeSerial !== undefined && asDate && dateThenTime(groups, separators, beforeSerial)) return null;
  const dots = separators.filter((s) => s === '.');
  if (dots.length === 1 && (groups[separators.indexOf('.')] as string).length > 2) return null;
  // Two periods `YYYY-MM`: marks after a year (4, 10) or between the periods (6), nowhere else.
  const periodMarks = [...at.keys()].every((where) => where === 4 || where === 6 || where === 10);
  if (digits.length === 12 && at.has(6) && periodMarks && PERIOD.test(digits.slice(0, 6)) && PERIOD.test(digits.slice(6))) return null;
  return judgeDigits(digits, beforeSerial?.trim() === '+' ? '+' : '');
}

/** A clock time `HH.MM` or `HH:MM` (00.00–23.59). */
const CLOCK = /^(?:[01]\d|2[0-3])[.:][0-5]\d$/;

/**
 * True when the four last digits `serial`, after a date written with marks and a bare space, are
 * a time or an amount as written: bare or split by a space (`2026-05-12 1430`, `12.05.26 14 30`)
 * or a dot (`2026-05-12 14.30`, also an amount with decimals), a clock time with a colon
 * (`2026-05-12 14:30`), or whole hours from one to a later one split by a dash (`2026-05-12 13-15`,
 * a meeting from one to three). Otherwise, `85-03-17 16-65`, `85-03-17 16:65`, the four digits
 * are a serial split as phone numbers are, and judged.
 */
function timeOrAmount(serial: string, split: string | undefined): boolean {
  const mark = split?.trim() ?? '';
  if (mark === '' || mark === '.') return true;
  const [from, to] = [Number(serial.slice(0, 2)), Number(serial.slice(2))];
  if (mark === ':') return from <= 23 && to <= 59;
  return mark === '-' && from < to && to <= 24;
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
 * True when, after a date written as a date (see {@link writtenAsDate}), the serial's two pairs are
 * a clock time and `beforeSerial` has a space in it (` - `, `- `: `2026-05-12 – 14.30`), or the
 * time is split by a bare colon after one of `-./` (`2025-06-17-11:45`, `2024/12/11-08:15`: a
 * timestamp; a colon splits no number's pairs as often as it splits a time, and a dot there is
 * still judged, `85-03-17-12.36`).
 */
function dateThenTime(groups: string[], separators: string[], beforeSerial: string): boolean {
  const mark = beforeSerial.trim();
  const split = separators[separators.length - 1] as string;
  if (mark === '' || mark === '+' || (!beforeSerial.includes(' ') && split !== ':')) return false;
  const serial = groups.slice(-2);
  return serial.length === 2 && CLOCK.test(`${serial[0]}${split}${serial[1]}`);
}

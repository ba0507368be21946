/**
 * Ordinary Swedish text a plan holds that has ten digits or more, by kind, drawn from a seeded
 * source: dates with times, hours and ranges, timestamps and file names, phones as PTS's plan and
 * Språkrådet's groups give them, organisationsnummer, postcodes, amounts, event numbers. The
 * personnummer guard must let these through (or, for the kinds passed only in part by decision,
 * as rarely as its docstrings say), so a sweep over them measures its false refusals.
 */

/** Two digits of `n`. */
const two = (n: number): string => String(n).padStart(2, '0');

/** A text maker: the seeded source in, one text out. */
export type Maker = (random: () => number) => string;

const int = (random: () => number, from: number, to: number): number => from + Math.floor(random() * (to - from + 1));
const digits = (random: () => number, k: number): string => Array.from({ length: k }, () => int(random, 0, 9)).join('');
/** A date 2020–2030 as `YYYY-MM-DD` parts (day 1–28, every month has it). */
const date = (random: () => number): [string, string, string] => [String(int(random, 2020, 2030)), two(int(random, 1, 12)), two(int(random, 1, 28))];
const iso = (random: () => number): string => date(random).join('-');
const time = (random: () => number, mark: string): string => `${two(int(random, 0, 23))}${mark}${two(int(random, 0, 59))}`;
const letter = (random: () => number): string => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.charAt(int(random, 0, 25));

/** The kinds that must pass every time. */
export const ORDINARY: Record<string, Maker> = {
  'date and time': (r) => `Möte ${iso(r)} ${time(r, ':')}`,
  'date and time with a dot': (r) => `${iso(r)} ${time(r, '.')}`,
  'short date and time': (r) => `${date(r).join('.').slice(2)} ${time(r, '.')}`,
  'date, dash and time': (r) => `${iso(r)} \u2013 ${time(r, '.')}`,
  'date, comma and time': (r) => `${iso(r)}, ${time(r, ':')}`,
  'date, kl and time': (r) => `${iso(r)} kl ${time(r, '')}`,
  'date and time in brackets': (r) => `${iso(r)} (${time(r, '.')})`,
  'timestamp': (r) => `export-${iso(r)}-${time(r, ':')}`,
  'date and hours': (r) => {
    const from = int(r, 6, 18);
    return `${iso(r)} ${two(from)}-${two(int(r, from + 1, 24))}`;
  },
  'date and a night shift': (r) => `Nattpass ${iso(r)} ${two(int(r, 19, 23))}-${two(int(r, 0, 8))}`,
  'date range to month and day': (r) => {
    const [y, m, d] = date(r);
    return `${y}-${m}-${d} \u2013 ${two(int(r, Number(m), 12))}-${two(int(r, 1, 28))}`;
  },
  'short date, a space and a later month and day': (r) => {
    const [y, m, d] = date(r);
    const m2 = int(r, Number(m), 12);
    return `${y.slice(2)}-${m}-${d} ${two(m2)}-${two(m2 === Number(m) ? int(r, Number(d) + 1, 29) : int(r, 1, 28))}`;
  },
  'two dates': (r) => `${iso(r)}--${iso(r)}`,
  'mobile phone': (r) => `070-${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
  'Stockholm phone': (r) => `08-${int(r, 1, 9)}${digits(r, 2)} ${digits(r, 3)} ${digits(r, 2)}`,
  'phone with area code': (r) => `0${int(r, 11, 99)}${int(r, 1, 9)}-${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  'organisationsnummer': (r) => `Org.nr ${int(r, 2, 9)}${digits(r, 1)}${int(r, 2, 9)}${digits(r, 3)}-${digits(r, 4)}`,
  'postcodes': (r) => `${int(r, 100, 999)} ${digits(r, 2)} Spånga, ${int(r, 100, 999)} ${digits(r, 2)} Kista`,
  'amount': (r) => `Summa ${int(r, 1, 999)} ${digits(r, 3)} ${digits(r, 3)},${digits(r, 2)} kr`,
  'date, id and four digits': (r) => `Ärende ${iso(r)} id ${digits(r, 4)}`,
  'date and an amount in kronor with a decimal point': (r) => `${iso(r)} ${two(int(r, 24, 99))}.${digits(r, 2)} kr`,
  'file name, date and a time with a dot': (r) => `export_${iso(r)}_${time(r, '.')}.xlsx`,
  'article number: a code of letters glued before six digits, a letter, four digits': (r) => `SKU${digits(r, 6)}${letter(r)}${digits(r, 4)}`,
};

/**
 * The kinds passed only in part, by decision: four digits after a date are read as a serial when
 * a label or `#` names them, after a date and one plain mark (`1985_03_17_1665` is a number as
 * `1985-03-17-1665` is), and split by a decimal point that is no time; and a date part cut by a
 * dash (`CANDIDATE_CUT`); after a date and a run of marks (a table row's empty cells, a dotted
 * leader: up to eleven marks are one separator); a code of one letter glued before six digits, a
 * letter and four (the spelling `P850101x1236`). Each passes the date and Luhn checks about one
 * time in ten, or less.
 */
export const IN_PART: Record<string, Maker> = {
  'date, nr and four digits': (r) => `Faktura ${iso(r)} nr ${digits(r, 4)}`,
  'date, # and four digits': (r) => `Hälsodag ${iso(r)} #${digits(r, 4)}`,
  'date, No and four digits': (r) => `Order ${iso(r)} No ${digits(r, 4)}`,
  'file name, date and four digits': (r) => `rapport_${date(r).join('_')}_${time(r, '')}.xlsx`,
  'file name, compact date and four digits': (r) => `scan_${date(r).join('')}_${time(r, '')}.pdf`,
  'file name, date and four digits after _': (r) => `logg_${iso(r)}_${time(r, '')}.txt`,
  'file name, date and a time with a dash': (r) => `export_${iso(r)}_${time(r, '-')}.xlsx`,
  'date and an amount with a decimal point': (r) => `${iso(r)} ${two(int(r, 24, 99))}.${digits(r, 2)}`,
  'event number': (r) => `Ärende ${int(r, 2020, 2030)}-${digits(r, 4)}-${digits(r, 4)}`,
  'a table row: date, one to eight empty cells, four digits': (r) => `| ${iso(r)} |${' |'.repeat(int(r, 1, 8))} ${digits(r, 4)} |`,
  'date, a dotted leader and four digits': (r) => `${iso(r)} ${'. '.repeat(int(r, 1, 10))}${digits(r, 4)}`,
  'article number: one letter, six digits, a letter, four digits': (r) => `Art.nr ${letter(r)}${digits(r, 6)}${letter(r)}${digits(r, 4)}`,
};

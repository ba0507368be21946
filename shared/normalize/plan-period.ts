/**
 * The period a plan's title names, and the year of a date written without one (`3/1`, `1 mars`)
 * in a plan of more than one calendar year. A title of one year (`Aktivitetsplan Fittja 2026`)
 * gives that year (`planDates`: `{ year }`). A title of two or more ("Aktivitetsplan 2025–2026") gave its
 * first, silently: `3/1` was 3 January 2025, which a plan from the autumn of 2025 never meant.
 * Now the period decides where its words do: a school year (`läsåret 2025/26`, `läsåret 25/26`: July to June)
 * or a span of months or terms (`aug 2025 – jun 2026`, `ht 2025 – vt 2026`, `HT25–VT26`, `2025-09 – 2026-06`) holds each day
 * and month once, and the date takes that year. Where the period holds the day in two years
 * (`2025–2026`: January to December of both) or in none, the date is refused in words naming the
 * dates it could be, and the person writes the year. A plan of one term (`ht 2025`) is of its
 * months, so `10/1` there is refused as outside it (`planDates`), not put in January 2025.
 */
import type { Localized } from '../schema/types.js';
import { localized } from '../i18n/t.js';
import { monthOf, parseSwedishDate, writtenDay, type ParsedDate } from './parse-date.js';
import { dateWords } from './date-words.js';

/** A plan's period by its months, as its title names it. */
export interface PlanPeriod {
  /** Its first month, `YYYY-MM`. */
  first: string;
  /** Its last month, `YYYY-MM`. */
  last: string;
  /** The period as the title writes it (`2025–2026`, `läsåret 2025/26`), for the words of a refusal. */
  written: string;
  /**
   * Set for a year of two calendar years' parts whose months the title does not give
   * (`Verksamhetsår 2025/26`): `first`/`last` then span both calendar years, and a date without
   * its year is refused in words saying the months are not known, rather than read by a guess.
   */
  monthsUnknown?: true;
}

const YEAR = '(20\\d\\d)';
const DASH = '[-/\u2010-\u2015\u2212]';
/**
 * What may stand between a term and its year: nothing, spaces, or a dash or apostrophe as Swedish
 * shortens a year (`HT-25`, `höstterminen -25`, `vt–26`, `HT'25`). Without it `Plan ht-2025` read
 * as the whole of 2025 and `Plan HT-25` as no period at all.
 */
const TERM_YEAR_GAP = `\\s*(?:(?:${DASH}|['\u2019])\\s*)?`;
/** Two months or terms, each with its year: `aug 2025 – jun 2026`, `ht 2025–vt 2026`, `augusti 2025 till juni 2026`. */
const MONTH_SPAN = new RegExp(`(?<!\\p{L})(\\p{L}+)\\.?\\s+${YEAR}\\s*(?:${DASH}|\\s+till\\s+)\\s*(\\p{L}+)\\.?\\s+${YEAR}(?!\\d)`, 'iu');
/** Two months or days in numbers: `2025-09 – 2026-06`, `2025-09-01–2026-06-30`. */
const NUMBER_SPAN = new RegExp(`(?<!\\d)${YEAR}-(\\d\\d)(?:-\\d\\d)?\\s*(?:${DASH}|\\s+till\\s+)\\s*${YEAR}-(\\d\\d)(?:-\\d\\d)?(?!\\d)`, 'u');
/** A school year: `läsår 2025/26`, `läsåret 2025–2026`, `skolåret 2025/2026`, `läsåret 25/26`. */
const SCHOOL_YEAR = new RegExp(`(?<!\\p{L})(?:läsår|skolår)(?:et)?\\s+(20\\d\\d|\\d\\d)\\s*${DASH}\\s*(20\\d\\d|\\d\\d)(?!\\d)`, 'iu');
/**
 * A term's words: `ht`, `vt`, `höstterminen`, `vårtermin`, and the seasons that name them, as
 * the period reader knows the seasons (`parse-period.ts`: `hösten`, `höst`, `våren`, `vår`): a
 * plan for `hösten 2025` is one for the autumn term, as one for `ht 2025` is. Without them `Plan
 * hösten 2025` was read as the whole of 2025, so `10/1` there became 10 January 2025, silently,
 * and `hösten 2025 – våren 2026` as 2025–2026, so `10/10` was refused as either year. Summer and
 * winter name no term (the reader gives them no months), so `sommaren 2025` stays its year.
 * Longer words first: the alternation takes the first that fits.
 */
const TERM_WORD = '(ht|vt|höstterminen|hösttermin|vårterminen|vårtermin|hösten|höst|våren|vår)';
/**
 * Two terms, each with its year of four digits or two, the space before it optional: `HT25–VT26`, `ht 25 - vt 26`, `HT2025–VT2026`,
 * `höstterminen 2025 – vårterminen 2026`, `hösten 2025 till våren 2026`; `och` only between a term and the next one
 * (`ht 2025 och vt 2026`), where the two together are the span ({@link termSpan}).
 */
const TERM_SPAN = new RegExp(`(?<!\\p{L})${TERM_WORD}${TERM_YEAR_GAP}(20\\d\\d|\\d\\d)\\s*(${DASH}|\\s+till\\s+|\\s+och\\s+)\\s*${TERM_WORD}${TERM_YEAR_GAP}(20\\d\\d|\\d\\d)(?!\\d)`, 'iu');
/**
 * A term with its year: `ht 2025`, `HT25`, `vt 2026`, `höstterminen 2025`, `hösten 2025` (a title of one of them is a plan of that term).
 * Not a number running on into a word (`vår 25-årsdag`: our 25th birthday, no spring term).
 */
const ONE_TERM = new RegExp(`(?<!\\p{L})${TERM_WORD}${TERM_YEAR_GAP}(20\\d\\d|\\d\\d)(?!\\d|${DASH}?\\p{L})`, 'giu');
/**
 * A term after its year, as a list of terms writes it (`Aktivitetsplan 2025 HT`, `Plan 2026 våren`): not before
 * another year (`2025 vt 2026` is `vt 2026`, {@link ONE_TERM}), nor a word that only begins like one (`2025 vårdcentral`,
 * `2026 HT-gruppen`). `vår` alone is no term there: after a year it is the word for ours (`Plan 2025 vår mottagning`).
 */
const YEAR_TERM = new RegExp(`(?<!\\d)(20\\d\\d)\\s+${TERM_WORD.replace('|vår)', ')')}(?![\\p{L}\\d'\u2019-]|${DASH}\\p{L})(?!${TERM_YEAR_GAP}\\d)`, 'giu');
/**
 * A verksamhetsår of two calendar years' parts: `Verksamhetsår 2025/26`, `verksamhetsåret 2025–2026`. `Verksamhetsår 25/26` too, as `läsåret 25/26` is read.
 * The seeds and the catalog keep calendar years (Region Stockholm's assignment runs 1 January to
 * 31 December; periods `yyyy`, `yyyySn` are calendar ones), so such a year is a broken one whose
 * months (July–June, September–August, …) the title does not say.
 */
const SPLIT_YEAR = new RegExp(`(?<!\\p{L})verksamhetsår(?:et)?\\s+(20\\d\\d|\\d\\d)\\s*${DASH}\\s*(20\\d\\d|\\d\\d)(?!\\d)`, 'iu');
/** Years from one to another: `2025–2026`, `2025-26`, `2025/26`, `2025 till 2027`. */
const YEAR_SPAN = new RegExp(`(?<!\\d)${YEAR}\\s*(?:${DASH}|\\s+till\\s+)\\s*(20\\d\\d|\\d\\d)(?!\\d)`, 'iu');

/** The terms of a school year: the autumn term (ht) July to December, the spring term (vt) January to June. */
const TERMS: Readonly<Record<string, readonly [number, number]>> = { ht: [7, 12], vt: [1, 6] };
/**
 * A term alone, as a plan of one term means it: the autumn term August to December (the summer
 * before it is no part of it), the spring term January to June. A school year's terms together
 * run July to June ({@link TERMS}), so that every day of the year is in one of them.
 */
const ONE_TERMS: Readonly<Record<string, readonly [number, number]>> = { ht: [8, 12], vt: [1, 6] };
/** `höstterminen`, `hösten` → `ht`; `vårtermin`, `våren` → `vt`: every word of {@link TERM_WORD} begins with its term's letter. */
const termKey = (word: string) => (/^h/i.test(word) ? 'ht' : 'vt');
/** The term a word of a span names (`ht`, `hösten`, `vårterminen`), else undefined: a month's word (`aug`) is none. */
const termOf = (word: string) => (new RegExp(`^${TERM_WORD}$`, 'iu').test(word) ? termKey(word) : undefined);

/**
 * A date written out in a title (`2025-11-03`, `3/11 2025`, `3 nov 2025`): a day (a revision, a
 * decision), never the plan's period, so its year is left out of the years the title names.
 */
const DAY_IN_TITLE = new RegExp(
  `(?<!\\d)20\\d\\d([-/.])\\d{1,2}\\1\\d{1,2}(?!\\d)|(?<!\\d)\\d{1,2}([/.])\\d{1,2}(?:\\2|\\s+)20\\d\\d(?!\\d)|(?<![\\p{L}\\d])\\d{1,2}(?::e|:a)?\\s+(\\p{L}+)\\.?\\s+20\\d\\d(?!\\d)`,
  'giu',
);
/** `title` with the dates it writes out blanked ({@link DAY_IN_TITLE}); a day and month in words only when the word is a month's. */
const withoutDays = (title: string) => title.replace(DAY_IN_TITLE, (day: string, _a: unknown, _b: unknown, word: string | undefined) => (word === undefined || monthOf(word) !== undefined ? ' ' : day));

/**
 * Words that name what a plan was made from, not its period: `kopia av`, `kopierad från`,
 * `baserad på`, `utgår från`, `utgående från`, `med utgångspunkt i`, `bygger på`, `mall`, `copy of`, `based on`.
 */
const SOURCE_WORDS = '(?:kopia|kopian|kopierad|kopierat|kopierade|baserad|baserat|baserade|baserar|utgår|utgå|utgående|utgick|utgått|utgångspunkt(?:en)?|bygger|byggd|byggt|byggde|mall|mallen|copy|copied|based|derived)(?!\\p{L})';
/**
 * The same words standing after a mere space (`Plan 2026 utgående från 2025`), where no bracket or
 * dash marks them off: each with the word that says what it was made from (`av`, `från`, `på`,
 * `i`; `mall` alone names one), so a word that only looks like one is not taken (`Plan 2025 utgår 2026`: utgå also means
 * to lapse). Without them `Plan 2026 utgående från 2025` was read as a plan of 2025–2026.
 */
const SPACED_SOURCE = '(?:(?:kopia|kopian|kopierad|kopierat|kopierade|copy|copied)\\s+(?:av|från|of|from)|(?:baserad|baserat|baserade|baserar|bygger|byggd|byggt|byggde|based|derived)\\s+(?:på|från|on|from)|(?:utgår|utgå|utgående|utgick|utgått)\\s+(?:från|ifrån|ur)|utgångspunkt(?:en)?\\s+(?:i|från)|(?:från\\s+)?mallen?)(?!\\p{L})';
/**
 * A plan's source named in the title: a bracket opening with such a word (`Plan 2026 (kopia av
 * 2025)`, `[baserad på ht 2025]`), such words after a dash, comma or colon to the end (`Plan
 * 2026 – kopia av plan 2025`), or after a space with the word saying what from (`Plan 2026
 * utgående från 2025`, `Plan 2026 med utgångspunkt i 2025`). Words of another kind in a bracket are the plan's own
 * (`Plan 2025 (förlängd 2026)` runs through 2026), and a title opening with them (`Kopia av Plan
 * 2025`, as a copied file is named) is the copy's, of the period it copies.
 */
const COPY_SOURCE = new RegExp(`[(\\[]\\s*${SOURCE_WORDS}[^)\\]]*[)\\]]?|\\s[-\u2010-\u2015\u2212,:]\\s*${SOURCE_WORDS}.*$|\\s${SPACED_SOURCE}.*$`, 'giu');
/** `title` without the source it names ({@link COPY_SOURCE}); itself when nothing else in it has a digit (`Plan (kopia av 2025)`: of 2025, as before). */
const withoutSource = (title: string) => {
  const own = title.replace(COPY_SOURCE, ' ');
  return /\d/.test(own) ? own : title;
};

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;
/** A year written with two digits after a four-digit one (`2025/26`) is the same century's. */
const secondYear = (first: number, text: string) => (text.length === 2 ? Math.floor(first / 100) * 100 + Number(text) : Number(text));
/** A year of four digits, or of two (`ht25`, `läsåret 25/26`): this century's, as the titles' four-digit years are. */
const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

/**
 * Two terms from one to the other (`ht 2025 – vt 2026`): from the first's first month to the last's last. Joined by
 * `och` they are the two named, so only a term and the next make a span (`ht 2025 och vt 2026`); others are no span.
 */
function termSpan([written, fromWord, fromYear, joint, toWord, toYear]: [string, string, string, string, string, string]): PlanPeriod | undefined {
  const [fromTerm, toTerm] = [termKey(fromWord), termKey(toWord)];
  const [y1, y2] = [fullYear(fromYear), fullYear(toYear)];
  const next = fromTerm === 'ht' ? toTerm === 'vt' && y2 === y1 + 1 : toTerm === 'ht' && y2 === y1;
  if (/^\s+och\s+$/i.test(joint) && !next) return undefined;
  const first = month(y1, (TERMS[fromTerm] as readonly [number, number])[0]);
  const last = month(y2, (TERMS[toTerm] as readonly [number, number])[1]);
  return first <= last ? { first, last, written } : undefined;
}

/** `aug 2025 – jun 2026`, `2025-09 – 2026-06`: the months or terms named, when both words are one. */
function monthSpan(title: string): PlanPeriod | undefined {
  const terms = TERM_SPAN.exec(title);
  if (terms) return termSpan(terms as unknown as [string, string, string, string, string, string]);
  const n = NUMBER_SPAN.exec(title);
  if (n) {
    const [written, fromYear, fromMonth, toYear, toMonth] = n as unknown as [string, string, string, string, string];
    const first = `${fromYear}-${fromMonth}`;
    const last = `${toYear}-${toMonth}`;
    return Number(fromMonth) >= 1 && Number(toMonth) <= 12 && first <= last ? { first, last, written } : undefined;
  }
  const m = MONTH_SPAN.exec(title);
  if (!m) return undefined;
  const [written, fromWord, fromYear, toWord, toYear] = m as unknown as [string, string, string, string, string];
  const fromTerm = termOf(fromWord);
  const toTerm = termOf(toWord);
  const from = fromTerm ? TERMS[fromTerm]?.[0] : monthOf(fromWord);
  const to = toTerm ? TERMS[toTerm]?.[1] : monthOf(toWord);
  if (from === undefined || to === undefined) return undefined;
  const first = month(Number(fromYear), from);
  const last = month(Number(toYear), to);
  return first <= last ? { first, last, written } : undefined;
}

/**
 * The period `title` names, or undefined when it names no year 2000–2099: a span of months or
 * terms (in words or numbers), one term (`ht 2025`: August to December; `vt 2026`: January to
 * June), a verksamhetsår of two years (both calendar years, `monthsUnknown`), a school year (July
 * to June), a span of years (January of the first to December of the last), else its one year, or
 * from the first to the last of the years it names. A date the title writes out (`rev.
 * 2025-11-03`) names a day, not the period: its year counts only in a title naming no other. The
 * plan a copy was made from (`Plan 2026 (kopia av 2025)`) is not its period either, while other
 * words in a bracket are (`Plan 2025 (förlängd 2026)`: 2025–2026).
 * @example planPeriod('Aktivitetsplan läsåret 2025/26') // { first: '2025-07', last: '2026-06', written: 'läsåret 2025/26' }
 * @example planPeriod('Aktivitetsplan 2025–2026') // { first: '2025-01', last: '2026-12', written: '2025–2026' }
 */
export function planPeriod(named: string | null | undefined): PlanPeriod | undefined {
  if (!named) return undefined;
  // The source a copy names (`Plan 2026 (kopia av 2025)`) is no part of the period: not even its term.
  const title = withoutSource(named);
  const months = monthSpan(title);
  if (months) return months;
  // One term named, and only one: `HT25 och VT26`, or a span the spans did not take (`vt 2026 – ht 2025`), is no plan of one term.
  const terms = [...[...title.matchAll(ONE_TERM)].map((t) => ({ written: t[0], word: t[1] as string, year: t[2] as string })), ...[...title.matchAll(YEAR_TERM)].map((t) => ({ written: t[0], word: t[2] as string, year: t[1] as string }))];
  const term = terms.length === 1 ? terms[0] : undefined;
  if (term) {
    const year = fullYear(term.year);
    const [from, to] = ONE_TERMS[termKey(term.word)] as readonly [number, number];
    return { first: month(year, from), last: month(year, to), written: term.written };
  }
  // Years the title names beside a date it writes out (`Plan 2026 (rev. 2025-11-03)`): the date is no part of the period.
  const text = withoutDays(title);
  const split = SPLIT_YEAR.exec(text);
  const splitFrom = split ? fullYear(split[1] as string) : 0;
  if (split && secondYear(splitFrom, split[2] as string) === splitFrom + 1) {
    return { first: month(splitFrom, 1), last: month(splitFrom + 1, 12), written: split[0], monthsUnknown: true };
  }
  const school = SCHOOL_YEAR.exec(text);
  const schoolFrom = school ? fullYear(school[1] as string) : 0;
  if (school && secondYear(schoolFrom, school[2] as string) === schoolFrom + 1) {
    return { first: month(schoolFrom, 7), last: month(schoolFrom + 1, 6), written: school[0] };
  }
  const span = YEAR_SPAN.exec(text);
  if (span && secondYear(Number(span[1]), span[2] as string) > Number(span[1])) {
    return { first: month(Number(span[1]), 1), last: month(secondYear(Number(span[1]), span[2] as string), 12), written: span[0] };
  }
  const yearsIn = (t: string) => [...t.matchAll(/\b(20\d\d)\b/g)].map((y) => Number(y[1]));
  // A title naming only a date (`Hälsodag 2026-05-12`) is of that day's year, as before.
  const years = yearsIn(text).length > 0 ? yearsIn(text) : yearsIn(title);
  if (years.length === 0) return undefined;
  const [low, high] = [Math.min(...years), Math.max(...years)];
  return { first: month(low, 1), last: month(high, 12), written: low === high ? String(low) : `${low}–${high}` };
}

/** The calendar year of `period` when it lies within one, else undefined. */
export function periodYear(period: PlanPeriod | undefined): number | undefined {
  return period && period.first.slice(0, 4) === period.last.slice(0, 4) ? Number(period.first.slice(0, 4)) : undefined;
}

/** The years a date without one is tried in: the period's, ten at most (more hold every day several times anyway). */
const MOST_YEARS = 10;

/**
 * The years in which `period` holds month `m` (1–12), first to last, ten at most as
 * {@link dateInPeriod} tries them: `[2025]` for February in läsåret 2024/25, `[]` in ht 2025.
 */
export function monthYearsIn(period: PlanPeriod, m: number): number[] {
  const from = Number(period.first.slice(0, 4));
  const to = Math.min(Number(period.last.slice(0, 4)), from + MOST_YEARS - 1);
  const years: number[] = [];
  for (let year = from; year <= to; year++) if (month(year, m) >= period.first && month(year, m) <= period.last) years.push(year);
  return years;
}

/** A date read by {@link dateInPeriod}: taken, or refused in words. */
export type PeriodDate = { ok: true; date: ParsedDate } | { ok: false; code: 'date-year-ambiguous' | 'date-outside-plan'; message: Localized };

/** `a, b eller c` / `a, b or c`. */
function orList(dates: readonly ParsedDate[]): Localized {
  const words = dates.map((d) => dateWords(d.iso));
  const join = (lang: 'sv' | 'en', or: string) => {
    const all = words.map((w) => w[lang]);
    return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} ${or} ${all[all.length - 1] as string}`;
  };
  return { sv: join('sv', 'eller'), en: join('en', 'or') };
}

/**
 * The date in `text` (trimmed), written without its year, in a plan of `period`: in the one year
 * of the period that holds its day and month; refused (`date-year-ambiguous`, naming the dates
 * it could be; in a verksamhetsår whose months the title does not give, saying so) when the
 * period holds it in several, and (`date-outside-plan`) in none, also a day the calendar lacks
 * in a month the period does not hold (`29/2`, `31/4` in ht 2025). Null
 * when `text` is no date without a year (a date with its year, or no date), and when the period
 * holds its month in a year that lacks the day (`29/2` in läsåret 2024/25): the caller says so.
 * @example dateInPeriod('3/1', planPeriod('läsåret 2025/26')!, column) // { ok: true, date: { iso: '2026-01-03', hadTime: false } }
 */
export function dateInPeriod(text: string, period: PlanPeriod, column: Localized): PeriodDate | null {
  if (parseSwedishDate(text, null)) return null;
  const from = Number(period.first.slice(0, 4));
  const to = Math.min(Number(period.last.slice(0, 4)), from + MOST_YEARS - 1);
  const read: ParsedDate[] = [];
  for (let year = from; year <= to; year++) {
    const date = parseSwedishDate(text, year);
    if (date) read.push(date);
  }
  const inside = read.filter((d) => d.iso.slice(0, 7) >= period.first && d.iso.slice(0, 7) <= period.last);
  if (inside.length === 1) return { ok: true, date: inside[0] as ParsedDate };
  if (inside.length === 0) {
    // `29/2` in läsåret 2024/25: February of the period is 2025's, which has no 29th. The day is not
    // outside the period; the calendar lacks it there, which the caller says (null, as for no day).
    // Its month in no year of the period (`29/2` or `31/4` in ht 2025) is outside it, whether or
    // not the calendar has the day: the words of a missing day would offer a day outside the plan.
    const written = writtenDay(text);
    if (read.length === 0 && (!written || written.year !== null)) return null;
    if (written && monthYearsIn(period, written.month).length > 0) return null;
    return { ok: false, code: 'date-outside-plan', message: localized('date-outside-plan', { column, value: text, period: period.written }) };
  }
  if (period.monthsUnknown) {
    const params = { column, value: text, period: period.written, dates: orList(inside), from: period.first.slice(0, 4), to: period.last.slice(0, 4) };
    return { ok: false, code: 'date-year-ambiguous', message: localized('date-months-unknown', params) };
  }
  return { ok: false, code: 'date-year-ambiguous', message: localized('date-year-ambiguous', { column, value: text, period: period.written, dates: orList(inside) }) };
}

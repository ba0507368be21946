/**
 * Why a date of the form `YYYY-MM-DD` names no day (`2026-02-29`, `2026-04-31`) and which days
 * would do, for every door that takes such a date: REST's round body (`roundDefSchema`'s
 * `dueDate`), the command line's `rounds define --due` (in every form the sheet reads, `29
 * februari 2026` too: {@link writtenMissingDayWords}) and the sheet's date cells. Each said only
 * that it was no date.
 */
import { digits, numberText } from '../i18n/number-words.js';
import type { Localized } from '../schema/types.js';
import { dateWords } from './date-words.js';
import { missingDay } from './excel-date.js';
import { writtenDay } from './parse-date.js';

/** What {@link missingDayWords} gives. */
export interface MissingDayWords {
  /** Why, without a full stop: `2026 är inget skottår, så februari 2026 har 28 dagar`. */
  why: Localized;
  /** The month's last day and the next month's first (ISO), the two days that would do. */
  last: string;
  next: string;
}

/**
 * The words for `text`, a date of the form `YYYY-MM-DD` whose month (01–12) lacks its day, or null
 * for a real day, a day past 31 and a text of another form (`missingDay`).
 *
 * @example
 * missingDayWords('2026-02-29')?.why.sv; // '2026 är inget skottår, så februari 2026 har 28 dagar'
 */
export function missingDayWords(text: string): MissingDayWords | null {
  const missing = missingDay(text);
  if (!missing) return null;
  const month = dateWords(`${text.slice(0, 7)}-01`);
  const [sv, en] = [month.sv.replace(/^1 /, ''), month.en.replace(/^1 /, '')];
  const year = text.slice(0, 4);
  const leap = text.slice(5) === '02-29' ? { sv: `${year} är inget skottår, så `, en: `${year} is no leap year, so ` } : { sv: '', en: '' };
  return {
    why: { sv: `${leap.sv}${sv} har ${numberText(missing.days, 'sv')} dagar`, en: `${leap.en}${en} has ${numberText(missing.days, 'en')} days` },
    last: missing.last,
    next: missing.next,
  };
}

/**
 * {@link missingDayWords} of a date written in any form the sheet's date reader takes
 * (`parse-date.ts`: `29 februari 2026`, `31/4 2026`, `2026-02-29`), its year written; null for a
 * real day, a text of no date's form, or a date written without its year (`29/2`).
 *
 * @example
 * writtenMissingDayWords('29 februari 2026')?.last; // '2026-02-28'
 */
export function writtenMissingDayWords(text: string): MissingDayWords | null {
  const day = writtenDay(text.trim());
  if (!day || day.year === null) return null;
  const pad = (n: number, width: number) => digits(n).padStart(width, '0');
  return missingDayWords(`${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`);
}

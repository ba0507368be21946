/**
 * Why a date of the form `YYYY-MM-DD` names no day (`2026-02-29`, `2026-04-31`) and which days
 * would do, for every door that takes such a date: REST's round body (`roundDefSchema`'s
 * `dueDate`) and the command line's `rounds define --due`. Either said only that it was no date.
 */
import { numberText } from '../i18n/number-words.js';
import type { Localized } from '../schema/types.js';
import { dateWords } from './date-words.js';
import { missingDay } from './excel-date.js';

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

/**
 * The words for a period that is none, by why `readPeriod` found none: the one refusal every door
 * gives (cells of the sheet and the imports through `normalizeCell`, `POST …/rounds`, the
 * roll-up's and the indicator table's `?period=`, the CLI's `--period`). Bodies in
 * `shared/i18n/period-refusals.ts`.
 */
import { PERIOD_KINDS, PERIOD_REFUSALS } from '../i18n/period-refusals.js';
import type { PlaceholderValues } from '../i18n/placeholders.js';
import { fillLocalized, type MessageParam } from '../i18n/t.js';
import type { Localized } from '../schema/types.js';
import { readPeriod, type PeriodReading } from './parse-period.js';

/** A code of {@link PERIOD_REFUSALS}. */
export type PeriodRefusalCode = keyof typeof PERIOD_REFUSALS;

/**
 * A period refusal: its message code and the values of its words, typed by the code's Swedish
 * text (`value` and the rest), so each refusal is built with every value its words name.
 */
export type PeriodRefusal = {
  [C in PeriodRefusalCode]: { code: C; params: PlaceholderValues<(typeof PERIOD_REFUSALS)[C]['sv'], MessageParam> };
}[PeriodRefusalCode];

/**
 * The refusal of a text `readPeriod` read as `reading` (not `ok`); `shown` is the text as it is
 * repeated (a date refused as a day is named as `YYYY-MM-DD`).
 */
export function periodRefusal(reading: Exclude<PeriodReading, { ok: true }>, shown: string): PeriodRefusal {
  switch (reading.why) {
    case 'day':
      return { code: 'period-is-day', params: { value: reading.date } };
    case 'ambiguous-date':
      return { code: 'period-date-ambiguous', params: { value: shown, dayFirst: reading.dayFirst, monthFirst: reading.monthFirst } };
    case 'week':
    case 'season':
    case 'term':
    case 'school-year':
      return { code: 'period-unknown-kind', params: { value: shown, kind: PERIOD_KINDS[reading.why] } };
    case 'month-range':
      return { code: 'period-month-range', params: { value: shown } };
    default:
      return { code: 'not-period', params: { value: shown } };
  }
}

/**
 * The period in `text` as its stored code, or the refusal's words in Swedish and English
 * (without a column: the door names its field).
 * @example periodOrWords('vecka 12') // { words: { sv: '"vecka 12" är en vecka, …', en: '"vecka 12" is a week, …' } }
 */
export function periodOrWords(text: string, shown: string = text.trim()): { code: string } | { words: Localized; refusal: PeriodRefusal } {
  const reading = readPeriod(text);
  if (reading.ok) return { code: reading.code };
  const refusal = periodRefusal(reading, shown);
  return { words: fillLocalized(PERIOD_REFUSALS[refusal.code], refusal.params), refusal };
}

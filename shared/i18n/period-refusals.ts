/**
 * Why a written period is none, in words without the column: the bodies of the cell messages
 * `not-period`, `period-is-day`, `period-date-ambiguous`, `period-unknown-kind` and
 * `period-month-range`
 * (`messages.ts` puts `{column}: ` before them) and the refusals of the doors that have no
 * column (`POST …/rounds`, the roll-up's `?period=`, `samplan rounds define --period`).
 * Placeholders: `{value}` the text as written (a date: `YYYY-MM-DD`), `{dayFirst}` and
 * `{monthFirst}` the two readings of a slashed date, `{kind}` what the text names instead
 * (`PERIOD_KINDS`). Every refusal ends with the spellings the pane offers
 * (`shared/i18n/period-label.ts`).
 */
import type { Localized } from '../schema/types.js';

/** The spellings a refusal suggests: the pane's own words for a year, quarter, half-year and month. */
export const PERIOD_SPELLINGS = {
  sv: '2024, 2024 kv 2, 2024 halvår 1, juni 2024 eller jun-24',
  en: '2024, 2024 Q2, 2024 H1, June 2024 or Jun-24',
} as const satisfies Localized;

/** The pane's Swedish words, listed for an English sentence that a Swedish person reads (an API's). */
export const PERIOD_WORDS_IN_SWEDISH = '2024 kv 2, 2024 halvår 1, juni 2024, jun-24';

/** What a text names that is no period of Samplan's, filled into `{kind}`. */
export const PERIOD_KINDS = {
  week: { sv: 'en vecka', en: 'a week' },
  season: { sv: 'en årstid', en: 'a season' },
  term: { sv: 'en termin', en: 'a school term' },
  'school-year': { sv: 'ett läsår eller verksamhetsår över två kalenderår', en: 'a school or operating year across two calendar years' },
} as const satisfies Record<string, Localized>;

/** The refusal bodies, keyed by their message code. */
export const PERIOD_REFUSALS = {
  'not-period': {
    sv: `"{value}" är ingen period. Skriv t.ex. ${PERIOD_SPELLINGS.sv}.`,
    en: `"{value}" is not a period. Write e.g. ${PERIOD_SPELLINGS.en}.`,
  },
  'period-is-day': {
    sv: `datumet {value} är ingen period: dagen ligger i en månad, ett kvartal och ett år. Ett datum läses som period bara när det är en månads första dag (så sparar Excel en cell formaterad som månad). Skriv t.ex. ${PERIOD_SPELLINGS.sv}.`,
    en: `the date {value} is not a period: the day lies in a month, a quarter and a year. A date is read as a period only when it is the first day of a month (as Excel keeps a cell formatted as a month). Write e.g. ${PERIOD_SPELLINGS.en}.`,
  },
  'period-date-ambiguous': {
    sv: `"{value}" kan vara {dayFirst} (dag först, som vi skriver i Sverige) eller {monthFirst} (månad först, som i USA), och Samplan gissar inte. Skriv månaden med ord eller datumet med punkter, t.ex. juni 2024, jun-24 eller 1.6.2024, eller en period som ${PERIOD_SPELLINGS.sv}.`,
    en: `"{value}" could be {dayFirst} (day first, as Swedes write it) or {monthFirst} (month first, as in the United States), and Samplan does not guess. Write the month in words or the date with points, e.g. June 2024, Jun-24 or 1.6.2024, or a period such as ${PERIOD_SPELLINGS.en}.`,
  },
  'period-month-range': {
    sv: `"{value}" är månader som inte bildar ett kvartal, ett halvår eller ett år, och det är ingen period i Samplan: ett kvartal är jan–mar, apr–jun, jul–sep eller okt–dec, ett halvår jan–jun eller jul–dec. Skriv t.ex. ${PERIOD_SPELLINGS.sv}.`,
    en: `"{value}" is a range of months that is no quarter, half-year or year, which is no period of Samplan's: a quarter is Jan–Mar, Apr–Jun, Jul–Sep or Oct–Dec, a half-year Jan–Jun or Jul–Dec. Write e.g. ${PERIOD_SPELLINGS.en}.`,
  },
  'period-unknown-kind': {
    sv: `"{value}" är {kind}, och det är ingen period i Samplan: uppföljningen görs per år, halvår, kvartal och månad. Skriv t.ex. ${PERIOD_SPELLINGS.sv}.`,
    en: `"{value}" is {kind}, which is no period of Samplan's: follow-up is by year, half-year, quarter and month. Write e.g. ${PERIOD_SPELLINGS.en}.`,
  },
} as const satisfies Record<string, Localized>;

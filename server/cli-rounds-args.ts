/**
 * The options of `samplan rounds`, checked before the store, zod or any of the server is loaded
 * (`cli-check.ts`): the workspace, the round of `close` and `reopen` (the shape of
 * `roundIdSchema`, checked without zod), and `define`'s period and due date (read as the sheet reads
 * a date: {@link dueDateOf}). Loads no package.
 */
import { CliError, quoted } from './cli-args.js';
import { ARG } from './cli-usage-rows.js';
import { writtenMissingDayWords, type MissingDayWords } from '../shared/normalize/missing-day-words.js';
import { parseSwedishDate, writtenDay } from '../shared/normalize/parse-date.js';
import type { Localized } from '../shared/schema/types.js';
import { periodOrWords } from '../shared/normalize/period-refusal.js';
import { ROUND_ID_MAX, ROUND_ID_WORDS, UNIT_PATTERN } from '../shared/schema/formats.js';
import { numberText } from '../shared/i18n/number-words.js';

/** The flags these commands read. */
export interface RoundsFlags {
  workspace?: string | undefined;
  id?: string | undefined;
  title?: string | undefined;
  period?: string | undefined;
  due?: string | undefined;
  indicator?: string[] | undefined;
  'no-activities'?: boolean | undefined;
  /** `define`: the round is interim, its due date may lie inside its period (`RoundDef.interim`). */
  interim?: boolean | undefined;
  member?: string | undefined;
  /** Why a round is closed or reopened (`close`, `reopen`). */
  reason?: string | undefined;
  /** The round `close` and `reopen` act on (their argument). */
  round?: string | undefined;
}

/**
 * A mistake in the command line or a refusal, as a sentence; the caller prints it and exits 2,
 * with the command's usage when `argument` (a wrong or missing argument) is set.
 */
export class RoundsUsageError extends CliError {}

/**
 * Checks what `rounds <sub>` needs before any database is opened: --workspace always, close and
 * reopen a round, define a period it can read and a due date. Throws {@link RoundsUsageError} (an argument error: the CLI
 * prints it with the command's usage and exits 2) naming the first missing or wrong one.
 */
export function checkRoundsArguments(sub: string | undefined, flags: RoundsFlags): void {
  if (!flags.workspace) throw new RoundsUsageError({ sv: '--workspace WS saknas.', en: 'Missing --workspace WS.' }, true);
  if ((sub === 'close' || sub === 'reopen') && !flags.round) {
    const verb = sub === 'close' ? 'stänga' : 'öppna';
    throw new RoundsUsageError(
      {
        sv: `Omgången att ${verb} saknas: samplan rounds ${sub} ${ARG.round.sv} --workspace WS (id:na finns i samplan rounds list).`,
        en: `Missing the round to ${sub}: samplan rounds ${sub} <round> --workspace WS (the ids are in samplan rounds list).`,
      },
      true,
    );
  }
  // The shape REST takes (`roundIdSchema`, in its order: the length, then the pattern): an id of
  // another shape is said so, not looked for.
  const round = flags.round;
  const wrong = round === undefined ? null : round.length > ROUND_ID_MAX ? { sv: `får ha högst ${numberText(ROUND_ID_MAX, 'sv')} tecken`, en: `must have at most ${numberText(ROUND_ID_MAX, 'en')} characters` } : UNIT_PATTERN.test(round) ? null : ROUND_ID_WORDS;
  if (wrong) {
    throw new RoundsUsageError({ sv: `Omgångens id ${quoted(round ?? '')} ${wrong.sv}; id:na finns i samplan rounds list.`, en: `The round id ${quoted(round ?? '')} ${wrong.en}; the ids are in samplan rounds list.` }, true);
  }
  if (sub !== 'define') return;
  if (!flags.period) throw new RoundsUsageError({ sv: '--period saknas, t.ex. --period "2026 kv 1" (eller 2026Q1, "mars 2026", 2026).', en: 'Missing --period, e.g. --period "2026 kv 1" (or 2026Q1, "mars 2026", 2026).' }, true);
  const read = periodOrWords(flags.period);
  const period = quoted(flags.period);
  if (!('code' in read)) {
    // A day, a slashed date read two ways, a week or a season is told as what it is.
    if (read.refusal.code !== 'not-period') throw new RoundsUsageError({ sv: `--period ${period}: ${read.words.sv}`, en: `--period ${period}: ${read.words.en}` }, true);
    throw new RoundsUsageError(
      {
        sv: `--period ${period} är ingen period; skriv t.ex. "2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" eller 2026.`,
        en: `--period ${period} is not a period; write e.g. "2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" or 2026.`,
      },
      true,
    );
  }
  dueDateOf(flags.due);
}

/**
 * The day `due` (`rounds define --due`) names, as `YYYY-MM-DD`, read by the sheet's date reader
 * (`parseSwedishDate`, `shared/normalize`): `2026-04-15`, `15 april 2026`, `15/4 2026`,
 * `15.4.2026`, `20260415`, a time after it dropped. It took ISO alone, and of `29 februari 2026`
 * said only that it was no date. A date without its year (`15/4`) is refused, not given one: a
 * round's last day often falls in the year after its period. Throws {@link RoundsUsageError} (an
 * argument error) for none, a day the calendar lacks (why, and the days that would do, in the
 * words REST gives, `missingDayWords`), one without its year, and a text that is no date.
 *
 * @example
 * dueDateOf('15 april 2026'); // '2026-04-15'
 */
export function dueDateOf(due: string | undefined): string {
  const text = due?.trim() ?? '';
  const read = text === '' ? null : parseSwedishDate(text, null);
  if (read) return read.iso;
  const missing = writtenMissingDayWords(text);
  if (missing) throw new RoundsUsageError(dueMissingDay(text, missing), true);
  const yearless = writtenDay(text)?.year === null;
  const why =
    text === ''
      ? { sv: 'saknas', en: 'is missing' }
      : yearless
        ? { sv: `${quoted(text)} saknar år`, en: `${quoted(text)} names no year` }
        : { sv: `${quoted(text)} är inget datum`, en: `${quoted(text)} is not a date` };
  throw new RoundsUsageError(
    {
      sv: `--due ${why.sv}; skriv sista dagen att rapportera med år, t.ex. --due 2026-04-15 eller --due "15 april 2026".`,
      en: `--due ${why.en}; write the last day to report with its year, e.g. --due 2026-04-15 or --due "15 april 2026".`,
    },
    true,
  );
}

/**
 * The words for a `--due` naming a day the calendar lacks (`2025-02-29`, `29 februari 2025`), which
 * said only that it was no date: why (2025 is no leap year; April has 30 days) and the two days
 * that would do, the month's last and the next month's first (`missingDayWords`, as REST says it).
 */
function dueMissingDay(due: string, missing: MissingDayWords): Localized {
  return {
    sv: `--due ${quoted(due)} finns inte: ${missing.why.sv}. Skriv sista dagen att rapportera som en dag som finns, t.ex. --due ${missing.last} eller --due ${missing.next}.`,
    en: `--due ${quoted(due)} does not exist: ${missing.why.en}. Write the last day to report as a day that exists, e.g. --due ${missing.last} or --due ${missing.next}.`,
  };
}

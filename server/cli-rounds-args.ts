/**
 * The options of `samplan rounds`, checked before the store or any of the server is loaded
 * (`cli-check.ts`): the workspace, the round of `close` and `reopen`, and `define`'s period and
 * due date.
 */
import { CliError, quoted } from './cli-args.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { isIsoDate } from '../shared/normalize/excel-date.js';
import { periodOrWords } from '../shared/normalize/period-refusal.js';
import { roundIdSchema } from '../shared/rounds/model.js';

/** The flags these commands read. */
export interface RoundsFlags {
  workspace?: string | undefined;
  id?: string | undefined;
  title?: string | undefined;
  period?: string | undefined;
  due?: string | undefined;
  indicator?: string[] | undefined;
  'no-activities'?: boolean | undefined;
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
  if (!flags.workspace) throw new RoundsUsageError('Missing --workspace WS.', true);
  if ((sub === 'close' || sub === 'reopen') && !flags.round) throw new RoundsUsageError(`Missing the round to ${sub}: samplan rounds ${sub} <round> --workspace WS (the ids are in samplan rounds list).`, true);
  // The shape REST takes (`roundIdSchema`): an id of another shape is said so, not looked for.
  const round = flags.round === undefined ? null : roundIdSchema.safeParse(flags.round);
  if (round && !round.success) throw new RoundsUsageError(`The round id ${quoted(flags.round ?? '')} ${round.error.issues[0] ? issueWordsEn(round.error.issues[0]) : 'is not valid'}; the ids are in samplan rounds list.`, true);
  if (sub !== 'define') return;
  if (!flags.period) throw new RoundsUsageError('Missing --period, e.g. --period "2026 kv 1" (or 2026Q1, "mars 2026", 2026).', true);
  const read = periodOrWords(flags.period);
  if (!('code' in read)) {
    // A day, a slashed date read two ways, a week or a season is told as what it is.
    if (read.refusal.code !== 'not-period') throw new RoundsUsageError(`--period ${quoted(flags.period)}: ${read.words.en}`, true);
    throw new RoundsUsageError(`--period ${quoted(flags.period)} is not a period; write e.g. "2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" or 2026.`, true);
  }
  if (!flags.due || !isIsoDate(flags.due)) {
    throw new RoundsUsageError(`--due ${flags.due ? `${quoted(flags.due)} is not a date` : 'is missing'}; write the last day to report as YYYY-MM-DD, e.g. --due 2026-04-15.`, true);
  }
}

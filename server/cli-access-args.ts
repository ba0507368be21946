/**
 * The options of `samplan token` and `samplan member`, read and checked by the API's rules
 * (`http/token-label.ts`, `http/member-body.ts`) before the store or any of the server is loaded
 * (`cli-check.ts`), with `--expires` read as a duration or a date.
 */
import { CliError, need, quoted, type Flags } from './cli-args.js';
import { memberBodySchema, type MemberBody } from './http/member-body.js';
import { tokenLabelSchema } from './http/token-label.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { issueWordsSv, type IssueLike } from '../shared/i18n/issue-words.js';
import { isIsoDate } from '../shared/normalize/excel-date.js';

/** An ISO date, or date and time (`2026-12-31`, `2026-12-31T17:00`, `2026-12-31T17:00:00+01:00`): its date part, its time part. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The time zone a date without a time is read in: the coordinators'. */
const SWEDISH_TIME = 'Europe/Stockholm';

/** How far Swedish time is ahead of UTC at instant `t` (ms since the epoch), in ms: 1 h in winter, 2 h in summer. */
function swedishOffset(t: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: SWEDISH_TIME, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(t));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - Math.floor(t / 60_000) * 60_000;
}

/**
 * The instant day `date` (`2026-12-31`, a day of the calendar) ends in Swedish time: the next day's
 * 00:00 in Europe/Stockholm, with the summer time of that moment (`2027-01-01T00:00+01:00`,
 * `2027-07-01T00:00+02:00`). Midnight is never in a change of summer time (those are at 02:00 and
 * 03:00), so the offset an hour before it is the one at it.
 */
export function endOfSwedishDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d + 1);
  return new Date(midnightAsUtc - swedishOffset(midnightAsUtc - 3_600_000));
}

/**
 * `iso` (an instant) as Swedish time and UTC, for a line saying when a token expires:
 * `{ sv: '2027-01-01 00:00 svensk tid (2026-12-31 23:00 UTC)', en: '2027-01-01 00:00 Swedish time (2026-12-31 23:00 UTC)' }`.
 */
export function expiryWords(iso: string): { sv: string; en: string } {
  const t = Date.parse(iso);
  const local = new Date(t + swedishOffset(t)).toISOString().slice(0, 16).replace('T', ' ');
  const utc = new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  return { sv: `${local} svensk tid (${utc} UTC)`, en: `${local} Swedish time (${utc} UTC)` };
}

/**
 * `30d`, `12h`, `90m` or an ISO date/time → ISO expiry time; null when unset. A date without a time
 * is a day the token works through, in Swedish time: it expires at the next day's 00:00 in
 * Europe/Stockholm ({@link endOfSwedishDay}; read as `Date.parse` does, 00:00 UTC, the day named
 * was not usable: it ended at 01:00 Swedish time on that day's morning). A date and time keeps its
 * meaning (with no zone, the machine's local time). A date is a day of the calendar: `Date.parse`
 * took `2027-02-30` for 2 March and `June 3` or `12` for days of 2001, so a token was made to
 * expire on a day no one wrote, or refused as already past. Throws a {@link CliError} (an argument
 * error, in Swedish and English) for anything else.
 */
export function parseExpiry(text: string | undefined, now: Date): string | null {
  if (text === undefined) return null;
  const rel = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (rel) {
    const n = Number(rel[1]);
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[(rel[2] ?? 'd').toLowerCase() as 'd' | 'h' | 'm'];
    if (n <= 0) throw new CliError({ sv: '--expires måste vara mer än noll, t.ex. 30d.', en: '--expires must be more than zero, e.g. 30d.' }, true);
    return withinYear9999(text, now.getTime() + n * unit);
  }
  const iso = ISO_DATE_TIME.exec(text.trim());
  const day = iso && isIsoDate(iso[1] ?? '') ? (iso[1] ?? '') : null;
  const at = day === null ? Number.NaN : iso?.[2] === undefined ? endOfSwedishDay(day).getTime() : Date.parse(text.trim());
  if (Number.isNaN(at)) {
    throw new CliError(
      {
        sv: `--expires ${quoted(text)} är varken en tidslängd som 30d eller 12h eller ett datum som 2026-12-31.`,
        en: `--expires ${quoted(text)} is neither a duration like 30d or 12h nor a date like 2026-12-31.`,
      },
      true,
    );
  }
  return withinYear9999(text, at);
}

/** 10000-01-01 00:00 UTC: no expiry reaches it, in UTC or in Swedish time. */
const YEAR_10000 = Date.UTC(10000, 0, 1);

/**
 * `at` (ms since the epoch) as ISO text, or a {@link CliError} for `--expires` `text` when it lies
 * in the year 10000 or later, in UTC or in Swedish time. An expiry is ISO text with a year of four
 * digits, stored and compared as text and written in the token's lines; past that year `toISOString`
 * writes `+010000-…`, and past `Date`'s range (`--expires 100000000d`) it throws `Invalid time value`,
 * which the command printed as its failure (exit 1).
 */
function withinYear9999(text: string, at: number): string {
  // Checked before Intl reads the instant: past Date's range it cannot.
  if (!(at < YEAR_10000) || at + swedishOffset(at) >= YEAR_10000) {
    throw new CliError(
      {
        sv: `--expires ${quoted(text)} ligger efter år 9999, längre fram än en tidpunkt kan skrivas. Skriv en kortare tid, t.ex. 3650d, eller ett datum som 2036-12-31.`,
        en: `--expires ${quoted(text)} lies after the year 9999, further ahead than a time can be written. Write a shorter time, e.g. 3650d, or a date like 2036-12-31.`,
      },
      true,
    );
  }
  return new Date(at).toISOString();
}

/** `flag` and what is wrong with it by `issue` (a zod issue of the API's rule), in Swedish and English. */
function issueError(flag: string, issue: IssueLike | undefined): { sv: string; en: string } {
  return { sv: `${flag} ${issue ? issueWordsSv(issue) : 'är inte giltigt'}.`, en: `${flag} ${issue ? issueWordsEn(issue) : 'is not valid'}.` };
}

/** The workspace and member of `member add`, from its flags. */
function memberToAdd(flags: Flags): { workspace: string; body: MemberBody } {
  const workspace = need(flags.workspace, '--workspace');
  const units = (flags.units ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  const body = memberBodySchema.safeParse({ id: flags.id, name: flags.name, role: flags.role, units });
  if (!body.success) {
    const issue = body.error.issues[0];
    const flag = String(issue?.path[0] ?? 'id');
    if (flag !== 'units' && flags[flag as 'id' | 'name' | 'role'] === undefined) throw new CliError({ sv: `--${flag} saknas.`, en: `Missing --${flag}.` }, true);
    // A choice (--role) in words with what was typed, not the parser's "Invalid option: expected one of …".
    if (issue?.code === 'invalid_value') {
      const choices = issue.values.map(String).join(', ');
      const got = quoted(String(flags[flag as 'role']));
      throw new CliError({ sv: `--${flag} måste vara en av ${choices}: fick ${got}.`, en: `--${flag} must be one of ${choices}: got ${got}.` }, true);
    }
    throw new CliError(issueError(`--${flag}`, issue), true);
  }
  return { workspace, body: body.data };
}

/**
 * `--label` read by the API's rule for a token's label (`tokenLabelSchema`): trimmed, at most 200
 * characters, and never starting as a sign-in session's label does, which would make an API token
 * of 30 days pass for a session (listed as one, ended by signing out). Empty when not given.
 */
function tokenLabel(text: string | undefined): string {
  const label = tokenLabelSchema.safeParse(text ?? '');
  if (label.success) return label.data;
  throw new CliError(issueError('--label', label.error.issues[0]), true);
}

/** What `token create` and `token revoke` were asked, checked; null for the other subcommand. */
export interface TokenArguments {
  create: { workspace: string; memberId: string; label: string; expiresAt: string | null } | null;
  revoke: string | null;
}

/**
 * The arguments of `token <sub>` (`rest`: those after `sub`), read at `now`. Throws a
 * {@link CliError} (an argument error) for a missing --workspace or --member, a --label the API
 * would refuse, an --expires that is no duration or date, a missing token id.
 */
export function checkTokenArguments(sub: string | undefined, rest: readonly string[], flags: Flags, now: Date): TokenArguments {
  return {
    create: sub === 'create' ? { workspace: need(flags.workspace, '--workspace'), memberId: need(flags.member, '--member'), label: tokenLabel(flags.label), expiresAt: parseExpiry(flags.expires, now) } : null,
    revoke: sub === 'revoke' ? need(rest[0], 'the token id to revoke') : null,
  };
}

/** What `member add` and `member remove` were asked, checked; null for the other subcommands. */
export interface MemberArguments {
  add: { workspace: string; body: MemberBody } | null;
  remove: { workspace: string; id: string } | null;
}

/**
 * The arguments of `member <sub>`. Throws a {@link CliError} (an argument error) for a missing
 * --workspace, --id, --name or --role, or one the API would refuse (`memberBodySchema`).
 */
export function checkMemberArguments(sub: string | undefined, flags: Flags): MemberArguments {
  return {
    add: sub === 'add' ? memberToAdd(flags) : null,
    // Member ids are kept lower-cased (memberBodySchema), as an e-mail address or UPN is typed either way.
    remove: sub === 'remove' ? { workspace: need(flags.workspace, '--workspace'), id: need(flags.id, '--id').trim().toLowerCase() } : null,
  };
}

/**
 * The options of `samplan token` and `samplan member`, read and checked by the API's rules
 * (`http/token-label.ts`, `http/member-body.ts`) before the store or any of the server is loaded
 * (`cli-check.ts`), with `--expires` read as a duration or a date.
 */
import { CliError, need, quoted, type Flags } from './cli-args.js';
import { memberBodySchema, type MemberBody } from './http/member-body.js';
import { tokenLabelSchema } from './http/token-label.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { isIsoDate } from '../shared/normalize/excel-date.js';

/** An ISO date, or date and time (`2026-12-31`, `2026-12-31T17:00`, `2026-12-31T17:00:00+01:00`): its date part, its time part. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `30d`, `12h`, `90m` or an ISO date/time → ISO expiry time; null when unset. A date is a day of the
 * calendar: `Date.parse` took `2027-02-30` for 2 March and `June 3` or `12` for days of 2001, so a
 * token was made to expire on a day no one wrote, or refused as already past. Throws a
 * {@link CliError} (an argument error) for anything else.
 */
export function parseExpiry(text: string | undefined, now: Date): string | null {
  if (text === undefined) return null;
  const rel = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (rel) {
    const n = Number(rel[1]);
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[(rel[2] ?? 'd').toLowerCase() as 'd' | 'h' | 'm'];
    if (n <= 0) throw new CliError({ sv: '--expires ska vara mer än noll, t.ex. 30d.', en: '--expires must be more than zero, e.g. 30d.' }, true);
    return new Date(now.getTime() + n * unit).toISOString();
  }
  const iso = ISO_DATE_TIME.exec(text.trim());
  const at = iso && isIsoDate(iso[1] ?? '') ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(at)) throw new CliError(
      { sv: `--expires ${quoted(text)} är varken en tid som 30d eller 12h eller ett datum som 2026-12-31.`, en: `--expires ${quoted(text)} is neither a duration like 30d or 12h nor a date like 2026-12-31.` },
      true,
    );
  return new Date(at).toISOString();
}

/** The workspace and member of `member add`, from its flags. */
function memberToAdd(flags: Flags): { workspace: string; body: MemberBody } {
  const workspace = need(flags.workspace, '--workspace');
  const units = (flags.units ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  const body = memberBodySchema.safeParse({ id: flags.id, name: flags.name, role: flags.role, units });
  if (!body.success) {
    const issue = body.error.issues[0];
    const flag = String(issue?.path[0] ?? 'id');
    if (flag !== 'units' && flags[flag as 'id' | 'name' | 'role'] === undefined) throw new CliError(`Missing --${flag}.`, true);
    // A choice (--role) in words with what was typed, not the parser's "Invalid option: expected one of …".
    if (issue?.code === 'invalid_value') throw new CliError(`--${flag} must be one of ${issue.values.map(String).join(', ')}: got ${quoted(String(flags[flag as 'role']))}.`, true);
    throw new CliError(`--${flag} ${issue ? issueWordsEn(issue) : 'is not valid'}.`, true);
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
  const issue = label.error.issues[0];
  throw new CliError(`--label ${issue ? issueWordsEn(issue) : 'is not valid'}.`, true);
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

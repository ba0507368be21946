/**
 * OpenID Connect settings of `samplan serve`, from flags or environment variables (flags win).
 * Sign-in is off unless an issuer is given; then a client id and the workspace people sign in to
 * are required too. A bad value stops the server with one sentence naming the setting.
 *
 * | setting | flag / variable | default |
 * |---|---|---|
 * | issuer URL | `--oidc-issuer` / `SAMPLAN_OIDC_ISSUER` | off |
 * | client id | `--oidc-client-id` / `SAMPLAN_OIDC_CLIENT_ID` | — |
 * | client secret (confidential client; optional with PKCE) | `SAMPLAN_OIDC_CLIENT_SECRET` | none |
 * | accepted access-token audiences (Office SSO) | `--oidc-audience` / `SAMPLAN_OIDC_AUDIENCE` (comma-separated) | client id |
 * | client apps an access token may be issued to (`azp` / `appid`) | `SAMPLAN_OIDC_CLIENT_APPS` (comma-separated) | client id |
 * | workspace | `--oidc-workspace` / `SAMPLAN_OIDC_WORKSPACE` | — |
 * | claim naming the member | `SAMPLAN_OIDC_MEMBER_CLAIM` | `preferred_username` |
 * | claim with the display name | `SAMPLAN_OIDC_NAME_CLAIM` | `name` |
 * | claim with groups or app roles | `SAMPLAN_OIDC_GROUPS_CLAIM` | `groups` |
 * | group → role rules | `--oidc-roles` / `SAMPLAN_OIDC_ROLES` | none |
 * | create members by those rules | `--oidc-auto-provision` / `SAMPLAN_OIDC_AUTO_PROVISION=1` | off (invite-only) |
 * | clock skew allowed, seconds | `SAMPLAN_OIDC_CLOCK_SKEW` | 120 |
 * | session length, minutes | `SAMPLAN_SESSION_MINUTES` | 60 |
 *
 * Rules read `<group or app role>=<role>[:<unit>,<unit>…]`, separated by `;`, e.g.
 * `Samplan.Admin=admin;vc-husby-personal=editor:vc-husby`.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/protocol/roles.js';
import { ConfigError, joinWords, settingWords } from '../config-error.js';
import { issueWordsEn } from '../../shared/i18n/issue-words-en.js';
import { issueWordsSv } from '../../shared/i18n/issue-words.js';

/** One claim-value → role rule. */
export interface RoleRule {
  /** A value of the groups claim: an Entra group object id or an app role's value. */
  group: string;
  role: Role;
  units: string[];
}

/** The validated OpenID Connect settings. */
export interface OidcConfig {
  /** The issuer exactly as in its tokens' `iss`, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** `aud` values accepted on access tokens (Office SSO); ID tokens must carry the client id. */
  audiences: string[];
  /**
   * The client applications an access token may have been issued to (its `azp`, `appid` or
   * `client_id`; see `oidc-verify.ts`); absent: the client id alone.
   */
  clientApps?: string[];
  /** The workspace a sign-in opens. */
  workspace: string;
  memberClaim: string;
  nameClaim: string;
  groupsClaim: string;
  rules: RoleRule[];
  /** Create a member who is not invited when a rule matches; false: only invited members sign in. */
  autoProvision: boolean;
  /** Seconds of clock difference tolerated on `exp`, `nbf` and `iat`. */
  clockSkewSec: number;
  /** Minutes a session lasts before it must be refreshed. */
  sessionMinutes: number;
  /** Scopes asked for in the authorization request. */
  scopes: string;
}

/** Flags of `samplan serve` that concern sign-in. */
export interface OidcFlags {
  oidcIssuer?: string | undefined;
  oidcClientId?: string | undefined;
  oidcAudience?: string | undefined;
  oidcWorkspace?: string | undefined;
  oidcRoles?: string | undefined;
  oidcAutoProvision?: boolean | undefined;
}

/**
 * Parse `group=role[:unit,unit];…`.
 *
 * @throws ConfigError naming the rule that does not read.
 */
export function parseRoleRules(text: string | undefined): RoleRule[] {
  if (!text || text.trim() === '') return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([^=]+)=\s*([a-z]+)\s*(?::\s*(.*))?$/.exec(part);
      const role = match?.[2] as Role | undefined;
      if (!match || !role || !(ROLES as readonly string[]).includes(role)) {
        throw new ConfigError({
          sv: `Inställningen --oidc-roles / SAMPLAN_OIDC_ROLES har en regel som inte lyder "<grupp>=<roll>[:<enhet>,…]" med rollen en av ${ROLES.join(', ')}: fick ${JSON.stringify(part)}.`,
          en: `The setting --oidc-roles / SAMPLAN_OIDC_ROLES has a rule that does not read "<group>=<role>[:<unit>,…]" with role one of ${ROLES.join(', ')}: got ${JSON.stringify(part)}.`,
        });
      }
      const units = (match[3] ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
      return { group: match[1]!.trim(), role, units };
    });
}

/**
 * The most clock skew a server may allow (`SAMPLAN_OIDC_CLOCK_SKEW`), in seconds: an access token
 * is taken by some server of a deployment until at most its `exp` plus this.
 */
export const MAX_CLOCK_SKEW_SEC = 900;

const SKEW = `must be a whole number of seconds, 0–${MAX_CLOCK_SKEW_SEC}`;
const MINUTES = 'must be a whole number of minutes, 2–1440';

const schema = z.object({
  issuer: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).transform((u) => u.replace(/\/+$/, '')),
  clientId: z.string().trim().min(1, { error: 'must be set when an issuer is' }),
  clientSecret: z.string().min(1).nullable(),
  audiences: z.array(z.string().trim().min(1)).min(1, { error: 'must name at least one accepted audience, comma-separated' }),
  workspace: z.string().trim().min(1, { error: 'must be set when an issuer is' }),
  memberClaim: z.string().trim().min(1),
  nameClaim: z.string().trim().min(1),
  groupsClaim: z.string().trim().min(1),
  autoProvision: z.boolean(),
  clockSkewSec: z.coerce.number({ error: SKEW }).int({ error: SKEW }).min(0, { error: SKEW }).max(MAX_CLOCK_SKEW_SEC, { error: SKEW }),
  sessionMinutes: z.coerce.number({ error: MINUTES }).int({ error: MINUTES }).min(2, { error: MINUTES }).max(24 * 60, { error: MINUTES }),
});

/** The Swedish of the schema's own words above, by their English (zod keeps one message). */
const OIDC_SV: Readonly<Record<string, string>> = {
  'must be an http:// or https:// address': 'ska vara en http://- eller https://-adress',
  'must be set when an issuer is': 'måste anges när en utfärdare är angiven',
  'must name at least one accepted audience, comma-separated': 'ska namnge minst en godtagen mottagare (audience), kommaseparerade',
  [SKEW]: `ska vara ett heltal sekunder, 0–${MAX_CLOCK_SKEW_SEC}`,
  [MINUTES]: 'ska vara ett heltal minuter, 2–1440',
};

const SOURCES: Record<string, string> = {
  issuer: '--oidc-issuer / SAMPLAN_OIDC_ISSUER',
  clientId: '--oidc-client-id / SAMPLAN_OIDC_CLIENT_ID',
  workspace: '--oidc-workspace / SAMPLAN_OIDC_WORKSPACE',
  audiences: '--oidc-audience / SAMPLAN_OIDC_AUDIENCE',
  clockSkewSec: 'SAMPLAN_OIDC_CLOCK_SKEW',
  sessionMinutes: 'SAMPLAN_SESSION_MINUTES',
};

const val = (flag: string | undefined, env: string | undefined): string | undefined =>
  flag !== undefined ? flag : env !== undefined && env.trim() !== '' ? env : undefined;

const ON = ['1', 'true', 'yes', 'on', 'ja'];
const OFF = ['', '0', 'false', 'no', 'off', 'nej'];

/** `SAMPLAN_OIDC_AUTO_PROVISION` as on or off; any other word is refused (it was read as off, silently). */
function switchOf(text: string | undefined): boolean {
  const word = (text ?? '').trim().toLowerCase();
  if (ON.includes(word)) return true;
  if (OFF.includes(word)) return false;
  throw new ConfigError(
    settingWords('SAMPLAN_OIDC_AUTO_PROVISION', { sv: 'ska vara 1, true, yes eller ja (på) eller 0, false, no eller nej (av)', en: 'must be 1, true or yes (on) or 0, false or no (off)' }, text),
  );
}

/**
 * The sign-in settings, or null when no issuer is configured (token sign-in only).
 *
 * @throws ConfigError with one sentence per bad setting.
 * @example
 * const oidc = loadOidcConfig({}, { SAMPLAN_OIDC_ISSUER: 'https://login.microsoftonline.com/<tenant>/v2.0', … });
 */
export function loadOidcConfig(flags: OidcFlags, env: Record<string, string | undefined>): OidcConfig | null {
  const issuer = val(flags.oidcIssuer, env.SAMPLAN_OIDC_ISSUER);
  if (issuer === undefined) return null;
  const clientId = val(flags.oidcClientId, env.SAMPLAN_OIDC_CLIENT_ID) ?? '';
  const audienceText = val(flags.oidcAudience, env.SAMPLAN_OIDC_AUDIENCE);
  const raw = {
    issuer,
    clientId,
    clientSecret: val(undefined, env.SAMPLAN_OIDC_CLIENT_SECRET) ?? null,
    // Without --oidc-audience the client id is the audience: a missing client id is named once, as itself.
    audiences: audienceText !== undefined ? audienceText.split(',').map((a) => a.trim()).filter((a) => a !== '') : clientId.trim() ? [clientId] : null,
    workspace: val(flags.oidcWorkspace, env.SAMPLAN_OIDC_WORKSPACE) ?? '',
    memberClaim: val(undefined, env.SAMPLAN_OIDC_MEMBER_CLAIM) ?? 'preferred_username',
    nameClaim: val(undefined, env.SAMPLAN_OIDC_NAME_CLAIM) ?? 'name',
    groupsClaim: val(undefined, env.SAMPLAN_OIDC_GROUPS_CLAIM) ?? 'groups',
    autoProvision: flags.oidcAutoProvision ?? switchOf(env.SAMPLAN_OIDC_AUTO_PROVISION),
    clockSkewSec: val(undefined, env.SAMPLAN_OIDC_CLOCK_SKEW) ?? 120,
    sessionMinutes: val(undefined, env.SAMPLAN_SESSION_MINUTES) ?? 60,
  };
  const parsed = schema.safeParse({ ...raw, audiences: raw.audiences ?? [clientId] });
  if (!parsed.success) {
    const messages = parsed.error.issues
      .filter((issue) => !(issue.path[0] === 'audiences' && raw.audiences === null))
      .map((issue) => {
        const key = String(issue.path[0] ?? '');
        const got = key === 'audiences' ? audienceText : raw[key as keyof typeof raw];
        return settingWords(SOURCES[key] ?? key, { sv: OIDC_SV[issue.message] ?? issueWordsSv(issue), en: issueWordsEn(issue) }, got);
      });
    throw new ConfigError(joinWords(messages));
  }
  const rules = parseRoleRules(val(flags.oidcRoles, env.SAMPLAN_OIDC_ROLES));
  // Invite-only unless a rule matches: with no rule, auto-provisioning would add nobody, silently.
  if (parsed.data.autoProvision && rules.length === 0) {
    throw new ConfigError({
      sv: 'Inställningen --oidc-auto-provision / SAMPLAN_OIDC_AUTO_PROVISION lägger till personer efter gruppreglerna i --oidc-roles / SAMPLAN_OIDC_ROLES, och ingen är angiven: ge reglerna (t.ex. "Samplan.Samordnare=coordinator"), eller låt automatisk tilldelning vara av och bjud in personer i vyn Medlemmar.',
      en: 'The setting --oidc-auto-provision / SAMPLAN_OIDC_AUTO_PROVISION adds people by the group rules of --oidc-roles / SAMPLAN_OIDC_ROLES, and none is set: give the rules (e.g. "Samplan.Samordnare=coordinator"), or leave auto-provisioning off and invite people in the Members view.',
    });
  }
  const apps = val(undefined, env.SAMPLAN_OIDC_CLIENT_APPS)?.split(',').map((a) => a.trim()).filter((a) => a !== '');
  return { ...parsed.data, ...(apps && apps.length > 0 ? { clientApps: apps } : {}), rules, scopes: 'openid profile email' };
}

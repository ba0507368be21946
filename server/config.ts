/**
 * Server configuration from command-line flags and environment variables, validated with zod.
 * Flags win over the environment; the environment wins over the defaults. A bad value stops the
 * server with one sentence saying which setting is wrong and what it should look like.
 */
import { z } from 'zod';
import { ConfigError, joinWords, settingWords } from './config-error.js';
import { DEFAULT_DB, pickSetting } from './store-target.js';
import { takeBackMemoryMb } from './sync/take-back-budget.js';
import { unappliedMemoryMb } from './sync/due-budget.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { issueWordsSv } from '../shared/i18n/issue-words.js';
import type { Localized } from '../shared/schema/types.js';
import { digits, numbersIn, numberText } from '../shared/i18n/number-words.js';
import { importReadMs, readWorkerBounds } from './http/read-settings.js';
import { serveLockCheckMs } from './storage/serve-lock-check.js';
import { splitUserinfo, splitUserinfoWords } from './url-userinfo.js';

/** pino's level names, quietest last. */
export { DEFAULT_DB } from './store-target.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** The validated configuration of `samplan serve`. */
export interface ServerConfig {
  /** TCP port; 0 lets the operating system choose (tests). */
  port: number;
  /** Interface to listen on. Loopback by default, so a laptop never exposes the server by accident. */
  host: string;
  /** Path of the SQLite database file (unused when {@link ServerConfig.databaseUrl} is set). */
  db: string;
  /** A PostgreSQL URL (`postgres://user:pass@host/db`): store there instead of the SQLite file. */
  databaseUrl: string | null;
  /** A Redis URL (`redis://host:6379`): relay edits, presence and rights changes to the other processes. */
  redisUrl: string | null;
  /** The address people and the add-in use to reach the server; derived from host and port when unset. */
  publicUrl: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Create the demo workspace on first start and print demo tokens. */
  demo: boolean;
}


/** The highest TCP port. */
const MAX_PORT = 65_535;
/** A port out of range, in each language's form of the bound (`65 535` in Swedish). */
const PORT_RANGE = { sv: `ska vara mellan 0 och ${numberText(MAX_PORT, 'sv')}`, en: `must be between 0 and ${numberText(MAX_PORT, 'en')}` };

/**
 * A port as typed: digits, nothing else. `z.coerce.number` read it as JavaScript reads a number,
 * so `--port=` and `--port " "` (a script's `--port "$PORT"` with the variable unset) were 0, a port
 * the system picks at random, where the add-in and the clients look for another, and `0x1F90`
 * was 8080, `1e3` 1000: the server started on a port no one named.
 */
const portSchema = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  const error =
    text === ''
      ? 'must not be empty'
      : !/^[+-]?\d+(?:\.\d+)?$/.test(text)
        ? 'must be a number'
        : !/^[+-]?\d+$/.test(text)
          ? 'must be a whole number'
          : Number(text) < 0 || Number(text) > MAX_PORT
            ? PORT_RANGE.en
            : null;
  if (error === null) return Number(text);
  ctx.addIssue({ code: 'custom', message: error, input: raw });
  return z.NEVER;
});

const configSchema = z.object({
  port: portSchema.default(8787),
  host: z.string().trim().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  db: z.string().trim().min(1, { error: 'must not be empty' }).default(DEFAULT_DB),
  databaseUrl: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// address, e.g. postgres://samplan@db.example/samplan' })
    .nullable()
    .default(null),
  redisUrl: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// address, e.g. redis://127.0.0.1:6379' })
    .nullable()
    .default(null),
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address, e.g. https://samplan.example.se' })
    .transform((u) => u.replace(/\/+$/, ''))
    .nullable()
    .default(null),
  logLevel: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  demo: z.boolean().default(false),
});

/** The Swedish of the schema's own words above, by their English (zod keeps one message). */
const SETTING_SV: Readonly<Record<string, string>> = {
  'must be a number': 'ska vara ett tal',
  'must be a whole number': 'ska vara ett heltal',
  [PORT_RANGE.en]: PORT_RANGE.sv,
  'must not be empty': 'får inte vara tom',
  'must be a postgres:// address, e.g. postgres://samplan@db.example/samplan': 'ska vara en postgres://-adress, t.ex. postgres://samplan@db.example/samplan',
  'must be a redis:// address, e.g. redis://127.0.0.1:6379': 'ska vara en redis://-adress, t.ex. redis://127.0.0.1:6379',
  'must be an http:// or https:// address, e.g. https://samplan.example.se': 'ska vara en http://- eller https://-adress, t.ex. https://samplan.example.se',
  [`must be one of ${LOG_LEVELS.join(', ')}`]: `ska vara en av ${LOG_LEVELS.join(', ')}`,
};

/** The Swedish of what a process setting takes (`<NAME> must be <what>, not "<raw>"`, the English of its module). */
const PROCESS_SV: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^a positive number of megabytes$/, () => 'ett positivt antal megabyte'],
  [/^a number of megabytes, 0 or more$/, () => 'ett antal megabyte, 0 eller mer'],
  // The bounds as the module wrote them in English (`0.1`), in Swedish with a decimal comma (`0,1`).
  [/^a whole number from (\S+) to (\S+)$/, (m) => `ett heltal från ${numbersIn(m[1] as string, 'sv')} till ${numbersIn(m[2] as string, 'sv')}`],
  [/^a number of seconds from (\S+) to (\S+)$/, (m) => `ett antal sekunder från ${numbersIn(m[1] as string, 'sv')} till ${numbersIn(m[2] as string, 'sv')}`],
];

/** The sentence for a process setting refused by its module with `said` (`NAME must be …, not "…"`), in both languages. */
function processSettingWords(said: string): Localized {
  const en = `The setting ${said}.`;
  const m = /^(\S+) must be (.*), not (".*")$/s.exec(said);
  if (!m) return { sv: `Inställningen ${said}.`, en };
  for (const [shape, sv] of PROCESS_SV) {
    const what = shape.exec(m[2] as string);
    if (what) return { sv: `Inställningen ${m[1]} ska vara ${sv(what)}, inte ${m[3]}.`, en };
  }
  return { sv: `Inställningen ${m[1]} ska vara ${m[2]}, inte ${m[3]}.`, en };
}

/** Where each setting can come from, for error messages. */
const SOURCES: Record<keyof ServerConfig, string> = {
  port: '--port / PORT',
  host: '--host / HOST',
  db: '--db / SAMPLAN_DB',
  databaseUrl: '--database-url / SAMPLAN_DATABASE_URL',
  redisUrl: '--redis-url / SAMPLAN_REDIS_URL',
  publicUrl: '--public-url / SAMPLAN_PUBLIC_URL',
  logLevel: '--log-level / LOG_LEVEL',
  demo: '--demo',
};

/** Flags as parsed from the command line; unset flags are undefined. */
export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  db?: string | undefined;
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  publicUrl?: string | undefined;
  logLevel?: string | undefined;
  demo?: boolean | undefined;
}

const pick = pickSetting;

/**
 * Settings read later than the start, each by its own module: by the first room that remembers a
 * take-back or keeps another process's update unapplied, by the first spreadsheet read, by the
 * PostgreSQL serving lock's liveness check. A wrong
 * value must stop the start with a sentence, not that room or that import. Each check throws an
 * Error whose message begins with the variable's name.
 */
const PROCESS_SETTINGS: readonly ((env: Record<string, string | undefined>) => unknown)[] = [takeBackMemoryMb, unappliedMemoryMb, readWorkerBounds, importReadMs, serveLockCheckMs];

/** @throws ConfigError `The setting NAME must be …, not "…".` for the first wrong one of {@link PROCESS_SETTINGS}. */
function checkProcessSettings(env: Record<string, string | undefined>): void {
  for (const check of PROCESS_SETTINGS) {
    try {
      check(env);
    } catch (err) {
      throw new ConfigError(processSettingWords((err as Error).message));
    }
  }
}

/**
 * Build the server configuration.
 *
 * @throws ConfigError naming the setting and the expected form, e.g.
 *   `PORT (--port / PORT) must be a whole number: got "80a".`
 * @example
 * const config = loadConfig({ port: '9000' }, process.env);
 */
export function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined>): ServerConfig {
  const raw = {
    port: pick(flags.port, env.PORT),
    host: pick(flags.host, env.HOST),
    db: pick(flags.db, env.SAMPLAN_DB),
    databaseUrl: pick(flags.databaseUrl, env.SAMPLAN_DATABASE_URL),
    redisUrl: pick(flags.redisUrl, env.SAMPLAN_REDIS_URL),
    publicUrl: pick(flags.publicUrl, env.SAMPLAN_PUBLIC_URL),
    logLevel: pick(flags.logLevel, env.LOG_LEVEL)?.toLowerCase(),
    demo: flags.demo,
  };
  // Both would be a guess: the database URL wins, and the file named is silently not used.
  if (flags.db !== undefined && raw.databaseUrl !== undefined) {
    const url = redactPassword(raw.databaseUrl);
    throw new ConfigError({
      sv: `--db namnger en SQLite-fil, men en PostgreSQL-databas är också angiven (--database-url eller SAMPLAN_DATABASE_URL, ${url}): ge en av dem.`,
      en: `--db names an SQLite file, but a PostgreSQL database is set too (--database-url or SAMPLAN_DATABASE_URL, ${url}): give one of them.`,
    });
  }
  for (const key of ['databaseUrl', 'redisUrl'] as const) {
    const url = raw[key];
    if (url !== undefined && splitUserinfo(url)) throw new ConfigError(splitUserinfoWords(SOURCES[key]));
  }
  checkProcessSettings(env);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const first = issue.path[0];
      const key = (typeof first === 'string' ? first : '') as keyof ServerConfig;
      const got = key === 'databaseUrl' || key === 'redisUrl' ? redactPassword(raw[key]) : raw[key];
      return settingWords(SOURCES[key] ?? key, { sv: SETTING_SV[issue.message] ?? issueWordsSv(issue), en: issueWordsEn(issue) }, got);
    });
    throw new ConfigError(joinWords(messages));
  }
  return parsed.data;
}

/**
 * The Redis URL a command relays or announces on (`serve`, `token revoke`, `member add|remove`),
 * null when none is set. Several processes share a PostgreSQL database, never an SQLite file, so
 * Redis beside an SQLite file is refused before anything is opened, in every such command alike.
 *
 * @throws ConfigError `--redis-url needs --database-url: …` when a Redis URL (flag or
 *   SAMPLAN_REDIS_URL) is set and no PostgreSQL database is.
 */
export function redisUrlOf(config: Pick<ServerConfig, 'redisUrl' | 'databaseUrl'>): string | null {
  if (config.redisUrl && !config.databaseUrl) {
    throw new ConfigError({
      sv: '--redis-url kräver --database-url: flera processer delar en PostgreSQL-databas, aldrig en SQLite-fil.',
      en: '--redis-url needs --database-url: several processes share a PostgreSQL database, never an SQLite file.',
    });
  }
  return config.redisUrl;
}

/** The public address to print and to put in URLs: the configured one, else `http://host:port`. */
export function publicUrlOf(config: Pick<ServerConfig, 'publicUrl' | 'host'>, port: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${digits(port)}`;
}

/**
 * A URL with every password in it replaced by `***`, for messages and logs: the user's
 * (`postgres://samplan:***@db/samplan`) and one given as a `password` parameter
 * (`?password=***`, which libpq and node-postgres read). Text that is no URL, written by a person
 * (`samplan:hemligt@db/samplan`, the scheme forgotten; a port that is no number), or a URL whose
 * password's `#`, `/` or `?` ended its authority early (`samplan:2024#Vinter@db`, `url-userinfo.ts`),
 * keeps nothing between its first `:` after any `//` and its last `@`, nor after a `password=`
 * up to the next `&` (a `#` in it too).
 */
export function redactPassword(url: string | undefined | null): string | undefined | null {
  if (!url) return url;
  try {
    // `samplan:hemligt@db` parses as a URL of scheme `samplan:` with no user nor password.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new TypeError('no authority');
    // `samplan:2024#Vinter@db` parses with the password's start as host and port, its rest as a fragment.
    if (splitUserinfo(url)) throw new TypeError('userinfo split');
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (key.toLowerCase() === 'password') u.searchParams.set(key, '***');
    // A `#` typed in a `password=` parameter starts a fragment: its rest is the password's too.
    if (u.hash !== '' && [...u.searchParams.keys()].some((k) => k.toLowerCase() === 'password')) u.hash = '';
    return u.toString().replace(/([?&]password=)%2A%2A%2A/gi, '$1***');
  } catch {
    const at = url.lastIndexOf('@');
    const slashes = url.indexOf('//');
    const colon = url.indexOf(':', slashes >= 0 && slashes < at ? slashes + 2 : 0);
    const userinfo = at >= 0 && colon >= 0 && colon < at ? `${url.slice(0, colon + 1)}***${url.slice(at)}` : url;
    return userinfo.replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

/**
 * The parts of the CLI's help table (`cli-usage.ts`): one command's help in both languages, an
 * option's row, and the rows several commands share. A flag is written once, as the parser names
 * it (`OPTIONS`, `cli-options.ts`), beside its Swedish and English texts, so the two cannot name
 * different flags; the placeholder of its value may differ (`--out FIL`, `--out FILE`).
 */
import type { OptionName } from './cli-options.js';
import type { Localized } from '../shared/schema/types.js';

/** One option's row under "Options:" of `samplan <command> --help`. */
export interface OptionRow {
  /** The option's long name, as the command line takes it. */
  name: OptionName;
  /** The placeholder of its value: one for both languages (`N`, `sv|en`), each its own (`FIL`/`FILE`), or none for a switch. */
  value: string | Localized | null;
  /** What it does; a line after the first continues it, printed under the first. */
  text: Localized;
}

/** One command's help, in both languages. */
export interface CommandHelp {
  /**
   * The command's lines under "Commands:" in `samplan --help`: its forms, each starting with the
   * command (" | " between forms on one line), and indented lines that continue the form above.
   */
  summary: Localized;
  /** The rows printed by `samplan <command> --help` only. */
  options: readonly OptionRow[];
  /** Lines printed under the options; none when left out. */
  notes?: Localized;
  /** Example command lines: one for both languages, or each its own when it holds a placeholder. */
  examples: readonly (string | Localized)[];
}

/** An option's row; `value` null for a switch. */
export function opt(name: OptionName, value: string | Localized | null, text: Localized): OptionRow {
  return { name, value, text };
}

/**
 * pino's level names, as `--log-level` and `LOG_LEVEL` take them (`LOG_LEVELS`, `config.ts`, which
 * loads zod; help loads no package, and a test holds the two equal).
 */
export const HELP_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** The level names as a list in words, the default marked: "trace, debug, info (default), …, fatal or silent". */
export function levelList(lang: 'sv' | 'en'): string {
  const words = HELP_LOG_LEVELS.map((level) => (level === 'info' ? `info (${lang === 'sv' ? 'standard' : 'default'})` : level));
  return `${words.slice(0, -1).join(', ')} ${lang === 'sv' ? 'eller' : 'or'} ${words.at(-1) ?? ''}`;
}

/**
 * The placeholders of a command's arguments, as its usage and its refusal of a missing one
 * (`<arbetsyta> saknas.`) name them.
 */
export const ARG = {
  workspace: { sv: '<arbetsyta>', en: '<workspace>' },
  doc: { sv: '<dokument>', en: '<doc>' },
  file: { sv: '<fil>', en: '<file>' },
  round: { sv: '<omgång>', en: '<round>' },
} as const satisfies Record<string, Localized>;

/** The placeholder of a file's path. */
export const FILE_VALUE: Localized = { sv: 'FIL', en: 'FILE' };

/** `--db` and `--database-url`, which every command that opens the database names in its help. */
export const DB_ROWS: readonly OptionRow[] = [
  opt('db', FILE_VALUE, { sv: 'SQLite-filen (miljövariabel SAMPLAN_DB, standard ./data/samplan.db).', en: 'The SQLite file (env SAMPLAN_DB, default ./data/samplan.db).' }),
  opt('database-url', 'URL', { sv: 'PostgreSQL i stället, postgres://… (miljövariabel SAMPLAN_DATABASE_URL).', en: 'PostgreSQL instead, postgres://… (env SAMPLAN_DATABASE_URL).' }),
];

/**
 * `--lang`, which every command takes: the row of a command whose help has no `--lang` row of its
 * own (import, export and report say what it changes in them).
 */
export const LANG_ROW: OptionRow = opt('lang', 'sv|en', {
  sv: 'Kommandots rader, vägranden och fel på svenska eller engelska (standard: språkinställningen\nnär den är svenska eller engelska, annars svenska).',
  en: "The command's lines, refusals and failures in Swedish or English (default: the locale\nwhen it is Swedish or English, else Swedish).",
});

/** `--redis-url` of a command that changes access (token, member): the servers are told at once. */
export const REDIS_TELL_ROW: OptionRow = opt('redis-url', 'URL', {
  sv: 'redis://… (miljövariabel SAMPLAN_REDIS_URL): meddela den PostgreSQL-databasens servrar genast\n(vägras med en SQLite-fil, som serve vägrar den).',
  en: 'redis://… (env SAMPLAN_REDIS_URL): tell the servers of that PostgreSQL database at once\n(refused with an SQLite file, as serve refuses it).',
});

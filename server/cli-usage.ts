/**
 * The help of the `samplan` command, in the language of its other lines (`messageLang`,
 * `cli-lang.ts`), from one table of both languages: `samplan --help` lists every command's
 * summary, `samplan <command> --help` (or `samplan help <command>`) prints that command's summary,
 * its options and examples, and a mistake on the command line is followed by one of them. The
 * command names the CLI accepts are this table's keys; its rows are in `cli-usage-access.ts` and
 * `cli-usage-data.ts`, an option named once for both languages (`cli-usage-rows.ts`).
 * Examples use the demo workspace (`hbi-stockholm`, its units, documents and rounds, see
 * `server/demo/seed.ts`) and are run against it by `cli-help-examples*.test.ts`: none is a template.
 *
 * @example
 * console.log(usage('sv')); // Användning: samplan <kommando> [alternativ] …
 * console.log(commandUsage('backup', 'en')); // Usage:\n  samplan backup <file>\n\nOptions: …
 */
import type { CliLang } from './cli-lang.js';
import { ACCESS_COMMANDS } from './cli-usage-access.js';
import { DATA_COMMANDS } from './cli-usage-data.js';
import { LANG_ROW, type CommandHelp, type OptionRow } from './cli-usage-rows.js';

/** The commands of `samplan`, in the order `samplan --help` lists them. */
export const COMMANDS = { ...ACCESS_COMMANDS, ...DATA_COMMANDS } as const satisfies Record<string, CommandHelp>;

/** A command of `samplan`. */
export type CommandName = keyof typeof COMMANDS;

/** The command names, in the table's order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as [CommandName, ...CommandName[]];

/** Whether `word` (as typed) is the name of a command; `help` is none. */
export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

/** The column an option's text starts at, after two spaces and the flag with its value. */
export const OPTION_TEXT_COLUMN = 22;

const WORDS = {
  sv: { usage: 'Användning', commands: 'Kommandon', options: 'Alternativ', example: 'Exempel', examples: 'Exempel' },
  en: { usage: 'Usage', commands: 'Commands', options: 'Options', example: 'Example', examples: 'Examples' },
} as const;

const indent = (text: string): string => text.replace(/^/gm, '  ');

/** The flag of `row` with its value's placeholder in `lang`, as printed: `--out FIL`. */
export function optionLabel(row: OptionRow, lang: CliLang): string {
  const value = row.value === null ? '' : ` ${typeof row.value === 'string' ? row.value : row.value[lang]}`;
  return `--${row.name}${value}`;
}

/** One option's lines: the flag, its text from {@link OPTION_TEXT_COLUMN}, continued lines under it. */
function optionLines(row: OptionRow, lang: CliLang): string {
  const [first, ...more] = row.text[lang].split('\n');
  const label = `  ${optionLabel(row, lang)}`.padEnd(OPTION_TEXT_COLUMN);
  return [`${label}${first ?? ''}`, ...more.map((line) => `${' '.repeat(OPTION_TEXT_COLUMN)}${line}`)].join('\n');
}

/** The examples of `name` in `lang`. */
export function examplesOf(name: CommandName, lang: CliLang): string[] {
  const help: CommandHelp = COMMANDS[name];
  return help.examples.map((e) => (typeof e === 'string' ? e : e[lang]));
}

/** The option rows `samplan <command> --help` prints: the command's own, then {@link LANG_ROW} unless it has a `--lang` row of its own. */
export function optionRowsOf(name: CommandName): readonly OptionRow[] {
  const help: CommandHelp = COMMANDS[name];
  return help.options.some((row) => row.name === 'lang') ? help.options : [...help.options, LANG_ROW];
}

/** What `samplan <command> --help` prints under "Options:": every option's row, then the notes. */
export function optionsText(name: CommandName, lang: CliLang): string {
  const help: CommandHelp = COMMANDS[name];
  return [...optionRowsOf(name).map((row) => optionLines(row, lang)), ...(help.notes ? [help.notes[lang]] : [])].join('\n');
}

/** The lines of `samplan --help` above the commands. */
const HEAD = {
  sv: `Användning: samplan <kommando> [alternativ]   (samplan <kommando> --help för ett kommando)
            samplan --version                   (eller -v: Samplans version)`,
  en: `Usage: samplan <command> [options]   (samplan <command> --help for one command)
       samplan --version                (or -v: the version of Samplan)`,
};

/** The lines of `samplan --help` under the commands: what every command takes. */
const TAIL = {
  sv: `Varje kommando tar --db FIL (standard ./data/samplan.db, miljövariabel SAMPLAN_DB), eller
--database-url postgres://… (miljövariabel SAMPLAN_DATABASE_URL) för att använda PostgreSQL, och
--lang sv|en för sina rader, vägranden och fel på svenska eller engelska (standard: språkinställningen,
LC_ALL, LC_MESSAGES eller LANG, när den är svenska eller engelska, annars svenska; meningar som bara
finns på engelska förblir engelska); serve tar även --redis-url redis://… (miljövariabel
SAMPLAN_REDIS_URL) för att köra som en av flera processer på den databasen, och token revoke,
member add och member remove tar den för att meddela de processerna genast.
serve låser databasen (<db>.lock): en andra server på samma fil vägrar att starta. De andra
kommandona fungerar bredvid en server som körs; dess anslutna klienter ser en import inom en sekund.`,
  en: `Every command takes --db FILE (default ./data/samplan.db, env SAMPLAN_DB), or --database-url
postgres://… (env SAMPLAN_DATABASE_URL) to use PostgreSQL, and --lang sv|en for its lines, refusals
and failures in Swedish or English (default: the locale, LC_ALL, LC_MESSAGES or LANG, when it is
Swedish or English, else Swedish; sentences that exist in English only stay English); serve also takes --redis-url redis://…
(env SAMPLAN_REDIS_URL) to run as one of several processes on that database, and token revoke,
member add and member remove take it to tell those processes at once.
serve locks the database (<db>.lock): a second server on the same file refuses to start. The other
commands work beside a running server; its connected clients see an import within a second.`,
};

/** `samplan --help` in `lang`: every command's summary, the options all commands share and `--version`. */
export function usage(lang: CliLang): string {
  const summaries = COMMAND_NAMES.map((name) => indent((COMMANDS[name] as CommandHelp).summary[lang])).join('\n');
  return `${HEAD[lang]}\n\n${WORDS[lang].commands}:\n${summaries}\n${TAIL[lang]}`;
}

/** `samplan <command> --help` in `lang`: the command's summary, options and examples. */
export function commandUsage(name: CommandName, lang: CliLang): string {
  const help: CommandHelp = COMMANDS[name];
  const words = WORDS[lang];
  // A summary line names forms of the command (" | " between them); an indented one continues
  // the form above it.
  const forms = help.summary[lang]
    .split('\n')
    .flatMap((line) => (line.startsWith(' ') ? [line] : line.split(' | ')))
    .map((line) => (line.startsWith(' ') ? `  ${line}` : `  samplan ${line}`));
  const examples = examplesOf(name, lang);
  return `${words.usage}:
${forms.join('\n')}

${words.options}:
${optionsText(name, lang)}

${examples.length > 1 ? words.examples : words.example}:
${examples.map((e) => `  ${e}`).join('\n')}`;
}

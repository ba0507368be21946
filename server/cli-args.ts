/**
 * The command line of `samplan`, read against what each command takes: its options (every
 * option's type is in `OPTIONS`, `cli-options.ts`; which command takes which, {@link COMMAND_OPTIONS}), its
 * subcommands and how many arguments follow them. A wrong, missing or unknown argument is a
 * {@link CliError} with `argument` set: the CLI prints its one sentence and that command's own
 * usage (`cli-usage.ts`) to stderr and exits 2. Text the user typed is echoed with identity
 * numbers masked.
 */
import { parseArgs } from 'node:util';
import { messageLang, type CliLang } from './cli-lang.js';
import { OPTIONS, type OptionName } from './cli-options.js';
import type { CommandName } from './cli-usage.js';
import { ARG } from './cli-usage-rows.js';
import type { Localized } from '../shared/schema/types.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { numberText } from '../shared/i18n/number-words.js';

/**
 * The options every command takes: the database (README, `samplan --help`), `--lang` (the
 * language of its refusals and failures, `cli-lang.ts`, and of the lines of import, export and
 * report) and `--help`.
 */
export const COMMON_OPTIONS: readonly OptionName[] = ['db', 'database-url', 'lang', 'help'];

/** The options each command takes besides {@link COMMON_OPTIONS}; the same as its help names (`cli-usage.ts`). */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionName[]>> = {
  serve: ['demo', 'port', 'host', 'public-url', 'log-level', 'redis-url', 'oidc-issuer', 'oidc-client-id', 'oidc-audience', 'oidc-workspace', 'oidc-roles', 'oidc-auto-provision'],
  stop: [],
  token: ['workspace', 'member', 'expires', 'label', 'redis-url'],
  member: ['workspace', 'id', 'name', 'role', 'units', 'redis-url'],
  workspace: ['workspace', 'id', 'name'],
  unit: ['workspace', 'code', 'name', 'parent'],
  import: ['dry-run', 'json'],
  export: ['format', 'sep', 'out'],
  report: ['unit', 'out', 'pdf'],
  rounds: ['workspace', 'period', 'due', 'title', 'id', 'indicator', 'no-activities', 'interim', 'member', 'reason'],
  backup: ['overwrite'],
  migrate: ['from', 'to'],
  history: ['dry-run', 'all-flagged', 'vacuum', 'key'],
};

/**
 * How many arguments each command takes after its name: a number, or for a command with
 * subcommands, each subcommand's name with how many follow it (`token revoke <id>`). The
 * commands read them (and say which is missing); more are refused here.
 */
export const COMMAND_ARGUMENTS: Readonly<Record<CommandName, number | Readonly<Record<string, number>>>> = {
  serve: 0,
  stop: 0,
  token: { create: 0, list: 0, revoke: 1 },
  member: { add: 0, remove: 0, list: 0 },
  workspace: { create: 0, rename: 1, list: 0 },
  unit: { add: 0, rename: 0, list: 0 },
  import: 3,
  export: 2,
  report: 2,
  rounds: { define: 0, list: 0, close: 1, reopen: 1 },
  backup: 1,
  migrate: 0,
  history: { scan: 1, drop: 1 },
};

/**
 * The arguments a command (or `command subcommand`) cannot go without, named as its usage names
 * them, in order: {@link checkArguments} says which is missing before the command's modules are
 * loaded. Arguments a command can also take from an option (`workspace rename WS` or
 * `--workspace WS`) or leave out (`history scan`) are read by the command.
 */
export const REQUIRED_ARGUMENTS: Readonly<Record<string, readonly (string | Localized)[]>> = {
  import: [ARG.workspace, ARG.doc, ARG.file],
  export: [ARG.workspace, ARG.doc],
  report: [ARG.workspace, ARG.round],
  backup: [ARG.file],
  'token revoke': [{ sv: 'id för token att återkalla', en: 'the token id to revoke' }],
};

/**
 * A mistake on the command line, as one sentence; exit code 2. With `argument`, a wrong, missing
 * or unknown argument of a command, printed with that command's usage; without, a refusal the
 * usage does not help with (a database or workspace that is not there). Given `{ sv, en }`,
 * `message` is the English and `sv` the Swedish, which the CLI prints under `--lang sv`
 * (`cli-lang.ts`); a sentence given as one string is English alone.
 */
export class CliError extends Error {
  /** The sentence in Swedish, when it was given in both languages. */
  readonly sv: string | undefined;

  constructor(
    message: string | Localized,
    readonly argument = false,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.sv = typeof message === 'string' ? undefined : message.sv;
  }
}

/**
 * `value` when given and not blank; else a {@link CliError} `Missing <what>.` (an argument
 * mistake), `what` in both languages (`ARG.file`, `--from <sqlite-fil>`) or one name both share.
 */
export function need(value: string | undefined, what: string | Localized): string {
  const named = typeof what === 'string' ? { sv: what, en: what } : what;
  if (value === undefined || value.trim() === '') throw new CliError({ sv: `${named.sv} saknas.`, en: `Missing ${named.en}.` }, true);
  return value;
}

/** {@link CliError} `--lang must be sv or en` unless `--lang` is left out, sv or en. */
function checkLang(flags: Flags): void {
  if (flags.lang !== undefined && flags.lang !== 'sv' && flags.lang !== 'en') {
    throw new CliError({ sv: `--lang ska vara sv eller en, inte ${quoted(flags.lang)}.`, en: `--lang must be sv or en, not ${quoted(flags.lang)}.` }, true);
  }
}

/**
 * The language of the command's lines and failures: `--lang`, else the locale of `env`, else
 * Swedish (`messageLang`, `cli-lang.ts`: the one rule); a `--lang` of another value is an argument mistake.
 */
export function langOf(flags: Flags, env: Readonly<Record<string, string | undefined>> = process.env): CliLang {
  checkLang(flags);
  return messageLang(flags.lang, env);
}

/**
 * The language of a document a command writes for others (`export`'s column names, `report`):
 * `--lang`, else Swedish whatever the locale, so that a file's columns do not change with the
 * machine it was exported on (a re-import, Power Query); a `--lang` of another value is an argument mistake.
 */
export function documentLangOf(flags: Flags): CliLang {
  checkLang(flags);
  return flags.lang === 'en' ? 'en' : 'sv';
}

/** What a personnummer in a line of the CLI on stderr becomes (`redact-personnummer.ts`). */
export const FAILURE_MASK = '[personnummer]';

/**
 * A file's path as a line of the CLI names it, on stdout as on stderr: a personnummer in it (a file
 * named after a patient, `19121212-1212.xlsx`) masked as {@link FAILURE_MASK}, as the failure lines
 * and `import`'s lines mask it; the lines are kept in logs and scripts' mail.
 *
 * @example shownPath('ut/19121212-1212.csv') // 'ut/[personnummer].csv'
 */
export function shownPath(file: string): string {
  return redactPersonnummer(file, FAILURE_MASK);
}

/** What the user typed, quoted, identity numbers masked (`redact-personnummer.ts`). */
export function quoted(text: string): string {
  return `"${redactPersonnummer(text)}"`;
}

/** The first argument that is no option nor an option's value: the command, or undefined when there is none. */
export function commandWord(argv: string[]): string | undefined {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  return tokens.find((t) => t.kind === 'positional')?.value;
}

/** The file name that means standard output (`--out -`), as for most Unix commands. */
export const STANDARD_OUTPUT = '-';

/** The options whose value {@link STANDARD_OUTPUT} may be: a lone dash there is no missing value. */
const TO_STANDARD_OUTPUT: ReadonlySet<string> = new Set(['out', 'pdf']);

/**
 * `argv` read as `command`'s options and positionals (the command first); for `help`, `samplan`
 * without a command, every option (`samplan --help --db x` is help all the same) and `--version`,
 * which no command takes. A value that starts with a dash is refused as a missing value unless
 * written `--opt=-x`, except `-` itself after `--out` or `--pdf` ({@link STANDARD_OUTPUT}).
 */
export function readArguments(argv: string[], command: CommandName | 'help') {
  const takes = new Set<string>(command === 'help' ? Object.keys(OPTIONS) : [...COMMON_OPTIONS, ...COMMAND_OPTIONS[command]]);
  const name = command === 'help' ? 'samplan' : `samplan ${command}`;
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const given = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const raw = quoted(token.rawName).slice(1, -1);
    if (!takes.has(token.name)) throw new CliError({ sv: `${name} har inget alternativ ${raw}.`, en: `${name} has no option ${raw}.` }, true);
    const type = OPTIONS[token.name as OptionName].type;
    if (type === 'boolean' && token.value !== undefined) throw new CliError({ sv: `${raw} tar inget värde; skriv ${raw} ensamt.`, en: `${raw} takes no value; write ${raw} alone.` }, true);
    if (type === 'string' && token.value === undefined) throw new CliError({ sv: `Värdet för ${raw} saknas.`, en: `Missing the value of ${raw}.` }, true);
    if (type === 'string' && !token.inlineValue && token.value?.startsWith('-') && !(token.value === STANDARD_OUTPUT && TO_STANDARD_OUTPUT.has(token.name))) {
      const next = quoted(token.value).slice(1, -1);
      throw new CliError(
        {
          sv: `Värdet för ${raw} saknas före ${next} (skriv ${raw}=${next} för ett värde som börjar med ett streck).`,
          en: `Missing the value of ${raw} before ${next} (write ${raw}=${next} for a value that starts with a dash).`,
        },
        true,
      );
    }
    refuseGivenTwice(given, token.name, raw, token.value);
  }
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/**
 * Refuses an option of one value given again with another (`--units vc-a --units vc-b`,
 * `--workspace a … --workspace b`): `parseArgs` keeps the last and drops the first without a word,
 * so a member was added with one unit of the two, or a token made in the other workspace. The same
 * value twice (a script that repeats a default) and switches are taken. `given` holds the values
 * seen so far by option name; `--indicator`, which a command takes several of, is not counted, nor
 * `--lang`, which changes no data: a wrapper's default language the person overrides.
 */
function refuseGivenTwice(given: Map<string, string>, option: string, raw: string, value: string | undefined): void {
  const def = OPTIONS[option as OptionName] as { type: string; multiple?: boolean } | undefined;
  if (!def || def.type !== 'string' || def.multiple || option === 'lang' || value === undefined) return;
  const before = given.get(option);
  given.set(option, value);
  if (before === undefined || before === value) return;
  const list = option === 'units' ? { sv: ` Flera enheter skrivs i ett värde, åtskilda med komma: ${raw} ${quoted(`${before},${value}`)}.`, en: ` Several units go in one value, separated by commas: ${raw} ${quoted(`${before},${value}`)}.` } : { sv: '', en: '' };
  throw new CliError(
    {
      sv: `${raw} står två gånger, ${quoted(before)} och ${quoted(value)}; bara det sista skulle gälla, så inget gjordes. Ange ${raw} en gång.${list.sv}`,
      en: `${raw} is given twice, ${quoted(before)} and ${quoted(value)}; only the last would count, so nothing was done. Give ${raw} once.${list.en}`,
    },
    true,
  );
}

/** The options `readArguments` returns. */
export type Flags = ReturnType<typeof readArguments>['values'];

/**
 * Refuses a missing or unknown subcommand of `command`, a missing argument of
 * {@link REQUIRED_ARGUMENTS} (`Missing <doc>.`, blank counts as missing) and an argument more than
 * it takes; `rest` are the arguments after the command's name.
 */
export function checkArguments(command: CommandName, rest: readonly string[]): void {
  const takes = COMMAND_ARGUMENTS[command];
  let count: number;
  let name = `samplan ${command}`;
  let args = rest;
  if (typeof takes === 'number') count = takes;
  else {
    const subs = Object.keys(takes);
    const use = { sv: `använd ${subs.slice(0, -1).join(', ')} eller ${subs.at(-1) ?? ''}`, en: `use ${subs.slice(0, -1).join(', ')} or ${subs.at(-1) ?? ''}` };
    const sub = rest[0];
    if (sub === undefined) throw new CliError({ sv: `Underkommandot till ${command} saknas; ${use.sv}.`, en: `Missing the ${command} command; ${use.en}.` }, true);
    const known = Object.hasOwn(takes, sub) ? takes[sub] : undefined;
    if (known === undefined) throw new CliError({ sv: `Okänt ${command}-kommando ${quoted(sub)}; ${use.sv}.`, en: `Unknown ${command} command ${quoted(sub)}; ${use.en}.` }, true);
    count = known;
    name = `${name} ${sub}`;
    args = rest.slice(1);
  }
  const required = REQUIRED_ARGUMENTS[name.slice('samplan '.length)] ?? [];
  required.forEach((what, i) => need(args[i], what));
  const extra = args[count];
  if (extra === undefined) return;
  const takesWords = count === 0 ? { sv: 'inga argument', en: 'no arguments' } : count === 1 ? { sv: 'ett argument', en: 'one argument' } : { sv: `${numberText(count, 'sv')} argument`, en: `${numberText(count, 'en')} arguments` };
  throw new CliError({ sv: `Oväntat argument ${quoted(extra)}: ${name} tar ${takesWords.sv}.`, en: `Unexpected argument ${quoted(extra)}: ${name} takes ${takesWords.en}.` }, true);
}

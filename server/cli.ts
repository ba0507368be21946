#!/usr/bin/env node
/**
 * The `samplan` command: run the server, manage tokens, move rows in and out, back up.
 *
 * @example
 * samplan serve --demo --db ./data/samplan.db
 * samplan token create --workspace hbi-stockholm --member anna --expires 30d --label "Excel, Husby"
 * samplan token list --workspace hbi-stockholm
 * samplan token revoke 3f2a9c1b7d0e
 * samplan member add --workspace hbi-stockholm --id nina --name "Nina Ek" --role editor --units vc-husby
 * samplan member remove --workspace hbi-stockholm --id nina
 * samplan import hbi-stockholm aktivitetsplan-vc-tensta plan.csv --dry-run
 * samplan export hbi-stockholm aktivitetsplan-vc-tensta --format xlsx --out plan.xlsx
 * samplan backup ./backups/samplan-2026-01-31.db
 * samplan --version
 */
import { checkArguments, CliError, commandWord, FAILURE_MASK, langOf, quoted, readArguments } from './cli-args.js';
import { cliLang, sentenceOf, type CliLang } from './cli-lang.js';
import { commandUsage, isCommandName, usage, type CommandName } from './cli-usage.js';
import { ConfigError } from './config-error.js';
import type { Localized } from '../shared/schema/types.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { packageVersion } from './package-root.js';
import { storeTargetOf } from './store-target.js';

/**
 * Run the CLI with `argv` (without node and the script); resolves with the exit code: 2 for a
 * mistake on the command line, printed to stderr as one sentence, with the usage of the command
 * when an argument of it is wrong, missing or unknown (`cli-args.ts`), the global usage when the
 * command is (both in the language of every other line, `cli-usage.ts`). Every other refusal or failure is one line on stderr starting `samplan: `; exit 2
 * for a refusal (a setting such as a --database-url that is no postgres:// address, a database,
 * workspace, document, member or unit named that is not there, a name that is taken, a text holding a personnummer or a
 * character no name may hold), 1 for a failure (`cli-failure.ts`: a store's fault with what the
 * store said, a personnummer masked); the README lists them. Every line for a person, refusal and failure
 * is said in the language of `--lang`, else of the locale when it is Swedish or English, else in
 * Swedish (`messageLang`, `cli-lang.ts`). Only the command that runs is loaded (`cli-run.ts`): help and a mistake
 * on the command line load nothing of the server; a mistake in a command's arguments that needs
 * no store (`cli-check.ts`, checked once) is said before the settings' schema (zod) or the
 * command's modules are loaded, and one in a setting before the command's modules are.
 */
export async function main(argv: string[]): Promise<number> {
  const first = commandWord(argv) ?? 'help';
  const command = first === 'help' || isCommandName(first) ? first : null;
  const lang = cliLang(argv, process.env);
  if (command === null) {
    console.error(`${unknownCommand(first)[lang]}\n\n${usage(lang)}`);
    return 2;
  }
  try {
    return await run(command, argv, lang);
  } catch (err) {
    // A wrong, missing or unknown argument: its sentence and the command's usage. Anything else
    // (a setting, the database, a workspace that is not there) is one line `samplan: …`.
    if (err instanceof CliError && err.argument) {
      console.error(`${sentenceOf(err, lang)}\n\n${command === 'help' ? usage(lang) : commandUsage(command, lang)}`);
      return 2;
    }
    if (err instanceof CliError || err instanceof ConfigError) {
      // A refusal or a setting, told without loading what tells a store's errors. A path or a name
      // the command was given may hold a personnummer: masked like a failure's.
      console.error(redactPersonnummer(`samplan: ${sentenceOf(err, lang)}`, FAILURE_MASK));
      return 2;
    }
    // Loaded now, not at the start: it knows the errors of the stores and of the server's modules.
    const { commandEnd } = await import('./cli-failure.js');
    const end = commandEnd(err, lang);
    console.error(end.line);
    return end.code;
  }
}

/** The sentence for a command `samplan` does not have. */
function unknownCommand(word: string): Localized {
  return { sv: `Okänt kommando ${quoted(word)}.`, en: `Unknown command ${quoted(word)}.` };
}

async function run(command: CommandName | 'help', argv: string[], lang: CliLang): Promise<number> {
  const args = readArguments(argv, command);
  const rest = args.positionals.slice(1);
  // `samplan <command> --help` and `samplan help <command>`: that command's usage.
  const about = command === 'help' ? rest[0] : command;
  // `samplan --version` (`-v`): only without a command, which takes no such option.
  if (args.values.version && command === 'help' && about === undefined) {
    console.log(packageVersion());
    return 0;
  }
  if (args.values.help || command === 'help') {
    if (about === undefined || about === 'help') {
      console.log(usage(lang));
      return 0;
    }
    if (!isCommandName(about)) {
      console.error(`${unknownCommand(about)[lang]}\n\n${usage(lang)}`);
      return 2;
    }
    console.log(commandUsage(about, lang));
    return 0;
  }
  checkArguments(command, rest);
  langOf(args.values);
  // The command's arguments, checked once, before the settings' schema or the command is loaded.
  const { checkCommand } = await import('./cli-check.js');
  const checked = await checkCommand(command, rest, args.values, storeTargetOf(args.values, process.env));
  const { runCommand } = await import('./cli-run.js');
  return await runCommand(command, rest, args.values, checked);
}

const entry = process.argv[1] ?? '';
if (/(^|[\\/])cli\.(ts|js)$/.test(entry) || /[\\/]samplan$/.test(entry)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

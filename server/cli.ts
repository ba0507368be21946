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
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, redisUrlOf, type ServerConfig } from './config.js';
import { loadOidcConfig } from './auth/oidc-config.js';
import { checkUnitArguments, checkWorkspaceArguments, requireWorkspace, unitCommand, workspaceCommand } from './cli-workspace.js';
import { storageDocAccess } from './http/doc-access.js';
import { exportDocument, EXPORT_FORMATS } from './http/export-rows.js';
import { importCommand } from './cli-import.js';
import { historyCommand } from './cli-history.js';
import { pidFileOf, stopServer } from './pid-file.js';
import { migrateSqliteToPostgres } from './migrate.js';
import { RefusedTextError } from './migrate-texts.js';
import { IdentityInTextError, TextCharacterError } from './storage/record-text.js';
import { FAILURE_MASK, failureLine } from './cli-failure.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { reportCommand } from './report-command.js';
import { checkRoundsArguments, roundsCommand } from './cli-rounds.js';
import { serveCommand } from './cli-serve.js';
import { COMMAND_NAMES, commandUsage, USAGE, type CommandName } from './cli-usage.js';
import { checkArguments, CliError, commandWord, need, quoted, readArguments, type Flags } from './cli-args.js';
import { memberCommand, tokenCommand } from './cli-access.js';
import type { RightsAnnounce } from './cli-rights.js';
import { backupAsIsAfter, checkBackupTarget, writeBackup } from './backup-target.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';

const commandSchema = z.enum([...COMMAND_NAMES, 'help']);

/** `--lang`: sv when left out, or en. */
function langOf(flags: Flags): 'sv' | 'en' {
  if (flags.lang === undefined || flags.lang === 'sv' || flags.lang === 'en') return flags.lang ?? 'sv';
  throw new CliError(`--lang must be sv or en, not ${quoted(flags.lang)}.`, true);
}

/**
 * Run `fn` on the configured store. An SQLite file that does not exist is refused with a sentence
 * (a mistyped --db, or a command run in another folder than the server's `./data/samplan.db`)
 * instead of being created empty, which would list nothing and leave a stray database behind;
 * `opts.create` (workspace create, the first step of a new deployment) creates it; `opts.readonly`
 * (report, export, backup: commands that only read) opens an SQLite file read-only, leaving its
 * folder as it was found (`openStorage`).
 */
async function withStorage<T>(config: ServerConfig, fn: (storage: Storage) => Promise<T>, opts: { create?: boolean; readonly?: boolean } = {}): Promise<T> {
  if (!config.databaseUrl && config.db !== ':memory:' && !opts.create && !existsSync(config.db)) {
    throw new CliError(
      `There is no Samplan database at ${resolve(config.db)}. Name the server's file with --db or SAMPLAN_DB (the default, ./data/samplan.db, is looked for in the folder the command runs in), or create one with samplan serve or samplan workspace create.`,
    );
  }
  const storage = await openStorage(config, undefined, { readonly: opts.readonly === true });
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

async function stopCommand(config: ServerConfig): Promise<number> {
  // Servers on PostgreSQL write no pid file: the one of ./data/samplan.db would name another server.
  if (config.databaseUrl) {
    throw new CliError(
      'samplan stop stops the server of an SQLite file (named in <db>.pid); servers on PostgreSQL (--database-url or SAMPLAN_DATABASE_URL is set) are stopped where they run: Ctrl+C, SIGTERM (kill <pid>) or their service manager. For an SQLite server, run samplan stop --db FILE without a database URL.',
    );
  }
  const file = pidFileOf(config.db);
  if (!file) throw new CliError('An in-memory server cannot be stopped from outside; press Ctrl+C where it runs.');
  const result = await stopServer(file);
  if (result.kind === 'stopped') console.log(`Stopped the Samplan server (process ${result.pid}) on ${config.db}.`);
  else if (result.kind === 'not-running') console.log(`No Samplan server is running on ${config.db}${result.stale ? ' (removed a stale pid file)' : ''}.`);
  else console.error(`The Samplan server (process ${result.pid}) has not stopped after 15 s; it may still be flushing.`);
  return result.kind === 'timeout' ? 1 : 0;
}

async function exportCommand(rest: string[], flags: Flags, config: ServerConfig): Promise<number> {
  const [workspace, doc] = [need(rest[0], '<workspace>'), need(rest[1], '<doc>')];
  const format = z.enum(EXPORT_FORMATS).safeParse(flags.format ?? 'csv');
  if (!format.success) throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`, true);
  const lang = langOf(flags);
  if (flags.sep !== undefined && flags.sep !== 'semicolon' && flags.sep !== ';') throw new CliError(`--sep must be semicolon (or ;), not ${quoted(flags.sep)}; left out, fields are separated by commas.`, true);
  const outFile = flags.out ? checkOutputFile(flags.out, config.databaseUrl ? null : config.db, 'export') : null;
  return withStorage(config, async (storage) => {
    await requireWorkspace(storage, workspace);
    const out = await exportDocument(storage, storageDocAccess(storage), { workspace, doc }, {
      format: format.data,
      lang,
      semicolon: flags.sep === 'semicolon' || flags.sep === ';',
      validated: false,
    });
    if (outFile) {
      await writeOutputFile(outFile, out.body);
      console.log(`Wrote ${out.rowCount} rows to ${flags.out}.`);
    } else process.stdout.write(out.body);
    return 0;
  }, { readonly: true });
}

/**
 * Run the CLI with `argv` (without node and the script); resolves with the exit code: 2 for a
 * mistake on the command line, printed to stderr as one sentence, with the usage of the command
 * when an argument of it is wrong, missing or unknown (`cli-args.ts`), the global usage when the
 * command is. Every other refusal or failure (a setting such as a --database-url that is no
 * postgres:// address, a database or workspace that is not there) is one line on stderr starting
 * `samplan: `; exit 2 for a refusal (a text holding a personnummer or a character no name may hold
 * among them: `IdentityInTextError`, `TextCharacterError`, `RefusedTextError`), 1 for a failure
 * (its line: `cli-failure.ts`, a store's fault with what the store said, a personnummer masked).
 */
export async function main(argv: string[]): Promise<number> {
  const first = commandWord(argv);
  const command = commandSchema.safeParse(first ?? 'help');
  if (!command.success) {
    console.error(`Unknown command ${quoted(first ?? '')}.\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(command.data, argv);
  } catch (err) {
    // A wrong, missing or unknown argument: its sentence and the command's usage. Anything else
    // (a setting, the database, a workspace that is not there) is one line `samplan: …`.
    if (err instanceof CliError && err.argument) {
      console.error(`${err.message}\n\n${command.data === 'help' ? USAGE : commandUsage(command.data)}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof CliError || err instanceof IdentityInTextError || err instanceof TextCharacterError || err instanceof RefusedTextError) {
      // A path or a name the command was given may hold a personnummer: masked like a failure's.
      console.error(redactPersonnummer(`samplan: ${err.message}`, FAILURE_MASK));
      return 2;
    }
    // The operator at the console reads what the store said too (a server's answers name only the kind).
    console.error(failureLine(err));
    return 1;
  }
}

async function run(command: CommandName | 'help', argv: string[]): Promise<number> {
  const args = readArguments(argv, command);
  const rest = args.positionals.slice(1);
  // `samplan <command> --help` and `samplan help <command>`: that command's usage.
  const about = command === 'help' ? rest[0] : command;
  if (args.values.help || command === 'help') {
    if (about === undefined || about === 'help') {
      console.log(USAGE);
      return 0;
    }
    const known = commandSchema.exclude(['help']).safeParse(about);
    if (!known.success) {
      console.error(`Unknown command ${quoted(about)}.\n\n${USAGE}`);
      return 2;
    }
    console.log(commandUsage(known.data));
    return 0;
  }
  checkArguments(command, rest);
  const flags = args.values;
  const config = loadConfig(
    { port: flags.port, host: flags.host, db: flags.db, databaseUrl: flags['database-url'], redisUrl: flags['redis-url'], publicUrl: flags['public-url'], logLevel: flags['log-level'], demo: flags.demo },
    process.env,
  );
  switch (command) {
    case 'serve':
      return await serveCommand(
        config,
        loadOidcConfig(
          {
            oidcIssuer: flags['oidc-issuer'],
            oidcClientId: flags['oidc-client-id'],
            oidcAudience: flags['oidc-audience'],
            oidcWorkspace: flags['oidc-workspace'],
            oidcRoles: flags['oidc-roles'],
            oidcAutoProvision: flags['oidc-auto-provision'],
          },
          process.env,
        ),
      );
    case 'stop':
      return await stopCommand(config);
    case 'token':
      return await tokenCommand(rest[0], rest.slice(1), flags, announceTo(config), (fn) => withStorage(config, fn), (l) => console.log(l), (l) => console.error(l));
    case 'member':
      return await memberCommand(rest[0], flags, announceTo(config), (fn) => withStorage(config, fn), (l) => console.log(l), (l) => console.error(l));
    case 'workspace':
      checkWorkspaceArguments(rest[0], rest.slice(1), flags);
      return await withStorage(config, (storage) => workspaceCommand(rest[0], rest.slice(1), flags, storage, (l) => console.log(l)), { create: rest[0] === 'create' });
    case 'unit':
      checkUnitArguments(rest[0], flags);
      return await withStorage(config, (storage) => unitCommand(rest[0], flags, storage, (l) => console.log(l)));
    case 'import':
      return await importCommand(rest, flags, (fn) => withStorage(config, fn));
    case 'export':
      return await exportCommand(rest, flags, config);
    case 'migrate':
      return await migrateCommand(flags);
    case 'history':
      return await historyCommand(rest[0], rest.slice(1), flags, (fn) => withStorage(config, fn, { readonly: rest[0] === 'scan' }), (l) => console.log(l), (l) => console.error(l));
    case 'report': {
      const db = config.databaseUrl ? null : config.db;
      const [out, pdf] = [flags.out ? checkOutputFile(flags.out, db, 'report') : null, flags.pdf ? checkOutputFile(flags.pdf, db, 'report') : null];
      const req = { workspace: need(rest[0], '<workspace>'), round: need(rest[1], '<round>'), unit: flags.unit ?? null, lang: langOf(flags), out, pdf };
      return await withStorage(config, async (storage) => (await requireWorkspace(storage, req.workspace), reportCommand(storage, req, (l) => console.log(l), new Date(), (l) => console.error(l))), { readonly: true });
    }
    case 'rounds':
      checkRoundsArguments(rest[0], { ...flags, round: rest[1] });
      return await withStorage(config, (storage) => roundsCommand(rest[0], { ...flags, round: rest[1] }, storage, (l) => console.log(l)));
    case 'backup': {
      const file = checkBackupTarget({ file: need(rest[0], '<file>'), db: config.databaseUrl ? null : config.db, overwrite: flags.overwrite === true });
      // The README's `backup ./backup/samplan-….db`: its folder is made, as `export --out`'s is.
      const db = config.databaseUrl ? null : config.db;
      const asIs = await withStorage(config, (storage) => (mkdirSync(dirname(file), { recursive: true }), writeBackup(storage, file)), { readonly: true }).then(() => '', (err: unknown) => backupAsIsAfter(err, db, file));
      console.log(`Backup written to ${file}${asIs}.`);
      return 0;
    }
  }
}

/** `samplan migrate --from <sqlite file> --to postgres://…`: copy, verify, print the counts. */
async function migrateCommand(flags: Flags): Promise<number> {
  const from = need(flags.from, '--from <sqlite file>');
  const to = need(flags.to, '--to postgres://…');
  if (!/^postgres(ql)?:\/\//.test(to)) throw new CliError(`--to must be a postgres:// address, e.g. postgres://samplan@db.example/samplan.`, true);
  if (!existsSync(from)) throw new CliError(`There is no SQLite database at ${from}.`);
  let last = 0;
  const report = await migrateSqliteToPostgres(from, to, (line) => {
    // One line a second is enough to show it moves.
    if (Date.now() - last < 1000 && !/(\d[\d,]*)\/\1$/.test(line)) return;
    last = Date.now();
    console.log(line);
  });
  const width = Math.max(...report.tables.map((t) => t.name.length));
  for (const t of report.tables) console.log(`${t.name.padEnd(width)} ${String(t.source).padStart(9)} → ${String(t.target).padStart(9)}${t.source === t.target ? '' : '  MISMATCH'}`);
  const countsOk = report.tables.every((t) => t.source === t.target);
  if (!countsOk || report.mismatched.length > 0) {
    const differ = report.mismatched.length ? `${report.mismatched.length} differ (${report.mismatched.slice(0, 5).join(', ')}${report.mismatched.length > 5 ? ', …' : ''})` : null;
    console.error(`Verification failed: ${[differ, countsOk ? null : 'the row counts differ'].filter(Boolean).join('; ')}.`);
    return 1;
  }
  if (report.alreadyCopied) {
    console.log(`Nothing copied: the target already holds a whole copy of ${from} (an earlier migrate copied it; verified now: every table's rows, every workspace's records, the audit trail's content and all ${report.documents} documents' states match). Start the servers with --database-url.`);
    return 0;
  }
  console.log(`Verified: every table's rows, every workspace's records, the audit trail's content and all ${report.documents} documents' states match. Start the servers with --database-url.`);
  return 0;
}

/** Where the rights changes of `samplan token` and `samplan member` are told (`cli-rights.ts`). */
function announceTo(config: ServerConfig): RightsAnnounce {
  return { redisUrl: redisUrlOf(config), postgres: Boolean(config.databaseUrl) };
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

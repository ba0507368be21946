/**
 * Runs one `samplan` command whose command line `cli.ts` has read and checked. Each command's
 * modules are imported when it runs (`await import`), so that the CLI's start, its help, its
 * version and its usage errors load none of them (the server, Yjs, the stores, ExcelJS, the PDF
 * printer): loading them all took over a second of CPU at every start.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, langOf, shownPath, type Flags } from './cli-args.js';
import type { CliLang } from './cli-lang.js';
import type { CheckedArguments } from './cli-check.js';
import type { RightsAnnounce } from './cli-rights.js';
import { withStorage, type StorageUse } from './cli-storage.js';
import type { CommandName } from './cli-usage.js';
import { loadConfig, redisUrlOf, type ServerConfig } from './config.js';
import { digits } from '../shared/i18n/number-words.js';

/**
 * Run `command` with its arguments after its name (`rest`), its options (`flags`) and what
 * `checkCommand` (`cli-check.ts`) made of them (`checked`, handed to the command so that it does not
 * check them again); resolves with the exit code. Its settings (`loadConfig`) are checked before
 * any of its modules is loaded. Throws what the command throws (`cli.ts` turns it into a line and an exit code):
 * a {@link CliError} for a mistake or a refusal, a `ConfigError` for a setting, anything else for a failure.
 */
export async function runCommand<C extends CommandName>(command: C, rest: string[], flags: Flags, checked: CheckedArguments[C]): Promise<number> {
  const given = checked as CheckedArguments[CommandName];
  const config = loadConfig(
    { port: flags.port, host: flags.host, db: flags.db, databaseUrl: flags['database-url'], redisUrl: flags['redis-url'], publicUrl: flags['public-url'], logLevel: flags['log-level'], demo: flags.demo },
    process.env,
  );
  const print = (l: string) => console.log(l);
  const warn = (l: string) => console.error(l);
  // The language of every line the command prints for a person (`cli-lang.ts`: the one rule).
  const lang = langOf(flags);
  switch (command as CommandName) {
    case 'serve': {
      // Its sign-in settings read before the server's modules are loaded, as the other commands' arguments are.
      const { loadOidcConfig } = await import('./auth/oidc-config.js');
      const oidc = loadOidcConfig(
        {
          oidcIssuer: flags['oidc-issuer'],
          oidcClientId: flags['oidc-client-id'],
          oidcAudience: flags['oidc-audience'],
          oidcWorkspace: flags['oidc-workspace'],
          oidcRoles: flags['oidc-roles'],
          oidcAutoProvision: flags['oidc-auto-provision'],
        },
        process.env,
      );
      const { serveCommand } = await import('./cli-serve.js');
      return await serveCommand(config, oidc, lang);
    }
    case 'stop':
      return await stopCommand(config, lang);
    case 'token': {
      const { tokenCommand } = await import('./cli-access.js');
      return await tokenCommand(rest[0], rest.slice(1), flags, announceTo(config), (fn) => withStorage(config, fn, listOnly(rest[0], config)), print, warn, given as CheckedArguments['token'], lang);
    }
    case 'member': {
      const { memberCommand } = await import('./cli-access.js');
      return await memberCommand(rest[0], flags, announceTo(config), (fn) => withStorage(config, fn, listOnly(rest[0], config)), print, warn, given as CheckedArguments['member'], lang);
    }
    case 'workspace': {
      const { workspaceCommand } = await import('./cli-workspace.js');
      return await withStorage(config, (storage) => workspaceCommand(rest[0], rest.slice(1), flags, storage, print, true, lang), { create: rest[0] === 'create' });
    }
    case 'unit': {
      const { unitCommand } = await import('./cli-workspace.js');
      return await withStorage(config, (storage) => unitCommand(rest[0], flags, storage, print, true, lang), listOnly(rest[0], config));
    }
    case 'import': {
      const { importCommand } = await import('./cli-import.js');
      return await importCommand(rest, flags, (fn) => withStorage(config, fn), process.env, given as CheckedArguments['import']);
    }
    case 'export': {
      const { exportCommand } = await import('./cli-export.js');
      return await exportCommand(rest, flags, config, given as CheckedArguments['export']);
    }
    case 'migrate': {
      const { migrateCommand } = await import('./cli-migrate.js');
      return await migrateCommand(flags, given as CheckedArguments['migrate'], lang);
    }
    case 'history': {
      const { historyCommand } = await import('./cli-history.js');
      return await historyCommand(rest[0], rest.slice(1), flags, (fn) => withStorage(config, fn, { readonly: rest[0] === 'scan' }), print, warn, given as CheckedArguments['history']);
    }
    case 'report':
      return await reportCommandOf(given as CheckedArguments['report'], config);
    case 'rounds': {
      const { roundsCommand } = await import('./cli-rounds.js');
      return await withStorage(config, (storage) => roundsCommand(rest[0], { ...flags, round: rest[1] }, storage, print, undefined, true, lang), listOnly(rest[0], config));
    }
    case 'backup':
      return await backupCommand(given as CheckedArguments['backup'], config, lang);
  }
}

/**
 * How `token`, `member`, `unit` and `rounds` open the store for subcommand `sub`: `list` of an SQLite file its
 * user may only read opens it read-only (`cli-storage.ts`), leaving no `-wal` or `-shm` beside it;
 * a `list` of a file the user may write opens it as every command does, so an older file is
 * upgraded as before (or refused while a server serves it); the others write.
 */
function listOnly(sub: string | undefined, config: ServerConfig): StorageUse {
  if (sub !== 'list' || config.databaseUrl) return { readonly: false };
  try {
    accessSync(config.db, constants.W_OK);
    return { readonly: false };
  } catch {
    return { readonly: true };
  }
}

/** `samplan stop`: SIGTERM to the server named in `<db>.pid`, waiting for it to finish; 1 when it has not after 15 s. Its lines in `lang`. */
async function stopCommand(config: ServerConfig, lang: CliLang): Promise<number> {
  // Servers on PostgreSQL write no pid file: the one of ./data/samplan.db would name another server.
  if (config.databaseUrl) {
    throw new CliError({
      sv: 'samplan stop stoppar servern för en SQLite-fil (som <db>.pid namnger); servrar på PostgreSQL (--database-url eller SAMPLAN_DATABASE_URL är satt) stoppas där de körs: Ctrl+C, SIGTERM (kill <pid>) eller deras tjänstehanterare. För en SQLite-server, kör samplan stop --db FIL utan databasadress.',
      en: 'samplan stop stops the server of an SQLite file (named in <db>.pid); servers on PostgreSQL (--database-url or SAMPLAN_DATABASE_URL is set) are stopped where they run: Ctrl+C, SIGTERM (kill <pid>) or their service manager. For an SQLite server, run samplan stop --db FILE without a database URL.',
    });
  }
  const { pidFileOf, stopServer } = await import('./pid-file.js');
  const file = pidFileOf(config.db);
  if (!file) throw new CliError({ sv: 'En server i minnet kan inte stoppas utifrån; tryck Ctrl+C där den körs.', en: 'An in-memory server cannot be stopped from outside; press Ctrl+C where it runs.' });
  const result = await stopServer(file);
  // The database's path as every line of the CLI names a path (`shownPath`): a personnummer in it masked.
  const db = shownPath(config.db);
  if (result.kind === 'stopped') console.log({ sv: `Stoppade Samplan-servern (process ${digits(result.pid)}) på ${db}.`, en: `Stopped the Samplan server (process ${digits(result.pid)}) on ${db}.` }[lang]);
  else if (result.kind === 'not-running') {
    const stale = result.stale ? { sv: ' (tog bort en kvarlämnad pid-fil)', en: ' (removed a stale pid file)' } : { sv: '', en: '' };
    console.log({ sv: `Ingen Samplan-server körs på ${db}${stale.sv}.`, en: `No Samplan server is running on ${db}${stale.en}.` }[lang]);
  } else console.error({ sv: `Samplan-servern (process ${digits(result.pid)}) har inte stoppat efter 15 s; den kan fortfarande skriva klart.`, en: `The Samplan server (process ${digits(result.pid)}) has not stopped after 15 s; it may still be flushing.` }[lang]);
  return result.kind === 'timeout' ? 1 : 0;
}

/** `samplan report <workspace> <round>`: the styrgrupp report (`report-command.ts`) of `req`, checked. */
async function reportCommandOf(req: CheckedArguments['report'], config: ServerConfig): Promise<number> {
  const [{ reportCommand }, { requireWorkspace }] = await Promise.all([import('./report-command.js'), import('./cli-workspace.js')]);
  return await withStorage(config, async (storage) => (await requireWorkspace(storage, req.workspace), reportCommand(storage, req, (l) => console.log(l), new Date(), (l) => console.error(l))), { readonly: true });
}

/** `samplan backup <file>`: a consistent copy of the store in a new SQLite file `file` (absolute, checked by `checkBackupTarget`; `backup-target.ts`). */
async function backupCommand(file: string, config: ServerConfig, lang: CliLang): Promise<number> {
  const { backupAsIsAfter, writeBackup } = await import('./backup-target.js');
  // The README's `backup ./backup/samplan-….db`: its folder is made, as `export --out`'s is.
  const db = config.databaseUrl ? null : config.db;
  const asIs = await withStorage(config, (storage) => (mkdirSync(dirname(file), { recursive: true }), writeBackup(storage, file, db)), { readonly: true }).then(
    () => ({ sv: '', en: '' }),
    (err: unknown) => backupAsIsAfter(err, db, file),
  );
  console.log({ sv: `Säkerhetskopian skrevs till ${shownPath(file)}${asIs.sv}.`, en: `Backup written to ${shownPath(file)}${asIs.en}.` }[lang]);
  return 0;
}

/** Where the rights changes of `samplan token` and `samplan member` are told (`cli-rights.ts`). */
function announceTo(config: ServerConfig): RightsAnnounce {
  return { redisUrl: redisUrlOf(config), postgres: Boolean(config.databaseUrl) };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliEn, withLocale } from './cli-capture.js';
import { COMMAND_NAMES, commandUsage, usage, type CommandName } from '../../server/cli-usage.js';

/**
 * A wrong, missing or unknown argument of a command: one sentence naming it and that command's
 * own usage, on stderr, exit code 2; nothing on stdout, no database opened (it does not exist).
 */
afterEach(() => {
  vi.restoreAllMocks();
});

const NO_DB = ['--db', '/nonexistent/samplan-cli-args.db'];

/** What a command prints for an argument error `sentence`. */
const refused = (name: CommandName, sentence: string) => ({ code: 2, out: '', err: `${sentence}\n\n${commandUsage(name, 'en')}` });

/** A command line that is right up to the argument under test: the subcommand, the arguments it needs. */
const START: Record<CommandName, string[]> = {
  serve: ['serve'],
  stop: ['stop'],
  token: ['token', 'list'],
  member: ['member', 'list'],
  workspace: ['workspace', 'list'],
  unit: ['unit', 'list'],
  import: ['import', 'ws', 'doc', 'rows.csv'],
  export: ['export', 'ws', 'doc'],
  report: ['report', 'ws', 'round'],
  rounds: ['rounds', 'list'],
  backup: ['backup', 'copy.db'],
  migrate: ['migrate', '--from', 'a.db', '--to', 'postgres://db/samplan'],
  history: ['history', 'scan'],
};

/** An option each command does not take (another command's). */
const OTHERS: Record<CommandName, string[]> = {
  // With a port that is none: the old command line took --workspace and stopped at the setting.
  serve: ['--workspace', 'x', '--port', 'eighty'],
  stop: ['--workspace', 'x'],
  token: ['--pdf', 'x'],
  member: ['--expires', '30d'],
  workspace: ['--role', 'admin'],
  unit: ['--period', '2026Q1'],
  import: ['--format', 'csv'],
  export: ['--dry-run'],
  report: ['--format', 'csv'],
  rounds: ['--units', 'a,b'],
  backup: ['--out', 'x'],
  migrate: ['--workspace', 'x'],
  history: ['--workspace', 'x'],
};

describe('an unknown option of a command', () => {
  it.each(COMMAND_NAMES)("samplan %s --bogus names the option and prints that command's usage", async (name) => {
    expect(await cliEn([...START[name], '--bogus', ...NO_DB])).toEqual(refused(name, `samplan ${name} has no option --bogus.`));
  });

  it.each(COMMAND_NAMES)('samplan %s with an option of another command names it', async (name) => {
    const other = OTHERS[name][0] as string;
    expect(await cliEn([...START[name], ...(OTHERS[name] ?? []), ...NO_DB])).toEqual(refused(name, `samplan ${name} has no option ${other}.`));
  });

  it('an option before any command is checked against every command, with the global usage', async () => {
    expect(await cliEn(['--bogus'])).toEqual({ code: 2, out: '', err: `samplan has no option --bogus.\n\n${usage('en')}` });
  });

  it('an unknown command is named before its options, with the global usage', async () => {
    expect(await cliEn(['rights', '--bogus'])).toEqual({ code: 2, out: '', err: `Unknown command "rights".\n\n${usage('en')}` });
  });
});

describe('an option without its value, or a switch with one', () => {
  it('migrate --from at the end, or before another option', async () => {
    expect(await cliEn(['migrate', '--to', 'postgres://db/samplan', '--from'])).toEqual(refused('migrate', 'Missing the value of --from.'));
    expect(await cliEn(['migrate', '--from', '--to', 'postgres://db/samplan'])).toEqual(
      refused('migrate', 'Missing the value of --from before --to (write --from=--to for a value that starts with a dash).'),
    );
  });

  it('token create --workspace, export --out, rounds define --due at the end', async () => {
    expect(await cliEn(['token', 'create', '--member', 'anna', '--workspace'])).toEqual(refused('token', 'Missing the value of --workspace.'));
    expect(await cliEn(['export', 'ws', 'doc', '--out'])).toEqual(refused('export', 'Missing the value of --out.'));
    expect(await cliEn(['rounds', 'define', '--workspace', 'ws', '--due'])).toEqual(refused('rounds', 'Missing the value of --due.'));
  });

  it('serve --demo=yes, import --dry-run=no', async () => {
    expect(await cliEn(['serve', '--demo=yes', ...NO_DB])).toEqual(refused('serve', '--demo takes no value; write --demo alone.'));
    expect(await cliEn(['import', 'ws', 'doc', 'rows.csv', '--dry-run=no', ...NO_DB])).toEqual(refused('import', '--dry-run takes no value; write --dry-run alone.'));
  });
});

describe('a missing or unknown subcommand', () => {
  const subs: [CommandName, string][] = [
    ['token', 'create, list or revoke'],
    ['member', 'add, remove or list'],
    ['workspace', 'create, rename or list'],
    ['unit', 'add, rename or list'],
    ['rounds', 'define, list, close or reopen'],
  ];
  it.each(subs)('samplan %s alone or with an unknown subcommand names them (%s)', async (name, use) => {
    expect(await cliEn([name, ...NO_DB])).toEqual(refused(name, `Missing the ${name} command; use ${use}.`));
    expect(await cliEn([name, 'frobnicate', ...NO_DB])).toEqual(refused(name, `Unknown ${name} command "frobnicate"; use ${use}.`));
  });

  it('samplan workspace add (there is create)', async () => {
    expect(await cliEn(['workspace', 'add', '--id', 'ws', '--name', 'WS', ...NO_DB])).toEqual(refused('workspace', 'Unknown workspace command "add"; use create, rename or list.'));
  });
});

describe('a missing argument', () => {
  it('of rounds close and reopen: the round, named with the command; one round only', async () => {
    expect(await cliEn(['rounds', 'close', '--workspace', 'ws', ...NO_DB])).toEqual(refused('rounds', 'Missing the round to close: samplan rounds close <round> --workspace WS (the ids are in samplan rounds list).'));
    expect(await cliEn(['rounds', 'reopen', 'a', 'b', '--workspace', 'ws', ...NO_DB])).toEqual(refused('rounds', 'Unexpected argument "b": samplan rounds reopen takes one argument.'));
  });

  it('of token, member, import, export, report, backup and migrate', async () => {
    expect(await cliEn(['token', 'revoke', ...NO_DB])).toEqual(refused('token', 'Missing the token id to revoke.'));
    expect(await cliEn(['token', 'create', '--workspace', 'ws', ...NO_DB])).toEqual(refused('token', 'Missing --member.'));
    expect(await cliEn(['member', 'add', '--workspace', 'ws', '--name', 'Nina Ek', '--role', 'viewer', ...NO_DB])).toEqual(refused('member', 'Missing --id.'));
    expect(await cliEn(['import', 'ws', ...NO_DB])).toEqual(refused('import', 'Missing <doc>.'));
    expect(await cliEn(['export', ...NO_DB])).toEqual(refused('export', 'Missing <workspace>.'));
    expect(await cliEn(['report', 'ws', ...NO_DB])).toEqual(refused('report', 'Missing <round>.'));
    expect(await cliEn(['backup', ...NO_DB])).toEqual(refused('backup', 'Missing <file>.'));
    expect(await cliEn(['migrate', '--to', 'postgres://db/samplan'])).toEqual(refused('migrate', 'Missing --from <sqlite file>.'));
  });

  it('of workspace, unit and rounds, before the database is opened (it does not exist)', async () => {
    expect(await cliEn(['workspace', 'create', '--name', 'WS', ...NO_DB])).toEqual(refused('workspace', 'Missing --id.'));
    expect(await cliEn(['workspace', 'rename', '--name', 'WS', ...NO_DB])).toEqual(refused('workspace', 'Missing the workspace to rename: samplan workspace rename WS --name NAME.'));
    expect(await cliEn(['workspace', 'rename', 'ws', ...NO_DB])).toEqual(refused('workspace', 'Missing --name.'));
    expect(await cliEn(['unit', 'list', ...NO_DB])).toEqual(refused('unit', 'Missing --workspace WS.'));
    expect(await cliEn(['unit', 'add', '--code', 'a', '--name', 'A', ...NO_DB])).toEqual(refused('unit', 'Missing --workspace WS.'));
    expect(await cliEn(['unit', 'add', '--workspace', 'ws', '--name', 'A', ...NO_DB])).toEqual(refused('unit', 'Missing --code.'));
    expect(await cliEn(['unit', 'rename', '--workspace', 'ws', '--name', 'A', ...NO_DB])).toEqual(refused('unit', 'Missing --code CODE, the unit to rename.'));
    expect(await cliEn(['rounds', 'list', ...NO_DB])).toEqual(refused('rounds', 'Missing --workspace WS.'));
    expect(await cliEn(['rounds', 'define', '--period', '2026Q1', '--due', '2026-04-15', ...NO_DB])).toEqual(refused('rounds', 'Missing --workspace WS.'));
    expect(await cliEn(['rounds', 'define', '--workspace', 'ws', '--due', '2026-04-15', ...NO_DB])).toEqual(
      refused('rounds', 'Missing --period, e.g. --period "2026 kv 1" (or 2026Q1, "mars 2026", 2026).'),
    );
    expect(await cliEn(['rounds', 'define', '--workspace', 'ws', '--period', '2026Q1', '--due', '15 april', ...NO_DB])).toEqual(
      refused('rounds', '--due "15 april" names no year; write the last day to report with its year, e.g. --due 2026-04-15 or --due "15 april 2026".'),
    );
  });
});

describe('an argument too many, or a value that is none', () => {
  it('names the extra argument and what the command takes', async () => {
    expect(await cliEn(['stop', 'now', ...NO_DB])).toEqual(refused('stop', 'Unexpected argument "now": samplan stop takes no arguments.'));
    expect(await cliEn(['backup', 'a.db', 'b.db', ...NO_DB])).toEqual(refused('backup', 'Unexpected argument "b.db": samplan backup takes one argument.'));
    expect(await cliEn(['token', 'revoke', 'abc', 'def', ...NO_DB])).toEqual(refused('token', 'Unexpected argument "def": samplan token revoke takes one argument.'));
    expect(await cliEn(['export', 'ws', 'doc', 'plan.csv', ...NO_DB])).toEqual(refused('export', 'Unexpected argument "plan.csv": samplan export takes 2 arguments.'));
  });

  it('masks an identity number it echoes', async () => {
    const run = await cliEn(['backup', 'a.db', '19850101-1236', ...NO_DB]);
    expect(run).toEqual(refused('backup', 'Unexpected argument "[redacted]": samplan backup takes one argument.'));
    expect(run.err).not.toContain('0101');
  });

  it('names a --lang, --sep, --format or --expires that is none', async () => {
    // A --lang that is none is said in the locale's language.
    const english = { LANG: 'en_GB.UTF-8' };
    expect(await withLocale(english, () => cliEn(['export', 'ws', 'doc', '--lang', 'de', ...NO_DB]))).toEqual(refused('export', '--lang must be sv or en, not "de".'));
    expect(await withLocale(english, () => cliEn(['report', 'ws', 'round', '--lang', 'fi', ...NO_DB]))).toEqual(refused('report', '--lang must be sv or en, not "fi".'));
    expect(await cliEn(['export', 'ws', 'doc', '--sep', 'tab', ...NO_DB])).toEqual(
      refused('export', '--sep must be semicolon (or ;), not "tab"; left out, fields are separated by commas.'),
    );
    expect(await cliEn(['export', 'ws', 'doc', '--format', 'pdf', ...NO_DB])).toEqual(refused('export', '--format must be one of json, csv, xlsx, ods.'));
    expect(await cliEn(['token', 'create', '--workspace', 'ws', '--member', 'anna', '--expires', 'soon', ...NO_DB])).toEqual(
      refused('token', '--expires "soon" is neither a duration like 30d or 12h nor a date like 2026-12-31.'),
    );
    expect(await cliEn(['migrate', '--from', 'a.db', '--to', 'mysql://db'])).toEqual(refused('migrate', '--to must be a postgres:// address, e.g. postgres://samplan@db.example/samplan.'));
  });

  it('keeps a refusal the usage does not help with as one sentence, samplan: first as every other refusal', async () => {
    const run = await cliEn(['token', 'list', ...NO_DB]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^samplan: There is no Samplan database at .*samplan workspace create\.$/);
  });

  it('names a --database-url that is no postgres:// address as a setting, samplan: first, as an unreachable database is', async () => {
    const run = await cliEn(['member', 'list', '--database-url', 'mysql://db.example/samplan']);
    expect(run).toEqual({
      code: 2,
      out: '',
      err: 'samplan: The setting --database-url / SAMPLAN_DATABASE_URL must be a postgres:// address, e.g. postgres://samplan@db.example/samplan: got "mysql://db.example/samplan".',
    });
  });
});

describe('an option given twice', () => {
  it('with two values is refused, naming both, before anything is done: parseArgs kept the last alone', async () => {
    const add = ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina Ek', '--role', 'editor'];
    expect(await cliEn([...add, '--units', 'vc-husby', '--units', 'vc-tensta', ...NO_DB])).toEqual(
      refused(
        'member',
        '--units is given twice, "vc-husby" and "vc-tensta"; only the last would count, so nothing was done. Give --units once. Several units go in one value, separated by commas: --units "vc-husby,vc-tensta".',
      ),
    );
    expect(await cliEn(['token', 'create', '--workspace', 'hbi-a', '--member', 'chef', '--workspace=hbi-b', ...NO_DB])).toEqual(
      refused('token', '--workspace is given twice, "hbi-a" and "hbi-b"; only the last would count, so nothing was done. Give --workspace once.'),
    );
    expect(await cliEn(['export', 'ws', 'doc', '--out', 'plan.csv', '--format', 'csv', '--out', 'plan.xlsx', ...NO_DB])).toEqual(
      refused('export', '--out is given twice, "plan.csv" and "plan.xlsx"; only the last would count, so nothing was done. Give --out once.'),
    );
  });

  it('says it in Swedish and masks an identity number in either value', async () => {
    const run = await cli(['backup', 'copy.db', '--lang', 'sv', '--db', '/x/19850101-1236.db', '--db', '/nonexistent/b.db']);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe('--db står två gånger, "/x/[redacted].db" och "/nonexistent/b.db"; bara det sista skulle gälla, så inget gjordes. Ange --db en gång.');
    expect(run.err).not.toContain('0101');
  });

  it('with the same value twice is taken as given once', async () => {
    for (const args of [['token', 'list', '--workspace', 'ws', '--workspace', 'ws'], ['export', 'ws', 'doc', '--lang', 'en', '--lang=en']]) {
      const run = await cliEn([...args, ...NO_DB]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^samplan: There is no Samplan database at /);
    }
  });
});

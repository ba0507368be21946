import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliEn } from './cli-capture.js';
import { COMMAND_NAMES, COMMANDS, commandUsage, USAGE } from '../../server/cli-usage.js';
import { COMMAND_OPTIONS } from '../../server/cli-args.js';

/** `samplan <command> --help` prints that command's usage from the one table; `--help` lists them all. */
afterEach(() => {
  vi.restoreAllMocks();
});

describe('samplan <command> --help', () => {
  it.each(COMMAND_NAMES)('%s --help prints its own usage, options and example, not the global usage', async (name) => {
    // A database that does not exist: help opens none.
    const run = await cliEn([name, '--help', '--db', '/nonexistent/samplan.db']);
    expect(run).toEqual({ code: 0, out: commandUsage(name), err: '' });
    expect(run.out).not.toBe(USAGE);
    expect(run.out).toMatch(new RegExp(`^Usage:\\n  samplan ${name}\\b`));
    expect(run.out).toMatch(/\nOptions:\n/);
    expect(run.out).toMatch(new RegExp(`\\nExamples?:\\n  samplan ${name}\\b`));
  });

  it.each(COMMAND_NAMES)('every usage line of %s starts with the command, so that it can be typed as shown', (name) => {
    // `history`'s once read `… | drop --all-flagged …`, and `samplan drop` is no command.
    const lines = COMMANDS[name].summary.split('\n').filter((line) => line !== '' && !/^\s/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const usage of lines.flatMap((line) => line.split(' | '))) expect(usage).toMatch(new RegExp(`^${name}\\b`));
  });

  it.each(COMMAND_NAMES)('help %s and %s -h print the same', async (name) => {
    expect(await cliEn(['help', name])).toEqual({ code: 0, out: commandUsage(name), err: '' });
    expect(await cliEn([name, '-h'])).toEqual({ code: 0, out: commandUsage(name), err: '' });
  });

  it.each(COMMAND_NAMES)('every option the help of %s names is one the command line accepts', async (name) => {
    const flags = [...new Set(`${COMMANDS[name].summary}\n${COMMANDS[name].options}`.match(/--[a-z][a-z-]*/g) ?? [])];
    expect(flags.length).toBeGreaterThan(0);
    const run = await cliEn([name, ...flags.flatMap((flag) => [flag, 'x']), '--help']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it.each(COMMAND_NAMES)('every option %s takes (besides --db, --database-url and --help, which every command takes) is named by its help', (name) => {
    const help = `${COMMANDS[name].summary}\n${COMMANDS[name].options}`;
    for (const option of COMMAND_OPTIONS[name]) expect(help).toMatch(new RegExp(`--${option}\\b`));
  });

  it('an unknown command asked about is refused with the global usage', async () => {
    const run = await cliEn(['help', 'tokens']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`Unknown command "tokens".\n\n${USAGE}`);
  });
});

describe('samplan --help', () => {
  it('lists every command of the table, also with no arguments and as help', async () => {
    for (const args of [['--help'], [], ['help'], ['help', 'help']]) {
      const run = await cliEn(args);
      expect(run).toEqual({ code: 0, out: USAGE, err: '' });
    }
    for (const name of COMMAND_NAMES) {
      for (const line of COMMANDS[name].summary.split('\n')) expect(USAGE).toContain(`\n  ${line}\n`);
    }
  });
});

describe('samplan --version', () => {
  it('prints the version of package.json, as -v too, and says so in the usage', async () => {
    const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cliEn(['--version'])).toEqual({ code: 0, out: version, err: '' });
    expect(await cliEn(['-v'])).toEqual({ code: 0, out: version, err: '' });
    expect(USAGE).toMatch(/samplan --version/);
  });

  it('is no option of a command', async () => {
    const run = await cliEn(['export', '--version']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`samplan export has no option --version.\n\n${commandUsage('export')}`);
  });
});

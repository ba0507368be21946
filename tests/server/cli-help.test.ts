import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliEn } from './cli-capture.js';
import { COMMAND_NAMES, COMMANDS, commandUsage, usage } from '../../server/cli-usage.js';
import { COMMAND_OPTIONS } from '../../server/cli-args.js';
import type { CliLang } from '../../server/cli-lang.js';

/** `samplan <command> --help` prints that command's usage from the one table; `--help` lists them all. */
afterEach(() => {
  vi.restoreAllMocks();
});

const LANGS: CliLang[] = ['sv', 'en'];
const BY_LANG = LANGS.flatMap((lang) => COMMAND_NAMES.map((name) => [name, lang] as const));
const HEADINGS = { sv: { usage: 'Användning', options: 'Alternativ', examples: 'Exempel' }, en: { usage: 'Usage', options: 'Options', examples: 'Examples?' } };

/** The help of `name` in `lang` without its examples: its forms, options and notes. */
const helpOf = (name: (typeof COMMAND_NAMES)[number], lang: CliLang): string => commandUsage(name, lang).replace(/\n\n\S+:\n( {2}samplan .*\n?)+$/, '');

describe('samplan <command> --help', () => {
  it.each(BY_LANG)('%s --help (--lang %s) prints its own usage, options and example, not the global usage', async (name, lang) => {
    // A database that does not exist: help opens none.
    const run = await cli(['--lang', lang, name, '--help', '--db', '/nonexistent/samplan.db']);
    expect(run).toEqual({ code: 0, out: commandUsage(name, lang), err: '' });
    expect(run.out).not.toBe(usage(lang));
    const words = HEADINGS[lang];
    expect(run.out).toMatch(new RegExp(`^${words.usage}:\\n  samplan ${name}\\b`));
    expect(run.out).toMatch(new RegExp(`\\n${words.options}:\\n`));
    expect(run.out).toMatch(new RegExp(`\\n${words.examples}:\\n  samplan ${name}\\b`));
  });

  it.each(BY_LANG)('every usage line of %s (%s) starts with the command, so that it can be typed as shown', (name, lang) => {
    // `history`'s once read `… | drop --all-flagged …`, and `samplan drop` is no command.
    const lines = commandUsage(name, lang).split('\n\n')[0]!.split('\n').slice(1).filter((line) => !line.startsWith('   '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(new RegExp(`^  samplan ${name}\\b`));
  });

  it.each(COMMAND_NAMES)('help %s and %s -h print the same', async (name) => {
    expect(await cliEn(['help', name])).toEqual({ code: 0, out: commandUsage(name, 'en'), err: '' });
    expect(await cliEn([name, '-h'])).toEqual({ code: 0, out: commandUsage(name, 'en'), err: '' });
  });

  it.each(BY_LANG)('every option the help of %s (%s) names is one the command line accepts', async (name, lang) => {
    const flags = [...new Set(commandUsage(name, lang).match(/--[a-z][a-z-]*/g) ?? [])];
    expect(flags.length).toBeGreaterThan(0);
    const run = await cli(['--lang', lang, name, ...flags.flatMap((flag) => [flag, 'x']), '--help']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it.each(BY_LANG)('every option %s takes (besides --db, --database-url, --lang and --help, which every command takes) is named by its help in %s', (name, lang) => {
    const help = helpOf(name, lang);
    for (const option of COMMAND_OPTIONS[name]) expect(help).toMatch(new RegExp(`--${option}\\b`));
  });

  it('an unknown command asked about is refused with the global usage', async () => {
    const run = await cliEn(['help', 'tokens']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`Unknown command "tokens".\n\n${usage('en')}`);
  });
});

describe('samplan --help', () => {
  it.each(LANGS)('lists every command of the table, also with no arguments and as help (%s)', async (lang) => {
    for (const args of [['--help'], [], ['help'], ['help', 'help']]) {
      const run = await cli(['--lang', lang, ...args]);
      expect(run).toEqual({ code: 0, out: usage(lang), err: '' });
    }
    for (const name of COMMAND_NAMES) {
      for (const line of COMMANDS[name].summary[lang].split('\n')) expect(usage(lang)).toContain(`\n  ${line}\n`);
    }
  });
});

describe('samplan --version', () => {
  it('prints the version of package.json, as -v too, and says so in the usage', async () => {
    const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cliEn(['--version'])).toEqual({ code: 0, out: version, err: '' });
    expect(await cliEn(['-v'])).toEqual({ code: 0, out: version, err: '' });
    for (const lang of LANGS) expect(usage(lang)).toMatch(/samplan --version/);
  });

  it('is no option of a command', async () => {
    const run = await cliEn(['export', '--version']);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`samplan export has no option --version.\n\n${commandUsage('export', 'en')}`);
  });
});

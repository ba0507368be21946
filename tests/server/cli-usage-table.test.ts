/**
 * The help table holds the same commands and flags in Swedish and English (`server/cli-usage*.ts`):
 * a form, a flag or an option added in one language and not the other is found here, as is a flag
 * the parser takes that neither documents.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, commandUsage, examplesOf, OPTION_TEXT_COLUMN, optionLabel, optionRowsOf, usage, type CommandName } from '../../server/cli-usage.js';
import { HELP_LOG_LEVELS, levelList, type CommandHelp } from '../../server/cli-usage-rows.js';
import { COMMAND_OPTIONS, COMMON_OPTIONS } from '../../server/cli-args.js';
import { LOG_LEVELS } from '../../server/config.js';
import type { CliLang } from '../../server/cli-lang.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../support/language-words.js';

const flagsIn = (text: string): string[] => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])].sort();

/** Each form of `name`'s summary in `lang`: its command words (up to the first argument) and its flags in order. */
function forms(name: CommandName, lang: CliLang): string[] {
  const help: CommandHelp = COMMANDS[name];
  const lines = help.summary[lang].split('\n');
  // A form with the lines that continue it (indented), as one text.
  const joined = lines.reduce<string[]>((all, line) => (line.startsWith(' ') && all.length > 0 ? [...all.slice(0, -1), `${all.at(-1)} ${line.trim()}`] : [...all, ...line.split(' | ')]), []);
  return joined.map((form) => `${/^[a-z]+( [a-z]+)?/.exec(form)?.[0] ?? ''}: ${(form.match(/--[a-z][a-z-]*/g) ?? []).join(' ')}`);
}

/** The `<…>` placeholders of `text`, in order. */
const placeholdersIn = (text: string): string[] => text.match(/<[^<>\s][^<>]*>/g) ?? [];

/**
 * Placeholders and option values the same in Swedish and English: an id, a number, the database's
 * path (`<db>.lock`), a URL, a text, a workspace id (`WS`), a single letter, and values typed as
 * they are (`sv|en`, `semicolon`).
 */
const SAME_IN_BOTH: readonly string[] = ['<id>', '<n>', '<db>', 'ID', 'N', 'URL', 'TEXT', 'WS', 'F', 'H', 'L', 'P', 'R', 'T', 'sv|en', 'semicolon'];

/** The whole help text of `name` in `lang` but its examples. */
const helpText = (name: CommandName, lang: CliLang): string => commandUsage(name, lang).split(/\n\n(?:Examples?|Exempel):\n/)[0]!;

describe('the help table in Swedish and English', () => {
  it.each(COMMAND_NAMES)('%s has the same forms, with the same flags, in both', (name) => {
    expect(forms(name, 'sv')).toEqual(forms(name, 'en'));
    expect(forms(name, 'en').length).toBeGreaterThan(0);
  });

  it.each(COMMAND_NAMES)('%s names the same flags in both, and every one it takes in each', (name) => {
    expect(flagsIn(helpText(name, 'sv'))).toEqual(flagsIn(helpText(name, 'en')));
    for (const lang of ['sv', 'en'] as const) {
      for (const option of COMMAND_OPTIONS[name]) expect(flagsIn(helpText(name, lang)), `${name} --${option} (${lang})`).toContain(`--${option}`);
    }
  });

  it.each(COMMAND_NAMES)('%s lists --lang once among its options, in both', (name) => {
    for (const lang of ['sv', 'en'] as const) {
      const options = commandUsage(name, lang).split(/\n(?:Options|Alternativ):\n/)[1]!.split(/\n\n/)[0]!;
      expect(options.match(/^ {2}--lang sv\|en {2,}\S/gm), `${name} (${lang})`).toHaveLength(1);
    }
  });

  it('the global usage names the same commands and flags in both, the options every command takes among them', () => {
    const commandsOf = (text: string): string[] => [...new Set([...text.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!))];
    expect(commandsOf(usage('sv'))).toEqual(COMMAND_NAMES);
    expect(commandsOf(usage('en'))).toEqual(COMMAND_NAMES);
    expect(flagsIn(usage('sv'))).toEqual(flagsIn(usage('en')));
    for (const option of [...COMMON_OPTIONS, 'version']) {
      expect(flagsIn(usage('sv'))).toContain(`--${option}`);
      expect(flagsIn(usage('en'))).toContain(`--${option}`);
    }
  });

  it.each(COMMAND_NAMES)("%s's option rows leave two spaces between the flag and its text in both", (name) => {
    for (const row of optionRowsOf(name)) for (const lang of ['sv', 'en'] as const) expect(optionLabel(row, lang).length, optionLabel(row, lang)).toBeLessThanOrEqual(OPTION_TEXT_COLUMN - 4);
  });

  it.each(COMMAND_NAMES)('%s has the same examples in both, but for a placeholder', (name) => {
    const [sv, en] = [examplesOf(name, 'sv'), examplesOf(name, 'en')];
    expect(sv.length).toBe(en.length);
    sv.forEach((line, i) => {
      if (line !== en[i]) expect(line.replace(/<[^>]+>/g, '<>')).toBe(en[i]!.replace(/<[^>]+>/g, '<>'));
    });
  });

  it.each(COMMAND_NAMES)('%s names its arguments and values in Swedish in the Swedish help: a placeholder the same in both is one both languages share', (name) => {
    const [sv, en] = [placeholdersIn(helpText(name, 'sv')), placeholdersIn(helpText(name, 'en'))];
    expect(sv.length, `${sv.join(' ')} / ${en.join(' ')}`).toBe(en.length);
    sv.forEach((p, i) => {
      if (p === en[i]) expect(SAME_IN_BOTH, `${name}: ${p}`).toContain(p);
    });
    for (const row of optionRowsOf(name)) {
      const value = (lang: CliLang): string => optionLabel(row, lang).slice(`--${row.name}`.length).trim();
      if (value('sv') !== '' && value('sv') === value('en')) expect(SAME_IN_BOTH, `${name} --${row.name}`).toContain(value('sv'));
    }
  });

  it('the global usage names its placeholders in Swedish in the Swedish one', () => {
    const [sv, en] = [placeholdersIn(usage('sv')), placeholdersIn(usage('en'))];
    expect(sv.length).toBe(en.length);
    sv.forEach((p, i) => {
      if (p === en[i]) expect(SAME_IN_BOTH, p).toContain(p);
    });
  });

  it.each(COMMAND_NAMES)('the Swedish help of %s holds no English words, the English no Swedish ones', (name) => {
    // The level names of --log-level are values, as typed (`error`).
    const words = (lang: CliLang): string => withoutKeys(commandUsage(name, lang).replace(levelList(lang), ''));
    expect(words('sv')).not.toMatch(ENGLISH_WORDS);
    expect(words('en')).not.toMatch(SWEDISH_WORDS);
  });

  it('the global usage in Swedish holds no English words, the English no Swedish ones', () => {
    expect(withoutKeys(usage('sv'))).not.toMatch(ENGLISH_WORDS);
    expect(withoutKeys(usage('en'))).not.toMatch(SWEDISH_WORDS);
  });

  it('names the log levels the settings take', () => {
    expect(HELP_LOG_LEVELS).toEqual(LOG_LEVELS);
  });
});

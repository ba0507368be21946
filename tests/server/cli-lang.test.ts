/**
 * A command's refusal or failure is said in the language of `--lang`, else of the locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`), else in English, for every command: the CLI printed only the
 * English of errors that carry a Swedish sentence too, and only import, export and report took
 * `--lang` at all.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliLang } from '../../server/cli-lang.js';
import { cli } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-lang-'));
const db = join(dir, 'samplan.db');
const on = ['--db', db];
beforeAll(async () => {
  expect((await cli(['workspace', 'create', '--id', 'ws', '--name', 'Region', ...on])).code).toBe(0);
  expect((await cli(['member', 'add', '--workspace', 'ws', '--id', 'olle', '--name', 'Olle', '--role', 'viewer', ...on])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run with the locale variables set to `env` (the others unset), restoring them after. */
async function withLocale<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const keys = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;
  const before = keys.map((k) => process.env[k]);
  for (const k of keys) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    keys.forEach((k, i) => (before[i] === undefined ? delete process.env[k] : (process.env[k] = before[i])));
  }
}

describe('samplan --lang: refusals and failures of every command', () => {
  it.each([
    ['rounds define: a member whose role may not', ['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', '2026-04-15', '--member', 'olle'], 2,
      'The member "olle" of ws is a viewer: defining, closing and reopening rounds takes the role coordinator or administrator.',
      'Medlemmen "olle" i ws är läsare: att lägga upp, stänga och öppna omgångar kräver rollen samordnare eller administratör.'],
    ['rounds close: a round that is not there', ['rounds', 'close', 'nope', '--workspace', 'ws'], 2, 'There is no follow-up round "nope".', 'Det finns ingen uppföljningsomgång "nope".'],
    ['export: a workspace that is not there', ['export', 'nowhere', 'plan'], 2, 'There is no workspace "nowhere" in this database; it has ws.', 'Det finns ingen arbetsyta "nowhere" i den här databasen; den har ws.'],
    ['export: a document that is not there', ['export', 'ws', 'plan'], 2, 'There is no document "plan" in workspace "ws".', 'Det finns inget dokument "plan" i arbetsytan "ws".'],
    ['token list: a workspace that is not there', ['token', 'list', '--workspace', 'nowhere'], 2, 'There is no workspace "nowhere"', 'Det finns ingen arbetsyta "nowhere"'],
  ])('%s', async (_what, args, code, en, sv) => {
    const english = await cli([...args, ...on, '--lang', 'en']);
    expect(english.code).toBe(code);
    expect(english.err.startsWith(`samplan: ${en}`), english.err).toBe(true);
    const swedish = await cli([...args, ...on, '--lang', 'sv']);
    expect(swedish.code).toBe(code);
    expect(swedish.err.startsWith(`samplan: ${sv}`), swedish.err).toBe(true);
  });

  it('without --lang, follows the locale: Swedish for sv_SE, English for another; LC_ALL before LANG; --lang before both', async () => {
    const args = ['export', 'nowhere', 'plan', ...on];
    const sv = 'samplan: Det finns ingen arbetsyta "nowhere" i den här databasen; den har ws.';
    const en = 'samplan: There is no workspace "nowhere" in this database; it has ws.';
    expect((await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(args))).err).toBe(sv);
    expect((await withLocale({ LANG: 'en_GB.UTF-8' }, () => cli(args))).err).toBe(en);
    expect((await withLocale({ LANG: 'sv_SE.UTF-8', LC_ALL: 'C' }, () => cli(args))).err).toBe(en);
    expect((await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli([...args, '--lang', 'en']))).err).toBe(en);
    expect((await withLocale({}, () => cli(args))).err).toBe(en);
  });

  it('a --lang that is neither is an argument mistake of any command, said with its usage', async () => {
    for (const args of [['stop', '--lang', 'de'], ['workspace', 'list', '--lang', 'de']]) {
      const run = await cli([...args, ...on]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^--lang must be sv or en, not "de"\.\n\nUsage:/);
    }
  });

  it('a stop whose pid file is a folder, in both languages', async () => {
    mkdirSync(`${db}.pid`);
    try {
      expect((await cli(['stop', ...on, '--lang', 'sv'])).err).toMatch(/^samplan: samplan stop kan inte läsa pid-filen .*: det är en mapp\./);
      expect((await cli(['stop', ...on, '--lang', 'en'])).err).toMatch(/^samplan: samplan stop cannot read the pid file .*: it is a folder\./);
    } finally {
      rmSync(`${db}.pid`, { recursive: true });
    }
  });
});

describe('cliLang', () => {
  it('reads --lang anywhere on the line, then the first locale variable set', () => {
    expect(cliLang(['--lang=sv', 'token', 'list'], { LANG: 'en_US.UTF-8' })).toBe('sv');
    expect(cliLang(['token', 'list', '--lang', 'en'], { LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(cliLang(['token', 'list', '--lang', 'de'], { LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(cliLang([], { LC_MESSAGES: 'sv_FI', LANG: 'en_US' })).toBe('sv');
    expect(cliLang([], { LC_ALL: '', LANG: 'sv' })).toBe('sv');
    expect(cliLang([], { LANG: 'svx_XX' })).toBe('en');
    expect(cliLang([], {})).toBe('en');
  });

  it('takes the last --lang, as the command does for its own lines', () => {
    expect(cliLang(['import', '--lang', 'sv', '--lang=en'], { LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(cliLang(['import', '--lang=en', '--lang', 'sv'], {})).toBe('sv');
    // The command refuses a last --lang of another value; the locale says that refusal.
    expect(cliLang(['import', '--lang', 'en', '--lang', 'de'], { LANG: 'sv_SE.UTF-8' })).toBe('sv');
  });
});

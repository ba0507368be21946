/**
 * Every line of every command, and its refusal or failure, is said in the language of `--lang`,
 * else of the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) when it is Swedish or English, else in
 * Swedish: the CLI printed only the English of errors that carry a Swedish sentence too, only
 * import, export and report took `--lang` at all, and their lines were Swedish whatever the
 * locale while their failures followed it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExportArguments, checkImportArguments, checkReportArguments } from '../../server/cli-check.js';
import { cliLang } from '../../server/cli-lang.js';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-cli-lang-'));
const db = join(dir, 'samplan.db');
const on = ['--db', db];
beforeAll(async () => {
  expect((await cli(['workspace', 'create', '--id', 'ws', '--name', 'Region', ...on])).code).toBe(0);
  expect((await cli(['member', 'add', '--workspace', 'ws', '--id', 'olle', '--name', 'Olle', '--role', 'viewer', ...on])).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('without --lang, follows a Swedish or English locale, else Swedish; LC_ALL before LANG; --lang before both', async () => {
    const args = ['export', 'nowhere', 'plan', ...on];
    const sv = 'samplan: Det finns ingen arbetsyta "nowhere" i den här databasen; den har ws.';
    const en = 'samplan: There is no workspace "nowhere" in this database; it has ws.';
    expect((await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(args))).err).toBe(sv);
    expect((await withLocale({ LANG: 'en_GB.UTF-8' }, () => cli(args))).err).toBe(en);
    expect((await withLocale({ LANG: 'en_US.UTF-8', LC_ALL: 'sv_SE.UTF-8' }, () => cli(args))).err).toBe(sv);
    expect((await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli([...args, '--lang', 'en']))).err).toBe(en);
    const others: Record<string, string>[] = [{}, { LANG: 'C.UTF-8' }, { LANG: 'de_DE.UTF-8' }, { LANG: 'sv_SE.UTF-8', LC_ALL: 'C' }];
    for (const locale of others) {
      expect((await withLocale(locale, () => cli(args))).err, JSON.stringify(locale)).toBe(sv);
    }
  });

  it('a --lang that is neither is an argument mistake of any command, said with its usage in the locale’s language', async () => {
    for (const args of [['stop', '--lang', 'de'], ['workspace', 'list', '--lang', 'de']]) {
      const english = await withLocale({ LANG: 'en_GB.UTF-8' }, () => cli([...args, ...on]));
      expect(english.code).toBe(2);
      expect(english.err).toMatch(/^--lang must be sv or en, not "de"\.\n\nUsage:/);
      const swedish = await withLocale({ LANG: 'C.UTF-8' }, () => cli([...args, ...on]));
      expect(swedish.code).toBe(2);
      expect(swedish.err).toMatch(/^--lang ska vara sv eller en, inte "de"\.\n\nAnvändning:/);
    }
  });

  it('import’s, export’s and report’s own lines follow the same rule as their failures; the documents export and report write stay Swedish without --lang', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, 'Aktivitet\nPromenadgrupp\n');
    // The old code printed import's counts in Swedish under an English locale, and its refusals in English.
    const english = { LANG: 'en_GB.UTF-8' };
    expect(await withLocale(english, async () => checkImportArguments(['ws', 'plan', file], {}).lang)).toBe('en');
    expect(await withLocale({ LANG: 'C.UTF-8' }, async () => checkImportArguments(['ws', 'plan', file], {}).lang)).toBe('sv');
    expect(await withLocale(english, async () => checkExportArguments(['ws', 'plan'], {}, db))).toMatchObject({ lang: 'sv', say: 'en' });
    expect(await withLocale(english, async () => checkReportArguments(['ws', 'r'], { lang: 'en' }, db))).toMatchObject({ lang: 'en', say: 'en' });
  });
});

describe('the lines of every command in Swedish and English', () => {
  /** Both languages' output of `args`, each joined from stdout and stderr. */
  async function both(args: string[]): Promise<{ sv: string; en: string }> {
    const sv = await cli([...args, ...on, '--lang', 'sv']);
    const en = await cli([...args, ...on, '--lang', 'en']);
    return { sv: `${sv.out}\n${sv.err}`, en: `${en.out}\n${en.err}` };
  }

  it.each([
    ['an unknown option', ['token', 'list', '--bogus'], /^samplan token har inget alternativ --bogus\./, /^samplan token has no option --bogus\./],
    ['a missing argument', ['export', 'ws'], /^<dokument> saknas\./, /^Missing <doc>\./],
    ['an unknown subcommand', ['member', 'kick'], /^Okänt member-kommando "kick"; använd add, remove eller list\./, /^Unknown member command "kick"; use add, remove or list\./],
    ['an argument more', ['backup', 'a.db', 'b.db'], /^Oväntat argument "b\.db": samplan backup tar ett argument\./, /^Unexpected argument "b\.db": samplan backup takes one argument\./],
    ['an unknown command', ['exprot'], /^Okänt kommando "exprot"\./, /^Unknown command "exprot"\./],
    ['a wrong --format', ['export', 'ws', 'plan', '--format', 'pdf'], /^--format ska vara ett av/, /^--format must be one of/],
    ['a workspace id that is no slug', ['workspace', 'create', '--id', 'A B', '--name', 'X'], /^--id ska ha 1–64 tecken/, /^--id must be 1–64 characters/],
    ['a unit name that is empty', ['unit', 'add', '--workspace', 'ws', '--code', 'vc-a', '--name', ' '], /^--name får inte vara tom\./, /^--name must not be empty\./],
    ['a period that is none', ['rounds', 'define', '--workspace', 'ws', '--period', 'sometime', '--due', '2026-04-15'], /^--period "sometime" är ingen period/, /^--period "sometime" is not a period/],
    ['a due date that is none', ['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', 'snart'], /^--due "snart" är inget datum/, /^--due "snart" is not a date/],
    ['a due date without its year', ['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', '15/4'], /^--due "15\/4" saknar år/, /^--due "15\/4" names no year/],
  ])('usage mistakes: %s', async (_what, args, sv, en) => {
    const said = await both(args);
    expect(said.sv.trim()).toMatch(sv);
    expect(said.en.trim()).toMatch(en);
  });

  it('the success lines of workspace, unit, member, token and rounds', async () => {
    const ws = await both(['workspace', 'rename', 'ws', '--name', 'Region']);
    expect(ws.sv).toMatch(/^Arbetsytan ws heter nu "Region"\./);
    expect(ws.en).toMatch(/^Workspace ws renamed to "Region"\./);
    const sv = await cli(['unit', 'add', '--workspace', 'ws', '--code', 'vc-sv', '--name', 'VC Sv', ...on, '--lang', 'sv']);
    expect(sv.out).toBe('Enheten vc-sv lades till i ws.');
    const en = await cli(['unit', 'add', '--workspace', 'ws', '--code', 'vc-en', '--name', 'VC En', ...on, '--lang', 'en']);
    expect(en.out).toBe('Unit vc-en added to ws.');
    const member = await both(['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina', '--role', 'editor', '--units', 'vc-sv']);
    expect(member.sv).toMatch(/^Medlemmen nina (lades till|ändrades) i ws som redigerare för vc-sv\./);
    expect(member.en).toMatch(/^Member nina (added to|updated in) ws as editor of vc-sv\./);
    const token = await cli(['token', 'create', '--workspace', 'ws', '--member', 'nina', ...on, '--lang', 'sv']);
    const [made, once, secret] = token.out.split('\n');
    expect(made).toMatch(/^Token \S+ för nina i ws, går inte ut\.$/);
    expect(once).toBe('Hemligheten visas bara den här gången:');
    // The secret stays a line of its own, the same in either language: the line a script takes.
    expect(secret).toMatch(/^\S{20,}$/);
    const id = /^Token (\S+)/.exec(made ?? '')?.[1] ?? '';
    expect((await cli(['token', 'revoke', id, ...on, '--lang', 'sv'])).out).toBe(`Token ${id} återkallad.`);
    const round = await cli(['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 3', '--due', '2026-10-15', ...on, '--lang', 'sv']);
    expect(round.out).toMatch(/^Omgången 2026-kv-3 \(.+, sista dag 2026-10-15\) lades upp: 0 indikatorer för alla nivåer, aktiviteter rapporteras\.$/);
    const closed = await cli(['rounds', 'close', '2026-kv-3', '--workspace', 'ws', ...on, '--lang', 'sv']);
    expect(closed.out).toMatch(/^Omgången .+ stängdes: ingen enhet kan skicka in/);
    const reopened = await cli(['rounds', 'reopen', '2026-kv-3', '--workspace', 'ws', ...on, '--lang', 'en']);
    expect(reopened.out).toMatch(/^Round .+ reopened: the units can submit/);
  });

  it('backup’s and stop’s lines', async () => {
    const backup = await both(['backup', join(dir, 'copy.db'), '--overwrite']);
    expect(backup.sv).toMatch(/^Säkerhetskopian skrevs till .*copy\.db\./);
    expect(backup.en).toMatch(/^Backup written to .*copy\.db\./);
    const stop = await both(['stop']);
    expect(stop.sv).toMatch(/^Ingen Samplan-server körs på /);
    expect(stop.en).toMatch(/^No Samplan server is running on /);
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
    expect(cliLang([], { LC_MESSAGES: 'en_IE', LANG: 'sv_SE' })).toBe('en');
    expect(cliLang([], { LC_ALL: '', LANG: 'sv' })).toBe('sv');
    expect(cliLang([], { LC_ALL: '', LANG: 'en' })).toBe('en');
    // Neither language: Swedish, the coordinators' (the old rule said English).
    expect(cliLang([], { LANG: 'enx_XX' })).toBe('sv');
    expect(cliLang([], { LANG: 'C.UTF-8' })).toBe('sv');
    expect(cliLang([], {})).toBe('sv');
  });

  it('takes the last --lang, as the command does for its own lines', () => {
    expect(cliLang(['import', '--lang', 'sv', '--lang=en'], { LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(cliLang(['import', '--lang=en', '--lang', 'sv'], {})).toBe('sv');
    // The command refuses a last --lang of another value; the locale says that refusal.
    expect(cliLang(['import', '--lang', 'en', '--lang', 'de'], { LANG: 'sv_SE.UTF-8' })).toBe('sv');
  });
});

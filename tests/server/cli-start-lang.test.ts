/**
 * Settings' refusals, start-up failures, `npm start`'s lines and the start banner speak the CLI's
 * language (`messageLang`): they were English whatever `--lang` or the locale said, while every
 * other line of the command was Swedish.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { banner } from '../../server/cli-serve.js';
import { npmStart, startRefusal, type StartDeps } from '../../server/npm-start.js';
import { lockDatabase } from '../../server/storage/db-lock.js';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-start-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npm start's deps that record what it says and never build. */
function recorded(env: Record<string, string | undefined>): { deps: StartDeps; said: string[]; ran: string[][] } {
  const said: string[] = [];
  const ran: string[][] = [];
  const deps: StartDeps = { run: async (c, a) => (ran.push([c, ...a]), c === 'npm' ? 3 : 0), say: (t) => said.push(t), warn: (t) => said.push(t), now: () => 0, env };
  return { deps, said, ran };
}

describe('settings refused in the CLI’s language', () => {
  it('says a wrong setting, a process setting and a sign-in setting in Swedish under C.UTF-8, in English with --lang en', async () => {
    const db = ['--db', join(dir, 'none.db')];
    await withLocale({ LANG: 'C.UTF-8' }, async () => {
      expect(await cli(['serve', '--port', '80a', ...db])).toEqual({ code: 2, out: '', err: 'samplan: Inställningen --port / PORT ska vara ett tal: fick "80a".' });
      expect((await cli(['serve', '--port', '80a', '--lang', 'en', ...db])).err).toBe('samplan: The setting --port / PORT must be a number: got "80a".');
      expect((await cli(['token', 'revoke', 'abc', '--redis-url', 'redis://r', ...db])).err).toBe('samplan: --redis-url kräver --database-url: flera processer delar en PostgreSQL-databas, aldrig en SQLite-fil.');
      expect((await cli(['serve', '--oidc-issuer', 'not a url', '--oidc-client-id', 'c', '--oidc-workspace', 'ws', ...db])).err).toBe(
        'samplan: Inställningen --oidc-issuer / SAMPLAN_OIDC_ISSUER ska vara en http://- eller https://-adress: fick "not a url".',
      );
    });
    const workers = process.env.SAMPLAN_READ_WORKERS;
    process.env.SAMPLAN_READ_WORKERS = '0';
    try {
      const r = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(['token', 'list', '--workspace', 'ws', ...db]));
      expect(r.err).toBe('samplan: Inställningen SAMPLAN_READ_WORKERS ska vara ett heltal från 1 till 32, inte "0".');
    } finally {
      if (workers === undefined) delete process.env.SAMPLAN_READ_WORKERS;
      else process.env.SAMPLAN_READ_WORKERS = workers;
    }
  });
});

describe('npm start and samplan serve in the CLI’s language', () => {
  it('refuses a held database and a taken port in Swedish without a locale, English with --lang en', async () => {
    const db = join(dir, 'held.db');
    const lock = lockDatabase(db);
    try {
      expect(startRefusal(['--db', db], {})).toMatch(new RegExp(`^Databasen ${db} används redan av en annan Samplan-server \\(process ${process.pid} på `));
      expect(startRefusal(['--db', db, '--lang', 'en'], { LANG: 'sv_SE.UTF-8' })).toMatch(/^The database .* is already served by another Samplan server/);
      expect(startRefusal(['--db', db, '--port', 'x'], { LANG: 'C.UTF-8' })).toBe('Inställningen --port / PORT ska vara ett tal: fick "x".');
    } finally {
      lock.release();
    }
    const taken = createServer();
    await new Promise<void>((up) => taken.listen(0, '127.0.0.1', up));
    const port = (taken.address() as { port: number }).port;
    try {
      const { deps, said, ran } = recorded({});
      expect(await npmStart(['--db', join(dir, 'free.db'), '--port', String(port)], deps)).toBe(1);
      expect(said).toEqual([`Port ${port} på 127.0.0.1 används redan, av en annan Samplan-server eller ett annat program. Stoppa det (npm stop stoppar Samplan-servern på ./data/samplan.db, samplan stop --db <fil> en på en annan databas), eller välj en annan port med --port eller PORT.\n`]);
      expect(ran).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('says its build lines in the language of serve', async () => {
    const sv = recorded({ LANG: 'C.UTF-8' });
    expect(await npmStart(['--db', join(dir, 'build.db'), '--port', '0'], sv.deps)).toBe(3);
    expect(sv.said).toEqual([
      'samplan: bygger servern och aktivitetsfönstret (tsc, sedan vite); det tar en minut eller två på en långsam dator …\n',
      'samplan: bygget misslyckades efter 0,0 s (slutkod 3); servern startades inte.\n',
    ]);
    const en = recorded({ LANG: 'sv_SE.UTF-8' });
    await npmStart(['--db', join(dir, 'build.db'), '--port', '0', '--lang', 'en'], en.deps);
    expect(en.said[1]).toBe('samplan: the build failed after 0.0 s (exit code 3); the server was not started.\n');
  });

  it('prints the banner in Swedish or English, addresses and tokens alike', () => {
    const tokens = { admin: 'A', coordinator: 'C', editor: 'E', viewer: 'V' };
    const sv = banner('http://127.0.0.1:9', tokens, null, join(dir, 'x.db'), null, 'sv');
    const en = banner('http://127.0.0.1:9', tokens, null, join(dir, 'x.db'), null, 'en');
    expect(sv.split('\n')[0]).toBe('Samplan körs på http://127.0.0.1:9');
    expect(en.split('\n')[0]).toBe('Samplan is running at http://127.0.0.1:9');
    expect(sv).toContain(`Stoppa med Ctrl+C, eller med \`samplan stop --db ${join(dir, 'x.db')}\` från en annan terminal`);
    expect(sv).not.toMatch(/\b(Playground|Task pane|Metrics|Health|Stop with|Tokens|signed in|Try)\b/);
    const urls = (text: string): string[] => text.match(/http\S+/g) ?? [];
    expect(urls(sv)).toEqual(urls(en));
    for (const role of ['admin', 'coordinator', 'editor', 'viewer']) expect(sv).toMatch(new RegExp(`^  ${role}\\s.*\\s${tokens[role as keyof typeof tokens]}$`, 'm'));
  });

  it('masks a personnummer in the database path the banner and samplan stop name, as every line of the CLI masks a path', async () => {
    // Printed whole before: the banner (a service manager keeps it in its journal) and stop's line, while the log line masked it.
    const db = join(dir, '19811218-9876.db');
    const tokens = { admin: 'A', coordinator: 'C', editor: 'E', viewer: 'V' };
    const sv = banner('http://127.0.0.1:9', tokens, `${db}.demo-tokens.json`, db, null, 'sv');
    expect(sv).toContain(`Token (sparade i ${join(dir, '[personnummer].db.demo-tokens.json')} och`);
    expect(sv).toContain(`samplan stop --db ${join(dir, '[personnummer].db')}\``);
    expect(sv).not.toContain('9876');
    const stop = await withLocale({ LANG: 'C.UTF-8' }, () => cli(['stop', '--db', db]));
    expect(stop).toMatchObject({ code: 0, out: expect.stringContaining(`Ingen Samplan-server körs på ${join(dir, '[personnummer].db')}.`) });
    expect(stop.out).not.toContain('9876');
  });

  it.each(['sv', 'en'] as const)('lines up the banner’s addresses and tokens in a column each, in %s', (lang) => {
    // The Swedish coordinator's description is the longest of its column: its token stood one
    // place right of the others, and the English admin's one place left.
    const tokens = { admin: 'TOKEN-A', coordinator: 'TOKEN-C', editor: 'TOKEN-E', viewer: 'TOKEN-V' };
    const lines = banner('http://127.0.0.1:9', tokens, null, null, null, lang).split('\n');
    const tokenRows = lines.filter((line) => /^ {2}(admin|coordinator|editor|viewer) /.test(line));
    const tokenAt = tokenRows.map((line) => line.search(/TOKEN-[ACEV]$/));
    expect(tokenAt).toHaveLength(4);
    expect(new Set(tokenAt).size).toBe(1);
    // At least one space after the longest description.
    expect(tokenRows.every((line) => / TOKEN-[ACEV]$/.test(line))).toBe(true);
    const addressRows = lines.filter((line) => /^ {2}[^\s:][^:]* +http:\/\//.test(line));
    const urlAt = addressRows.map((line) => line.indexOf('http://'));
    expect(urlAt).toHaveLength(6);
    expect(new Set(urlAt).size).toBe(1);
  });
});

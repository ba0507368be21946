/**
 * The last lines of the CLI that were English whatever `--lang` or the locale said follow the one
 * language rule (`messageLang`): an SQLite file the server cannot open, a PostgreSQL or Redis that
 * cannot be reached, `migrate`'s target (unreachable, its serving lock held or lost) and closing line, PostgreSQL's
 * refusal of a schema a reading command will not upgrade, and a file a command could not write
 * (the write-fault table of `write-fault.ts`, said by `export --out` and `backup`). `rounds list`'s
 * rows are data: the same in both languages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFailure } from '../../server/backup-target.js';
import { sentenceOf } from '../../server/cli-lang.js';
import { postgresOpenError } from '../../server/connect-errors.js';
import { connectRedisFanout } from '../../server/fanout/redis.js';
import { assertTargetLockHeld } from '../../server/migrate-target.js';
import { checkPostgresSchema, PG_MIGRATIONS } from '../../server/storage/postgres-schema.js';
import { serveLockRefusal, type ServeLock } from '../../server/storage/postgres-serve-lock.js';
import { writeOutputFile } from '../../server/output-file.js';
import { freePort, servicesMissing } from '../support/services.js';
import { usePostgres } from '../support/use-services.js';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-rest-lang-'));
const db = join(dir, 'samplan.db');
const user = userInfo().username;
beforeAll(async () => {
  expect((await cli(['workspace', 'create', '--id', 'ws', '--name', 'Region', '--db', db])).code).toBe(0);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `args` run under `C.UTF-8` (Swedish by the rule) and again with `--lang en` under a Swedish locale. */
async function bothWays(args: string[]): Promise<{ sv: { code: number; err: string }; en: { code: number; err: string } }> {
  const sv = await withLocale({ LANG: 'C.UTF-8' }, () => cli(args));
  const en = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli([...args, '--lang', 'en']));
  return { sv, en };
}

const fault = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('start-up failures in the CLI’s language', () => {
  it('says an SQLite file that is no database in Swedish, in English with --lang en', async () => {
    const csv = join(dir, 'rader.csv');
    writeFileSync(csv, 'Aktivitet;Typ\r\nPromenad;Gågrupp\r\n'.repeat(40));
    const { sv, en } = await bothWays(['workspace', 'list', '--db', csv]);
    expect(sv.code).toBe(1);
    expect(sv.err).toMatch(new RegExp(`^samplan: ${csv} är ingen Samplan-databas \\(ingen SQLite-fil, eller en skadad\\): ange serverns databasfil med --db eller SAMPLAN_DB`));
    expect(en.err).toMatch(new RegExp(`^samplan: ${csv} is not a Samplan database \\(not an SQLite file, or a damaged one\\)`));
  });

  it('says a PostgreSQL that does not answer in Swedish, in English with --lang en, never the password', async () => {
    const port = await freePort();
    const { sv, en } = await bothWays(['workspace', 'list', '--database-url', `postgres://samplan:s3cret@127.0.0.1:${port}/samplan`]);
    expect(sv.code).toBe(1);
    expect(sv.err).toBe(
      `samplan: Kan inte öppna PostgreSQL-databasen postgres://samplan:***@127.0.0.1:${port}/samplan (--database-url eller SAMPLAN_DATABASE_URL): ingenting svarar på 127.0.0.1:${port} (körs den, och på den porten?).`,
    );
    expect(en.err).toBe(
      `samplan: Cannot open the PostgreSQL database postgres://samplan:***@127.0.0.1:${port}/samplan (--database-url or SAMPLAN_DATABASE_URL): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`,
    );
  });

  it('says a Redis that does not answer in both languages', async () => {
    const port = await freePort();
    const err = await connectRedisFanout(`redis://127.0.0.1:${port}`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sentenceOf(err, 'sv')).toBe(`Kan inte nå Redis på redis://127.0.0.1:${port} (--redis-url eller SAMPLAN_REDIS_URL): ingenting svarar på 127.0.0.1:${port} (körs den, och på den porten?).`);
    expect(sentenceOf(err, 'en')).toBe(`Cannot reach Redis at redis://127.0.0.1:${port} (--redis-url or SAMPLAN_REDIS_URL): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`);
  }, 15_000);

  it('says a PostgreSQL served by another server alone in both languages', () => {
    const alone = serveLockRefusal('alone', 'postgres://db/samplan');
    expect(alone.sv).toMatch(/^En annan Samplan-server kör redan mot PostgreSQL-databasen postgres:\/\/db\/samplan\. Utan --redis-url/);
    expect(alone.en).toMatch(/^Another Samplan server already serves the PostgreSQL database postgres:\/\/db\/samplan\./);
  });

  it('refuses a PostgreSQL schema of another version where a command only reads, in both languages', async () => {
    const older = PG_MIGRATIONS.length - 1;
    const client = { query: async (sql: string) => ({ rows: [sql.includes('to_regclass') ? { t: 'samplan_schema' } : { v: older }] }), release: () => undefined };
    const pool = { connect: async () => client } as unknown as Pool;
    const err = await checkPostgresSchema(pool).then(
      () => null,
      (e: unknown) => postgresOpenError(e, 'postgres://db/samplan', 'postgres://db/samplan'),
    );
    expect(sentenceOf(err, 'sv')).toBe(
      `Kan inte öppna PostgreSQL-databasen postgres://db/samplan (--database-url eller SAMPLAN_DATABASE_URL): databasens schemaversion ${older} är äldre än den här Samplans (${PG_MIGRATIONS.length}), och kommandot läser bara, så den uppgraderades inte: starta samplan serve av den här versionen på den en gång.`,
    );
    expect(sentenceOf(err, 'en')).toMatch(/^Cannot open the PostgreSQL database postgres:\/\/db\/samplan \(--database-url or SAMPLAN_DATABASE_URL\): database schema version \d+ is older than this Samplan's/);
  });
});

describe('samplan migrate’s target in the CLI’s language', () => {
  it('says a target that does not answer in Swedish, in English with --lang en', async () => {
    const port = await freePort();
    const { sv, en } = await bothWays(['migrate', '--from', db, '--to', `postgres://samplan@127.0.0.1:${port}/samplan`]);
    expect(sv.code).toBe(1);
    expect(sv.err).toBe(`samplan: Kan inte öppna PostgreSQL-databasen postgres://samplan@127.0.0.1:${port}/samplan (--to): ingenting svarar på 127.0.0.1:${port} (körs den, och på den porten?).`);
    expect(en.err).toBe(`samplan: Cannot open the PostgreSQL database postgres://samplan@127.0.0.1:${port}/samplan (--to): nothing answers at 127.0.0.1:${port} (is it running, and on that port?).`);
  });

  describe.skipIf(servicesMissing() !== null)('on a running PostgreSQL', () => {
    const server = usePostgres();
    it('closes a copy with its verification in Swedish, a copy already there in English with --lang en', async () => {
      const to = await server.createDb('restlang');
      const sv = await withLocale({ LANG: 'C.UTF-8' }, () => cli(['migrate', '--from', db, '--to', to]));
      expect(sv.code, sv.err).toBe(0);
      expect(sv.out.split('\n').at(-1)).toMatch(/^Kontrollerat: varje tabells rader, varje arbetsytas poster, granskningsloggens innehåll och alla \d+ dokuments tillstånd stämmer\. Starta servrarna med --database-url\.$/);
      const en = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(['migrate', '--from', db, '--to', to, '--lang', 'en']));
      expect(en.code, en.err).toBe(0);
      expect(en.out.split('\n').at(-1)).toMatch(new RegExp(`^Nothing copied: the target already holds a whole copy of ${db}`));
    }, 120_000);
  });

  it('says a serving lock lost during the copy in both languages', () => {
    const lost = { lost: () => ({ since: '2026-12-07T05:00:00Z', why: 'taken' }), lapses: () => ({ count: 0, last: null }) } as unknown as ServeLock;
    let err: unknown = null;
    try {
      assertTargetLockHeld(lost, 'postgres://samplan:pw@db/samplan');
    } catch (e) {
      err = e;
    }
    expect(sentenceOf(err, 'sv')).toBe(
      'Serverlåset för PostgreSQL-databasen postgres://samplan:***@db/samplan (--to) förlorades under kopieringen (en Samplan-server tog det, 2026-12-07T05:00:00Z), så en server kan köra mot den. Ingenting skrevs: stoppa varje server på den, kör sedan samplan migrate igen.',
    );
    expect(sentenceOf(err, 'en')).toMatch(/^The serving lock of the PostgreSQL database postgres:\/\/samplan:\*\*\*@db\/samplan \(--to\) was lost during the copy \(a Samplan server took it, at /);
  });
});

describe('a file a command could not write, in the CLI’s language', () => {
  it('says a backup it could not write in Swedish, in English with --lang en', async () => {
    const { sv, en } = await bothWays(['backup', join('/proc', 'b.db'), '--db', db]);
    expect(sv.code).toBe(1);
    expect(sv.err).toMatch(/^samplan: Säkerhetskopian \/proc\/b\.db skrevs inte: ingen fil kan skapas i \/proc: det är en systemmapp .*; ingenting av den finns kvar där och databasen är oförändrad\. Ange en fil i en egen mapp, som \.\/backups\.$/);
    expect(en.err).toMatch(/^samplan: The backup \/proc\/b\.db was not written: no file can be made in \/proc: it is a folder of the system /);
  });

  it('says each fault of the table in Swedish: a file-size limit, a full disk, a quota, no right, a read-only file system, an I/O error', async () => {
    const file = join(dir, 'b.db');
    const said = {
      EFBIG: `en fil i ${dir} får inte bli större: gränsen för filstorlek för användaren som kör Samplan (${user}, ulimit -f)`,
      ENOSPC: `disken med ${dir} är full`,
      EDQUOT: `diskkvoten för användaren som kör Samplan (${user}) är förbrukad på disken med ${dir}`,
      EACCES: `användaren som kör Samplan (${user}) får inte skriva i ${dir}`,
      EROFS: `filsystemet med ${dir} är skrivskyddat`,
      EIO: `disken med ${dir} kunde inte läsa eller skriva (ett in- och utmatningsfel)`,
    };
    for (const [code, words] of Object.entries(said)) {
      const line = backupFailure(file, fault(`${code}: write`, code), 'sv');
      expect(line.startsWith(`Säkerhetskopian ${file} skrevs inte: ${words}`), line).toBe(true);
      expect(line).toContain('ingenting av den finns kvar där och databasen är oförändrad.');
      expect(backupFailure(file, fault(`${code}: write`, code), 'en')).toMatch(new RegExp(`^The backup ${file} was not written: `));
    }
  });

  it('says a file export could not write in both languages', async () => {
    const err = await writeOutputFile(join('/proc', 'plan.csv'), 'a;b\n').then(
      () => null,
      (e: unknown) => e,
    );
    expect(sentenceOf(err, 'sv')).toMatch(/^Kunde inte skriva \/proc\/plan\.csv: ingen fil kan skapas i \/proc: det är en systemmapp .*\. Ange en fil i en egen mapp, som \.\/backups\.$/);
    expect(sentenceOf(err, 'en')).toMatch(/^Could not write \/proc\/plan\.csv: no file can be made in \/proc: it is a folder of the system .*\. Name a file in a folder of your own, such as \.\/backups\.$/);
  });
});

describe('samplan rounds list: rows are data', () => {
  it('prints the same rows in Swedish and English, due and closed as keywords a script reads', async () => {
    expect((await cli(['rounds', 'define', '--workspace', 'ws', '--period', '2026 kv 1', '--due', '2026-04-15', '--db', db])).code).toBe(0);
    expect((await cli(['rounds', 'close', '2026-kv-1', '--workspace', 'ws', '--db', db])).code).toBe(0);
    const sv = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(['rounds', 'list', '--workspace', 'ws', '--db', db]));
    const en = await withLocale({ LANG: 'C.UTF-8' }, () => cli(['rounds', 'list', '--workspace', 'ws', '--db', db, '--lang', 'en']));
    expect(sv.out).toMatch(/^2026-kv-1\t2026 Q1\tdue 2026-04-15\t2026 kv 1\tclosed \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(en.out).toBe(sv.out);
  });
});

/**
 * Refusals of a file a command will not write (a backup onto an existing file, a folder, the
 * database itself; an `--out` onto a folder or a database) and of a database that is not there
 * speak the CLI's language (`messageLang`): they were English under a Swedish `--lang` or locale.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-target-lang-'));
const db = join(dir, 'samplan.db');
beforeAll(async () => {
  expect((await cli(['workspace', 'create', '--id', 'ws', '--name', 'Region', '--db', db])).code).toBe(0);
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'old.db'), 'x');
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file refusals in the CLI’s language', () => {
  it.each([
    ['backup onto a file there', ['backup', join(dir, 'old.db')], `samplan: Det finns redan en fil på ${join(dir, 'old.db')}; samplan backup ersätter den inte.`],
    ['backup onto a folder', ['backup', join(dir, 'folder')], `samplan: ${join(dir, 'folder')} är en mapp; ange säkerhetskopians fil i den`],
    ['backup onto the database', ['backup', db], `samplan: samplan backup skriver inte över ${db}: det är databasen som säkerhetskopieras`],
    ['backup under a file', ['backup', join(dir, 'old.db', 'x.db')], `samplan: samplan backup kan inte skriva ${join(dir, 'old.db', 'x.db')}: ${join(dir, 'old.db')} är en fil, inte en mapp.`],
    ['export onto a folder', ['export', 'ws', 'plan', '--out', join(dir, 'folder')], `samplan: ${join(dir, 'folder')} är en mapp; ange filen i den`],
    ['export onto the lock file', ['export', 'ws', 'plan', '--out', `${db}.lock`], `samplan: samplan export skriver inte över ${db}.lock: det är databasens låsfil`],
  ])('%s: Swedish under C.UTF-8', async (_what, args, sv) => {
    const r = await withLocale({ LANG: 'C.UTF-8' }, () => cli([...args, '--db', db]));
    expect(r.code).toBe(2);
    expect(r.err.startsWith(sv), r.err).toBe(true);
  });

  it('refuses a database that is not there in Swedish, in English with --lang en', async () => {
    const none = join(dir, 'none.db');
    const sv = await withLocale({ LANG: 'en_GB.UTF-8' }, () => cli(['workspace', 'list', '--db', none, '--lang', 'sv']));
    expect(sv.err.startsWith(`samplan: Det finns ingen Samplan-databas på ${none}. Ange serverns fil med --db eller SAMPLAN_DB`), sv.err).toBe(true);
    const en = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli(['workspace', 'list', '--db', none, '--lang', 'en']));
    expect(en.err.startsWith(`samplan: There is no Samplan database at ${none}.`), en.err).toBe(true);
  });
});

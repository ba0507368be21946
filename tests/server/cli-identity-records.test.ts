/**
 * The catalogue the CLI writes (workspaces, units, members, tokens) never holds a personnummer:
 * each name, id, code and label a command is given is refused in words, in Swedish and English,
 * with the number masked in every line printed, and nothing of it reaches the database, its
 * audit table or its write-ahead log, in any spelling the guard reads (dashes, spaces, another
 * script's digits, invisible characters between them, a samordningsnummer).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli, withLocale } from './cli-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-identity-records-'));
const db = join(dir, 'samplan.db');
beforeAll(async () => {
  expect((await cli(['workspace', 'create', '--id', 'ws', '--name', 'Region', '--db', db])).code).toBe(0);
  expect((await cli(['unit', 'add', '--workspace', 'ws', '--code', 'vc', '--name', 'Vårdcentralen', '--db', db])).code).toBe(0);
  expect((await cli(['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer', '--db', db])).code).toBe(0);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fullwidth = (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d))).replace('-', '－');
const arabic = (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(0x0660 + Number(d)));

/** One number in the spellings a person's tools write: each, alone or in words, is a personnummer to the guard. */
const SPELLINGS = ['19121212-1212', 'Eva 121212-1212', '121212 1212', '850101\u00a01236', fullwidth('850101-1236'), arabic('8112189876'), '8501\u200b01-1236', '811278-9873'];
/** Id-like spellings, which a slug (lower-case letters, digits and dashes) may hold. */
const SLUGS = ['19121212-1212', '8112189876', '811278-9873'];

/** Every command that writes a catalogue text, with `text` in the place it writes. */
const WRITES: Array<[string, (text: string) => string[]]> = [
  ['workspace create --name', (t) => ['workspace', 'create', '--id', 'ws2', '--name', t]],
  ['workspace rename --name', (t) => ['workspace', 'rename', 'ws', '--name', t]],
  ['unit add --name', (t) => ['unit', 'add', '--workspace', 'ws', '--code', 'vc2', '--name', t]],
  ['unit rename --name', (t) => ['unit', 'rename', '--workspace', 'ws', '--code', 'vc', '--name', t]],
  ['token create --label', (t) => ['token', 'create', '--workspace', 'ws', '--member', 'nina', '--label', t]],
  ['member add --name (a new member)', (t) => ['member', 'add', '--workspace', 'ws', '--id', 'eva', '--name', t, '--role', 'viewer']],
  ['member add --name (a display name changed)', (t) => ['member', 'add', '--workspace', 'ws', '--id', 'nina', '--name', t, '--role', 'viewer']],
];
const ID_WRITES: Array<[string, (text: string) => string[]]> = [
  ['workspace create --id', (t) => ['workspace', 'create', '--id', t, '--name', 'Region två']],
  ['unit add --code', (t) => ['unit', 'add', '--workspace', 'ws', '--code', t, '--name', 'Enhet två']],
  ['unit add --parent', (t) => ['unit', 'add', '--workspace', 'ws', '--code', 'vc3', '--name', 'Enhet tre', '--parent', t]],
  ['member add --id', (t) => ['member', 'add', '--workspace', 'ws', '--id', t, '--name', 'Eva Ek', '--role', 'viewer']],
  ['unit add --workspace', (t) => ['unit', 'add', '--workspace', t, '--code', 'vc4', '--name', 'Enhet fyra']],
];

/** `text` with the digits of the scripts {@link SPELLINGS} use (fullwidth, Arabic-Indic) as ASCII digits. */
function asciiDigits(text: string): string {
  return text.normalize('NFKC').replace(/[\u0660-\u0669]/g, (d) => String((d.codePointAt(0) as number) - 0x0660));
}

/** `text`'s digits in ASCII, everything else taken out. */
const digitsOf = (text: string): string => asciiDigits(text).replace(/[^0-9]/g, '');

/** What of the number in `text` no printed line or stored byte may hold: its ten digits, and its date part. */
function needles(text: string): string[] {
  const ten = digitsOf(text).slice(-10);
  return [ten, ten.slice(0, 6)];
}

/** `args` run in Swedish (a C locale) and in English; each must be refused in words, the number masked. */
async function refusedBothWays(args: string[], text: string): Promise<void> {
  const sv = await withLocale({ LANG: 'C.UTF-8' }, () => cli([...args, '--db', db]));
  const en = await withLocale({ LANG: 'sv_SE.UTF-8' }, () => cli([...args, '--db', db, '--lang', 'en']));
  expect(sv.code, `${args.join(' ')}`).toBe(2);
  expect(en.code, `${args.join(' ')}`).toBe(2);
  // Refused as a personnummer or samordningsnummer, or, a workspace named by one not found, with it masked.
  expect(sv.err, args.join(' ')).toMatch(/innehåller ett (personnummer|samordningsnummer)|ingen arbetsyta "\[redacted\]"/);
  expect(en.err, args.join(' ')).toMatch(/contains a (personal identity|coordination) number|no workspace "\[redacted\]"/);
  for (const printed of [sv.out, sv.err, en.out, en.err]) {
    for (const needle of needles(text)) expect(digitsOf(printed), `${args.join(' ')}: ${printed}`).not.toContain(needle);
  }
}

describe('the catalogue the CLI writes', () => {
  it.each(WRITES)('refuses a personnummer in %s in words, in every spelling', async (_place, argsOf) => {
    for (const text of SPELLINGS) await refusedBothWays(argsOf(text), text);
  }, 60_000);

  it.each(ID_WRITES)('refuses a personnummer in %s in words, masked', async (_place, argsOf) => {
    for (const text of SLUGS) await refusedBothWays(argsOf(text), text);
  }, 60_000);

  it('stores none of them: not in a record, the audit table nor the files of the database', async () => {
    const storage = openSqliteStorage(db);
    try {
      const records = JSON.stringify([await storage.listWorkspaces(), await storage.listUnits('ws'), await storage.listMembers('ws'), await storage.listTokens('ws'), await storage.listAudit('ws', 1000)]);
      expect((await storage.getWorkspace('ws'))?.name).toBe('Region');
      expect(records).toContain('Nina Ek');
      expect(records).not.toContain('ws2');
      for (const text of [...SPELLINGS, ...SLUGS]) for (const needle of [text, ...needles(text)]) expect(records).not.toContain(needle);
    } finally {
      await storage.close();
    }
    for (const file of [db, `${db}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file);
      for (const text of [...SPELLINGS, ...SLUGS]) {
        for (const needle of [text, ...needles(text)]) expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
      }
    }
  }, 30_000);
});

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SchemaVersionError } from '../../server/storage/sqlite-schema.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli } from './cli-capture.js';

/**
 * A database a newer Samplan wrote is refused naming the operator's file and saying it was not
 * changed, by `serve` and every command that opens it to write (`token list`, `token create` …),
 * as `export` and `report` say it: they said `database schema version 13 is newer than this
 * Samplan supports (12); upgrade Samplan`, naming no file.
 */
describe('a database of a newer schema version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-newer-schema-'));
  const file = join(dir, 'samplan.db');
  const newer = MIGRATIONS.length + 1;
  const sentence = `The SQLite file ${file} has schema version ${newer}, newer than this Samplan's (${MIGRATIONS.length}): a newer Samplan wrote it. Upgrade Samplan; the file was not changed.`;

  beforeAll(async () => {
    const storage = openSqliteStorage(file);
    await storage.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-15T10:00:00Z' });
    await storage.close();
    const raw = new Database(file, { fileMustExist: true });
    raw.pragma(`user_version = ${newer}`);
    raw.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused by the store that would write it, naming the file, and left as it was', () => {
    copyFileSync(file, `${file}.before`);
    let thrown: unknown = null;
    try {
      openSqliteStorage(file);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SchemaVersionError);
    expect((thrown as Error).message).toBe(sentence);
    expect(readFileSync(file).equals(readFileSync(`${file}.before`))).toBe(true);
  });

  it('samplan token list says so in that sentence, exit 1', async () => {
    const { code, err } = await cli(['token', 'list', '--db', file, '--lang', 'en']);
    expect(err).toBe(`samplan: ${sentence}`);
    expect(code).toBe(1);
    // In Swedish under the CLI's Swedish (it was English).
    expect((await cli(['token', 'list', '--db', file, '--lang', 'sv'])).err).toBe(
      `samplan: SQLite-filen ${file} har schemaversion ${newer}, nyare än den här Samplans (${MIGRATIONS.length}): en nyare Samplan skrev den. Uppgradera Samplan; filen ändrades inte.`,
    );
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDatabase } from '../../server/storage/db-lock.js';
import { MIGRATIONS } from '../../server/storage/sqlite-schema.js';
import { cli } from './cli-capture.js';

/**
 * A `samplan` command of a newer Samplan run on the file a live server of an older one serves
 * (`samplan token list` before the server was upgraded) upgraded the file's schema under that
 * server, without a word. It now refuses while a server holds the file's lock, naming the file
 * and what to do, and the file keeps its version; with no server, the command upgrades it as
 * before.
 */
describe('a samplan command on an older file a live server serves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-upgrade-under-'));
  const file = join(dir, 'samplan.db');
  const older = 5;
  const version = (): number => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    for (const step of MIGRATIONS.slice(0, older)) db.exec(step);
    db.pragma(`user_version = ${older}`);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses while the server holds the lock, leaving the version, and upgrades once it is free', async () => {
    const lock = lockDatabase(file);
    try {
      const { code, err } = await cli(['token', 'list', '--db', file]);
      expect(err).toBe(
        `samplan: The SQLite file ${file} has schema version ${older}, older than this Samplan's (${MIGRATIONS.length}), and a running Samplan server serves it: ` +
          'upgrading it would change the tables under that server, so nothing was changed. Run this command with the Samplan that serves it, ' +
          'or stop that server and start samplan serve of this version, which upgrades the file.',
      );
      expect(code).toBe(1);
      expect(version()).toBe(older);
    } finally {
      lock.release();
    }
    const free = await cli(['token', 'list', '--db', file]);
    expect(free.err).toBe('');
    expect(free.code).toBe(0);
    expect(version()).toBe(MIGRATIONS.length);
  }, 60_000);
});

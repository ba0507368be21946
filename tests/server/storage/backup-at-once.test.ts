import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';

/** Rejects when `work` has not settled within `ms`; the timer is cleared either way. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('SQLite backup beside a writing server', () => {
  let dir = '';
  let storage: Storage;
  let writer: Database.Database;
  const PAGES_OF_ROWS = 2000;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-backup-busy-'));
    const file = join(dir, 'samplan.db');
    storage = openSqliteStorage(file);
    // Another connection, as a serving process is to `samplan backup`: some 8 MB to copy, then a commit every 2 ms.
    writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    writer.exec('CREATE TABLE filler (b BLOB)');
    const insert = writer.prepare('INSERT INTO filler VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < PAGES_OF_ROWS; i++) insert.run(Buffer.alloc(4000, 1));
    })();
  });
  afterAll(async () => {
    writer.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends with one consistent copy while another connection keeps committing', async () => {
    const insert = writer.prepare('INSERT INTO filler VALUES (?)');
    let writes = 0;
    const timer = setInterval(() => {
      insert.run(Buffer.alloc(10));
      writes++;
    }, 2);
    const out = join(dir, 'backup.db');
    try {
      // Copied page by page with the event loop between steps, each commit started it again: never done.
      await within(5000, storage.backup(out));
    } finally {
      clearInterval(timer);
    }
    const copy = new Database(out, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const { n } = copy.prepare('SELECT count(*) AS n FROM filler').get() as { n: number };
      expect(n).toBeGreaterThanOrEqual(PAGES_OF_ROWS);
      expect(n).toBeLessThanOrEqual(PAGES_OF_ROWS + writes);
    } finally {
      copy.close();
    }
  });
});

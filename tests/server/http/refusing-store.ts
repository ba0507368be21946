/**
 * A store whose inserts into one table a test can refuse and allow again, through a trigger that
 * raises (as a full or broken table would), on SQLite and PostgreSQL: for the tests that a change
 * and its audit line are stored both or neither.
 */
import Database from 'better-sqlite3';
import { listenedClient } from '../../support/listened-client.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';

/** The tables a test refuses: the audit lines, the document updates. */
export type RefusedTable = 'audit' | 'updates';

/** A store under test and the switch refusing its inserts; `close` ends both. */
export interface RefusingStore {
  storage: Storage;
  refuse(table: RefusedTable): Promise<void>;
  allow(): Promise<void>;
  close(): Promise<void>;
}

/** SQLite at `file`, refused through a second connection's trigger. */
export function refusingSqlite(file: string): RefusingStore {
  const storage = openSqliteStorage(file);
  const side = new Database(file);
  const table = { audit: 'audit', updates: 'update_rows' } as const;
  return {
    storage,
    async refuse(which) {
      side.exec(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${table[which]} BEGIN SELECT RAISE(ABORT, 'write refused by the test'); END`);
    },
    async allow() {
      side.exec('DROP TRIGGER refuse_write');
    },
    async close() {
      side.close();
      await storage.close();
    },
  };
}

/** PostgreSQL at `url`, refused through a second client's trigger. */
export async function refusingPostgres(url: string): Promise<RefusingStore> {
  const storage = await openPostgresStorage(url);
  const side = listenedClient({ connectionString: url });
  await side.connect();
  await side.query("CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'write refused by the test'; END $$");
  const table = { audit: 'audit', updates: 'update_log' } as const;
  let refused = '';
  return {
    storage,
    async refuse(which) {
      refused = table[which];
      await side.query(`CREATE TRIGGER refuse_write BEFORE INSERT ON ${refused} FOR EACH ROW EXECUTE FUNCTION refuse_write()`);
    },
    async allow() {
      await side.query(`DROP TRIGGER refuse_write ON ${refused}`);
    },
    async close() {
      await side.end();
      await storage.close();
    },
  };
}

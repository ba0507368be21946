/**
 * `samplan history scan` names each stored record holding a personnummer, but an audit trail an
 * older Samplan wrote may hold thousands of lines naming one: the scan printed one line per audit
 * line, without end. It prints the first 20 of a table and how many
 * more; the count line counts every one, and the exit code is the same.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { historyCommand } from '../../server/cli-history.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { tempStores } from '../support/temp-stores.js';

const stores = tempStores();
const AT = '2026-02-01T08:00:00.000Z';
/** Lines printed of one table (`RECORD_LINES_PER_TABLE`). */
const RECORD_LINES_PER_TABLE = 20;

describe('samplan history scan of an audit trail holding many numbers', () => {
  it('prints the first lines of a table, how many more there are, and counts every one', async () => {
    const file = stores.dbFile('history-record-cap');
    const store = stores.keep(openSqliteStorage(file));
    await store.putWorkspace({ id: 'ws', name: 'Region', createdAt: AT });
    const lines = RECORD_LINES_PER_TABLE + 25;
    await store.appendAudit(Array.from({ length: lines }, () => ({ at: AT, workspace: 'ws', doc: 'plan', memberId: 'anna', action: 'write', bytes: 1, detail: null })));
    const db = new Database(file);
    db.prepare('UPDATE audit SET detail = ?').run('Eva 850101-1236');
    db.close();
    const err: string[] = [];
    const code = await historyCommand('scan', ['ws'], { lang: 'en' }, (fn) => fn(store), () => undefined, (l) => err.push(l));
    expect(code).toBe(2);
    expect(err.filter((l) => l.includes('a personnummer in a stored record, audit '))).toHaveLength(RECORD_LINES_PER_TABLE);
    expect(err).toContain(`… and 25 more fields of audit holding a personnummer, not listed here (the first ${RECORD_LINES_PER_TABLE} are above; each of the rest is removed as they are).`);
    expect(err.at(-1)).toBe(`${lines} record fields of 1 workspace hold a personnummer.`);
    expect(err.join('\n')).not.toMatch(/850101|1236/);
  });
});

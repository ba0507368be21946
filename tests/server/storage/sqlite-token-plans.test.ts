/**
 * The SQLite store's reads of some tokens find them by index, not by walking every token of the
 * workspace (every sign-in session): `getTokens` by the primary key, one look-up per id, and
 * `listMemberTokens` by `tokens_by_member`. Read from SQLite's own query plan of the statements
 * the store prepares, so a planner choice that walks the workspace's tokens fails here.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { prepareStatements } from '../../../server/storage/sqlite-statements.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The query plan's lines of the store's statement `name`, with `args`, on a file of the current schema. */
async function planOf(name: 'getTokens' | 'listMemberTokens', args: unknown[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-token-plans-'));
  dirs.push(dir);
  const file = join(dir, 'samplan.db');
  await openSqliteStorage(file).close();
  const db = new Database(file);
  try {
    const source = prepareStatements(db)[name].source;
    return (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail);
  } finally {
    db.close();
  }
}

describe('the SQLite reads of some tokens', () => {
  it('find tokens by id through the primary key, not the workspace index', async () => {
    const plan = await planOf('getTokens', [JSON.stringify(['t1', 't2']), 'hbi-stockholm']);
    expect(plan.some((line) => /^SEARCH tokens USING INDEX sqlite_autoindex_tokens_1 \(id=\?\)/.test(line)), plan.join('\n')).toBe(true);
    expect(plan.join('\n')).not.toContain('tokens_by_workspace');
  });

  it("find a member's tokens through the member index", async () => {
    const plan = await planOf('listMemberTokens', ['hbi-stockholm', 'anna']);
    expect(plan).toContain('SEARCH tokens USING INDEX tokens_by_member (workspace=? AND member_id=?)');
  });
});

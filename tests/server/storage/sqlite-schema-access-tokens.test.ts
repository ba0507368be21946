/**
 * SQLite schema version 15: how a session made from an access token ended
 * (`access_token_sessions.ended_everywhere`) and an index on the session's id. A file version 14
 * wrote opens with its rows as they were: a session ended before the upgrade keeps refusing its
 * token in every workspace, as every end did then; one ended after refuses it as it ended.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/sqlite-schema.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';

const WS = 'hbi-stockholm';
const OTHER = 'hbi-vetlanda';
const AT = (n: number): string => new Date(Date.parse('2026-03-02T09:00:00.000Z') + n * 60_000).toISOString();
/** Keys as `accessTokenKey` makes them: 64 hex digits. */
const ENDED_KEY = 'a1'.repeat(32);
const LIVE_KEY = 'b2'.repeat(32);

describe('SQLite schema version 15: how a session made from an access token ended', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-schema-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a file version 14 wrote: a session revoked before keeps its token refused everywhere, one revoked after only in its workspace', async () => {
    const file = path.join(dir, 'samplan.db');
    const v14 = new Database(file);
    v14.transaction(() => {
      for (const sql of MIGRATIONS.slice(0, 14)) v14.exec(sql);
      v14.pragma('user_version = 14');
      const workspace = v14.prepare('INSERT INTO workspaces VALUES (?, ?, ?)');
      workspace.run(WS, 'Region Stockholm', AT(0));
      workspace.run(OTHER, 'Vetlanda', AT(0));
      const member = v14.prepare('INSERT INTO members VALUES (?, ?, ?, ?, ?)');
      member.run(WS, 'anna', 'Anna Lind', 'editor', '[]');
      member.run(OTHER, 'anna.lind', 'Anna Lind', 'viewer', '[]');
      // t-gone was revoked in WS before the upgrade (a revocation or a sign-out: version 14 kept no difference).
      const token = v14.prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      token.run('t-gone', 'a'.repeat(64), WS, 'anna', 'session: sso', AT(0), AT(60), AT(5));
      token.run('t-live', 'b'.repeat(64), WS, 'anna', 'session: sso', AT(0), AT(60), null);
      token.run('t-there', 'c'.repeat(64), OTHER, 'anna.lind', 'session: sso', AT(0), AT(60), null);
      const kept = v14.prepare('INSERT INTO access_token_sessions VALUES (?, ?, ?)');
      kept.run(ENDED_KEY, 't-gone', AT(30));
      kept.run(LIVE_KEY, 't-live', AT(30));
      kept.run(LIVE_KEY, 't-there', AT(30));
    })();
    v14.close();

    const s = openSqliteStorage(file);
    try {
      const ended = async (key: string) => [(await s.accessTokenEnded(key, WS, AT(10)))?.how ?? null, (await s.accessTokenEnded(key, OTHER, AT(10)))?.how ?? null];
      expect(await ended(ENDED_KEY)).toEqual(['signed-out', 'signed-out']);
      expect(await ended(LIVE_KEY)).toEqual([null, null]);
      // A revocation after the upgrade ends the token in its session's workspace alone, its sibling there living on.
      expect(await s.revokeToken('t-live', AT(11))).toBe(true);
      expect(await s.revokeSameSignIn('t-live', AT(11), WS)).toEqual([]);
      expect(await ended(LIVE_KEY)).toEqual(['revoked', null]);
      expect((await s.getToken(OTHER, 't-there'))?.revokedAt).toBeNull();
      // The person's own sign-out in the other workspace ends it everywhere.
      expect(await s.signOutSession('t-there', AT(12))).toBe(true);
      expect(await ended(LIVE_KEY)).toEqual(['signed-out', 'signed-out']);
    } finally {
      await s.close();
    }

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT token_id, ended_everywhere FROM access_token_sessions ORDER BY token_id').all()).toEqual([
        { token_id: 't-gone', ended_everywhere: 1 },
        // Revoked in WS before the sign-out, but of the sign-in signed out: marked with it.
        { token_id: 't-live', ended_everywhere: 1 },
        { token_id: 't-there', ended_everywhere: 1 },
      ]);
      // A sign-out finds its session's row by the index, not by reading the table through.
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT token_key FROM access_token_sessions WHERE token_id = ?').all('t-live') as { detail: string }[];
      expect(plan.map((p) => p.detail)).toEqual([expect.stringMatching(/^SEARCH .*INDEX access_token_sessions_by_token/)]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});

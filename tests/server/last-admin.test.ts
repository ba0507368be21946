/**
 * A workspace always keeps someone who can manage it: its last admin is neither removed nor given
 * another role, from the command line (`samplan member remove|add`) or the API the pane uses, and
 * two removals at once of its two last admins never both pass (each store checks in the write's
 * transaction, `storage/last-admin.ts`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToken } from '../../server/auth/tokens.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli, cliEn, withLocale } from './cli-capture.js';
import { makeFixture, WS as FIXTURE_WS } from './http/support.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const WS = 'hbi-jonkoping';
const AT = '2026-12-07T10:00:00.000Z';

/** A database with workspace {@link WS}, its one admin `admin` (with a token) and viewer eva. */
async function database(): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), 'samplan-last-admin-')), 'samplan.db');
  const s = openSqliteStorage(db);
  try {
    await s.putWorkspace({ id: WS, name: 'Hälsofrämjande Jönköping', createdAt: AT });
    await s.putMember({ workspace: WS, id: 'admin', name: 'Anna Admin', role: 'admin', units: [] });
    await s.putMember({ workspace: WS, id: 'eva', name: 'Eva Berg', role: 'viewer', units: [] });
    await createToken(s, { workspace: WS, memberId: 'admin', label: 'Excel', clock: () => new Date(AT) });
  } finally {
    await s.close();
  }
  return db;
}

/** Admin `admin`'s role and live tokens in `db`. */
async function adminOf(db: string): Promise<{ role: string | undefined; live: number }> {
  const storage = openSqliteStorage(db);
  try {
    const role = (await storage.getMember(WS, 'admin'))?.role;
    const live = (await storage.listTokens(WS)).filter((t) => t.memberId === 'admin' && t.revokedAt === null).length;
    return { role, live };
  } finally {
    await storage.close();
  }
}

describe('the last admin of a workspace', () => {
  it('is not removed by samplan member remove: refused in words, the member and their token kept', async () => {
    const db = await database();
    const run = await cliEn(['member', 'remove', '--workspace', WS, '--id', 'admin', '--db', db]);
    expect(run).toEqual({
      code: 2,
      out: '',
      err: `samplan: admin is the only admin of ${WS} and cannot be removed: no one could manage the workspace then. Make someone else an admin first.`,
    });
    const sv = await withLocale({ LANG: 'C.UTF-8' }, () => cli(['member', 'remove', '--workspace', WS, '--id', 'admin', '--db', db]));
    expect(sv).toMatchObject({ code: 2, err: `samplan: admin är den enda administratören i ${WS} och kan inte tas bort: då kan ingen längre hantera arbetsytan. Gör först någon annan till administratör.` });
    expect(await adminOf(db)).toEqual({ role: 'admin', live: 1 });
  });

  it('is not made a viewer by samplan member add; with a second admin both the change and the removal pass', async () => {
    const db = await database();
    const demote = await cliEn(['member', 'add', '--workspace', WS, '--id', 'admin', '--name', 'Anna Admin', '--role', 'viewer', '--db', db]);
    expect(demote).toMatchObject({ code: 2, out: '', err: expect.stringContaining('admin is the only admin of hbi-jonkoping and cannot be given another role') });
    expect(await adminOf(db)).toEqual({ role: 'admin', live: 1 });
    expect((await cliEn(['member', 'add', '--workspace', WS, '--id', 'eva', '--name', 'Eva Berg', '--role', 'admin', '--db', db])).code).toBe(0);
    expect((await cliEn(['member', 'add', '--workspace', WS, '--id', 'admin', '--name', 'Anna Admin', '--role', 'viewer', '--db', db])).code).toBe(0);
    expect((await cliEn(['member', 'remove', '--workspace', WS, '--id', 'admin', '--db', db])).code).toBe(0);
  });

  it('is not given another role through the API the pane uses: 409 last-admin in Swedish and English', async () => {
    const f = await makeFixture();
    try {
      const res = await f.req(`/v1/workspaces/${FIXTURE_WS}/members`, f.tokens.admin, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'admin', name: 'Person admin', role: 'coordinator', units: ['region'] }),
      });
      const { error } = (await res.json()) as { error: { code: string; details: { message: { sv: string; en: string } } } };
      expect([res.status, error.code]).toEqual([409, 'last-admin']);
      expect(error.details.message.sv).toContain('den enda administratören');
      expect((await f.storage.getMember(FIXTURE_WS, 'admin'))?.role).toBe('admin');
    } finally {
      await f.close();
    }
  });
});

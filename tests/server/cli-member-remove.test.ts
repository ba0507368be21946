/**
 * `samplan member remove`: the removal the Members view makes (`DELETE …/members/:id`), from the
 * command line: tokens revoked, the member gone, the removal kept (so sign-in by group rules does
 * not add them back) and the same audit line; adding them again lifts the removal and says so.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandUsage } from '../../server/cli-usage.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cliEn } from './cli-capture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const WS = 'hbi-jonkoping';

/** A database with workspace {@link WS}, a unit, members nina and eva, and a token of nina's. */
async function database(): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), 'samplan-member-remove-')), 'samplan.db');
  const steps = [
    ['workspace', 'create', '--id', WS, '--name', 'Hälsofrämjande Jönköping'],
    ['unit', 'add', '--workspace', WS, '--code', 'hc-nassjo', '--name', 'Hälsocenter Nässjö'],
    ['member', 'add', '--workspace', WS, '--id', 'nina', '--name', 'Nina Ek', '--role', 'editor', '--units', 'hc-nassjo'],
    ['member', 'add', '--workspace', WS, '--id', 'eva', '--name', 'Eva Berg', '--role', 'viewer'],
    ['token', 'create', '--workspace', WS, '--member', 'nina', '--label', 'Excel'],
  ];
  for (const step of steps) expect((await cliEn([...step, '--db', db])).code, step.join(' ')).toBe(0);
  return db;
}

describe('samplan member remove', () => {
  it('removes the member, revokes their tokens, keeps the removal and writes the audit line of the API', async () => {
    const db = await database();
    const run = await cliEn(['member', 'remove', '--workspace', WS, '--id', 'Nina', '--db', db]);
    expect(run).toEqual({
      code: 0,
      out: `Member nina removed from ${WS} (1 token or session revoked); work-account sign-in does not add them back until they are added again.`,
      err: '',
    });
    const storage = openSqliteStorage(db);
    try {
      expect(await storage.getMember(WS, 'nina')).toBeNull();
      expect(await storage.getMember(WS, 'eva')).not.toBeNull();
      expect(await storage.getRemoval(WS, 'nina')).toMatchObject({ id: 'nina', removedBy: null });
      expect((await storage.listTokens(WS)).filter((t) => t.memberId === 'nina').map((t) => t.revokedAt)).toEqual([expect.any(String)]);
      const audit = await storage.listAudit(WS, 20);
      expect(audit.find((a) => a.detail === 'removed nina')).toMatchObject({ action: 'member', memberId: null, doc: null });
    } finally {
      await storage.close();
    }
  });

  it('says so in a sentence when the workspace has no such member, and stores nothing', async () => {
    const db = await database();
    const run = await cliEn(['member', 'remove', '--workspace', WS, '--id', 'nora', '--db', db]);
    expect(run).toEqual({ code: 2, out: '', err: `samplan: There is no member "nora" in ${WS}; samplan member list --workspace ${WS} lists them.` });
    // As token revoke says of a token that is not there: one line, samplan: first.
    expect(await cliEn(['token', 'revoke', 'nosuchtoken', '--db', db])).toEqual({ code: 2, out: '', err: 'samplan: There is no active token with id "nosuchtoken".' });
    const typo = await cliEn(['member', 'remove', '--workspace', 'hbi-jonkopin', '--id', 'nina', '--db', db]);
    expect(typo).toMatchObject({ code: 2, err: `samplan: There is no workspace "hbi-jonkopin" in this database; it has ${WS}.` });
    const storage = openSqliteStorage(db);
    try {
      expect(await storage.listRemovals(WS)).toEqual([]);
      expect(await storage.getMember(WS, 'nina')).not.toBeNull();
    } finally {
      await storage.close();
    }
  });

  it('refuses a missing --id or --workspace with the command usage before opening the database', async () => {
    const noDb = ['--db', '/nonexistent/samplan-member-remove.db'];
    expect(await cliEn(['member', 'remove', '--workspace', WS, ...noDb])).toEqual({ code: 2, out: '', err: `Missing --id.\n\n${commandUsage('member', 'en')}` });
    expect(await cliEn(['member', 'remove', '--id', 'nina', ...noDb])).toEqual({ code: 2, out: '', err: `Missing --workspace.\n\n${commandUsage('member', 'en')}` });
    expect(await cliEn(['member', 'remove', 'nina', ...noDb])).toEqual({
      code: 2,
      out: '',
      err: `Unexpected argument "nina": samplan member remove takes no arguments.\n\n${commandUsage('member', 'en')}`,
    });
    expect((await cliEn(['member', '--help'])).out).toContain('samplan member remove --workspace WS --id ID');
  });

  it('adding a removed member again lifts the removal and the audit line and the terminal say whose removal, and when', async () => {
    const db = await database();
    expect((await cliEn(['member', 'remove', '--workspace', WS, '--id', 'eva', '--db', db])).code).toBe(0);
    let removedAt = '';
    const before = openSqliteStorage(db);
    try {
      removedAt = (await before.getRemoval(WS, 'eva'))?.removedAt ?? '';
    } finally {
      await before.close();
    }
    expect(removedAt).not.toBe('');
    const lifting = `lifting the removal by the command line at ${removedAt}`;
    const again = await cliEn(['member', 'add', '--workspace', WS, '--id', 'eva', '--name', 'Eva Berg', '--role', 'viewer', '--db', db]);
    expect(again).toEqual({ code: 0, out: `Member eva added to ${WS} as viewer, ${lifting}.`, err: '' });
    const storage = openSqliteStorage(db);
    try {
      expect(await storage.getRemoval(WS, 'eva')).toBeNull();
      expect((await storage.listAudit(WS, 20)).map((a) => a.detail)).toContain(`added eva as viewer, ${lifting}`);
    } finally {
      await storage.close();
    }
    // Added once more, there is no removal to lift: the line is the plain one.
    expect((await cliEn(['member', 'add', '--workspace', WS, '--id', 'eva', '--name', 'Eva Berg', '--role', 'viewer', '--db', db])).out).toBe(`Member eva updated in ${WS} as viewer.`);
  });
});

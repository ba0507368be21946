/**
 * `samplan token create --label`: the label is held to the API's rule for a token's label
 * (`tokenLabelSchema`), so the command line cannot make what `POST …/tokens` refuses: an API token
 * whose label marks it as a sign-in session (listed as a session, ended by signing out), or a
 * label past the 200 characters a name may have. `samplan token revoke` of a session ends its
 * sign-in as the Members view's revocation does: the other sessions started from the same access
 * token in the token's workspace too, not those of another workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSessionRecord } from '../../server/auth/sessions.js';
import { SESSION_LABEL_PREFIX } from '../../server/auth/session-label.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cliEn } from './cli-capture.js';

const WS = 'hbi-jonkoping';
let db = '';

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'samplan-cli-access-')), 'samplan.db');
  for (const step of [
    ['workspace', 'create', '--id', WS, '--name', 'Hälsofrämjande Jönköping'],
    ['member', 'add', '--workspace', WS, '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer'],
  ]) {
    expect((await cliEn([...step, '--db', db])).code, step.join(' ')).toBe(0);
  }
});

afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

/** The labels of the workspace's tokens and whether each passes for a session. */
async function storedTokens(): Promise<{ label: string; session: boolean }[]> {
  const storage = openSqliteStorage(db);
  try {
    return (await storage.listTokens(WS)).map((t) => ({ label: t.label, session: isSessionRecord(t) }));
  } finally {
    await storage.close();
  }
}

describe('samplan token create --label', () => {
  it.each([
    ['a sign-in session\'s label', `${SESSION_LABEL_PREFIX}dialog`, `--label must not start with "${SESSION_LABEL_PREFIX}", which marks sign-in sessions.`],
    ['the same after spaces, as the API trims it', `  ${SESSION_LABEL_PREFIX}sso`, `--label must not start with "${SESSION_LABEL_PREFIX}", which marks sign-in sessions.`],
    ['a label longer than a name may be', 'x'.repeat(201), '--label must have at most 200 characters.'],
  ])('refuses %s with the API\'s words, exit 2, and makes no token', async (_what, label, words) => {
    const run = await cliEn(['token', 'create', '--workspace', WS, '--member', 'nina', '--expires', '30d', '--label', label, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(words);
    expect(run.out).toBe('');
    expect(await storedTokens()).toEqual([]);
  });

  it('stores a label as the API does: trimmed, an API token', async () => {
    const run = await cliEn(['token', 'create', '--workspace', WS, '--member', 'nina', '--label', '  Power Query, ekonomi ', '--db', db]);
    expect(run.code, run.err).toBe(0);
    expect(await storedTokens()).toEqual([{ label: 'Power Query, ekonomi', session: false }]);
  });
});

describe('samplan token revoke', () => {
  it('revokes the other sessions of the same sign-in in the token\'s workspace, says which, and audits them; not those of another workspace', async () => {
    // Workspaces of their own: the label cases above list every token of theirs, in any order.
    const [ws, elsewhere] = ['hbi-vetlanda', 'hbi-eksjo'];
    const storage = openSqliteStorage(db);
    const at = '2026-01-01T00:00:00.000Z';
    try {
      for (const [id, name] of [[ws, 'Vetlanda'], [elsewhere, 'Eksjö']] as const) {
        await storage.putWorkspace({ id, name, createdAt: at });
        await storage.putMember({ workspace: id, id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] });
      }
      // The same access token signed in to both workspaces (two servers of one store).
      for (const [id, workspace] of [['sso-one', ws], ['sso-two', ws], ['sso-three', elsewhere]] as const) {
        await storage.putToken({ id, hash: id.padEnd(64, '0'), workspace, memberId: 'nina', label: `${SESSION_LABEL_PREFIX}sso`, createdAt: at, expiresAt: '2999-01-01T00:00:00.000Z', revokedAt: null });
        await storage.noteAccessTokenSession({ key: 'a7'.repeat(32), tokenId: id, until: '2999-01-01T00:00:00.000Z' }, at);
      }
    } finally {
      await storage.close();
    }
    const run = await cliEn(['token', 'revoke', 'sso-one', '--db', db]);
    expect(run.code, run.err).toBe(0);
    expect(run.out.trim().split('\n')).toEqual(['Token sso-one revoked.', 'Also revoked, as sessions of the same sign-in: sso-two.']);
    const after = openSqliteStorage(db);
    try {
      expect((await after.getTokens(ws, ['sso-one', 'sso-two'])).map((t) => t.revokedAt !== null)).toEqual([true, true]);
      expect((await after.listAudit(ws, 2)).map((a) => a.detail)).toEqual(['also ended sso-two', 'revoked sso-one']);
      expect([(await after.getToken(elsewhere, 'sso-three'))?.revokedAt, await after.listAudit(elsewhere, 10)]).toEqual([null, []]);
    } finally {
      await after.close();
    }
  });
});

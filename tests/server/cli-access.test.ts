/**
 * `samplan token create --label`: the label is held to the API's rule for a token's label
 * (`tokenLabelSchema`), so the command line cannot make what `POST …/tokens` refuses: an API token
 * whose label marks it as a sign-in session (listed as a session, ended by signing out), or a
 * label past the 200 characters a name may have.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSessionRecord, SESSION_LABEL_PREFIX } from '../../server/auth/sessions.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { cli } from './cli-capture.js';

const WS = 'hbi-jonkoping';
let db = '';

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'samplan-cli-access-')), 'samplan.db');
  for (const step of [
    ['workspace', 'create', '--id', WS, '--name', 'Hälsofrämjande Jönköping'],
    ['member', 'add', '--workspace', WS, '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer'],
  ]) {
    expect((await cli([...step, '--db', db])).code, step.join(' ')).toBe(0);
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
    const run = await cli(['token', 'create', '--workspace', WS, '--member', 'nina', '--expires', '30d', '--label', label, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(words);
    expect(run.out).toBe('');
    expect(await storedTokens()).toEqual([]);
  });

  it('stores a label as the API does: trimmed, an API token', async () => {
    const run = await cli(['token', 'create', '--workspace', WS, '--member', 'nina', '--label', '  Power Query, ekonomi ', '--db', db]);
    expect(run.code, run.err).toBe(0);
    expect(await storedTokens()).toEqual([{ label: 'Power Query, ekonomi', session: false }]);
  });
});

/**
 * A command's arguments are checked once per CLI call: `cli.ts` checks them (`checkCommand`) and
 * hands what it made of them to the command, which checks them itself only when called without
 * them (without the CLI). Each command here is given its checked arguments and options that would
 * fail the check (none at all): it goes on with what it was given (to the file, to the store,
 * where the workspace is not there). Checked again, it stopped at `Missing …`.
 */
import { describe, expect, it } from 'vitest';
import { importCommand } from '../../server/cli-import.js';
import { roundsCommand } from '../../server/cli-rounds.js';
import { tokenCommand } from '../../server/cli-access.js';
import { historyCommand } from '../../server/cli-history.js';
import { unitCommand, workspaceCommand } from '../../server/cli-workspace.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/storage.js';

const storage = createMemoryStorage();
const withStorage = (fn: (s: Storage) => Promise<number>) => fn(storage);
const quiet = () => undefined;
const announce = { redisUrl: null, postgres: false };
const notThere = /^There is no workspace "nowhere"/;

describe('a command given its checked arguments does not check them again', () => {
  it('import', async () => {
    const checked = { workspace: 'nowhere', doc: 'plan', file: '/nonexistent.csv', named: '/nonexistent.csv', lang: 'en' as const };
    // Past the check, to the file it was given, which it reads before the store.
    await expect(importCommand([], {}, withStorage, {}, checked)).rejects.toThrow(/nonexistent\.csv/);
  });

  it('token', async () => {
    await expect(tokenCommand('create', [], {}, announce, withStorage, quiet, quiet, { create: { workspace: 'nowhere', memberId: 'nina', label: 'x', expiresAt: null }, revoke: null })).rejects.toThrow(/nowhere/);
  });

  it('rounds, workspace and unit', async () => {
    await expect(roundsCommand('list', {}, storage, quiet, undefined, true)).rejects.toThrow(/^Give --workspace/);
    await expect(unitCommand('list', {}, storage, quiet, true)).rejects.toThrow(/^Give --workspace/);
    await expect(workspaceCommand('rename', ['nowhere'], { name: 'Region' }, storage, quiet, true)).rejects.toThrow(notThere);
  });

  it('history', async () => {
    await expect(historyCommand('drop', [], {}, withStorage, quiet, quiet, { target: { workspace: 'nowhere', doc: 'plan' }, all: false, dryRun: true, vacuum: false, key: null })).rejects.toThrow(/nowhere/);
  });

  it('called without them, each still checks its arguments itself', async () => {
    await expect(importCommand([], {}, withStorage, {})).rejects.toThrow('Missing <workspace>.');
    await expect(roundsCommand('list', {}, storage, quiet)).rejects.toThrow('Missing --workspace WS.');
    await expect(tokenCommand('create', [], {}, announce, withStorage, quiet, quiet)).rejects.toThrow('Missing --workspace.');
  });
});

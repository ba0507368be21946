import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE, seedDemo } from '../../server/demo/seed.js';
import { silentLogger } from '../../server/logger.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';

/**
 * Redis beside an SQLite file: `serve` refused it, while `token revoke`, `member add` and
 * `member remove` took `--redis-url` on an SQLite file without a word (and announced on it). Every
 * command that takes the flag now refuses it in the same words, before the file is opened, and
 * the file is left as it was.
 */
describe('--redis-url on an SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-redis-sqlite-'));
  const db = join(dir, 'samplan.db');
  // Nothing listens there: a command that got as far as Redis would wait and then warn.
  const REDIS = 'redis://127.0.0.1:9';
  const REFUSAL = 'samplan: --redis-url needs --database-url: several processes share a PostgreSQL database, never an SQLite file.';

  let main: (argv: string[]) => Promise<number>;
  let tokenId: string;
  // Loading the CLI and everything it imports: over 10 s on a busy machine.
  beforeAll(async () => {
    const storage = openSqliteStorage(db);
    await seedDemo(storage, { clock: () => new Date('2026-01-15T10:00:00Z'), logger: silentLogger() });
    await storage.close();
    ({ main } = await import('../../server/cli.js'));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main(['token', 'create', '--workspace', DEMO_WORKSPACE, '--member', 'chef', '--db', db])).toBe(0);
    vi.restoreAllMocks();
    const s = openSqliteStorage(db);
    tokenId = (await s.listTokens(DEMO_WORKSPACE)).find((t) => t.memberId === 'chef')!.id;
    await s.close();
  }, 120_000);
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.SAMPLAN_REDIS_URL;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const state = async () => {
    const s = openSqliteStorage(db);
    try {
      return { members: await s.listMembers(DEMO_WORKSPACE), tokens: await s.listTokens(DEMO_WORKSPACE) };
    } finally {
      await s.close();
    }
  };

  const commands = (): string[][] => [
    ['serve', '--port', '0'],
    ['token', 'revoke', tokenId],
    ['token', 'create', '--workspace', DEMO_WORKSPACE, '--member', 'chef'],
    ['member', 'add', '--workspace', DEMO_WORKSPACE, '--id', 'chef', '--name', 'Verksamhetschef', '--role', 'editor', '--units', 'vc-tensta'],
    ['member', 'remove', '--workspace', DEMO_WORKSPACE, '--id', 'tensta-dsk'],
    ['member', 'list', '--workspace', DEMO_WORKSPACE],
  ];

  it('is refused in the same words by every command that takes it, and nothing is changed', async () => {
    const before = await state();
    for (const argv of commands()) {
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const code = await main([...argv, '--lang', 'en', '--db', db, '--redis-url', REDIS]);
      expect({ argv, code, said: String(error.mock.calls.at(-1)?.[0] ?? '') }).toEqual({ argv, code: 2, said: REFUSAL });
      vi.restoreAllMocks();
    }
    expect(await state()).toEqual(before);
  }, 120_000);

  it('is refused the same when it comes from SAMPLAN_REDIS_URL', async () => {
    const before = await state();
    process.env.SAMPLAN_REDIS_URL = REDIS;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['member', 'remove', '--workspace', DEMO_WORKSPACE, '--id', 'tensta-dsk', '--lang', 'en', '--db', db])).toBe(2);
    expect(String(error.mock.calls.at(-1)?.[0])).toBe(REFUSAL);
    expect(await state()).toEqual(before);
  }, 60_000);
});

/**
 * Rights rounds on SQLite that read the open sockets' rights for writes that lower no right:
 * - a `samplan member add` or `token create` run while the server runs: the command's notice was
 *   the file's times, which name no write, so the server read every open socket's rights again.
 *   The command now appends "<version> <kind>" to `<db>.notice` (`sqlite-notices.ts`);
 * - a process's first notice: no rights version was known before it, so even a sign-in read
 *   everything. A round with no socket open now learns the version (`live-rights.ts`);
 * - polling (the notice file cannot be watched): the server's own sign-ins and members added were
 *   not told while the watch was down, so each poll round after one read everything. They are now
 *   told in the process in either mode.
 * A member the command changes or removes still reads, and a removal closes the socket at once
 * (4401). The rights poll is a minute away where notices are on: what reads or closes came from a notice.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../server/storage/open-storage.js';
import { noticePath } from '../../../server/storage/sqlite-notices.js';
import type { Storage } from '../../../server/storage/storage.js';
import { cli } from '../cli-capture.js';
import { tempStores } from '../../support/temp-stores.js';
import { settled, watched, type Seen } from './round-reads.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** Reads of the sockets' rights themselves (tokens, members, records), not of the rights version. */
const rows = (seen: Seen): number => seen.reads - (seen.versions ?? 0);

/**
 * A server on a fresh SQLite file, its store opened as `samplan serve` opens it, polling every
 * `pollMs`; an editor's socket on plan-a and a viewer's on plan-b. `before` runs on the file first.
 */
async function setUp(pollMs: number, before?: (db: string) => void): Promise<{ db: string; mine: Storage; seen: Seen; editor: RawClient; viewer: RawClient }> {
  const db = stores.dbFile('quiet');
  before?.(db);
  const mine = await openStorage({ db, databaseUrl: null }, undefined, { server: true });
  stores.keep(mine);
  const seen: Seen = { reads: 0, inFlight: 0, notices: [], versions: 0 };
  t.server = await startTestServer({ rightsPollMs: pollMs }, { storage: watched(mine, seen) });
  const editor = rawClient(t.server as TestServer, 'plan-a', TOKENS.editorA);
  const viewer = rawClient(t.server as TestServer, 'plan-b', TOKENS.viewer);
  t.clients.push(editor, viewer);
  await Promise.all([editor.opened, viewer.opened]);
  return { db, mine, seen, editor, viewer };
}


const session = (id: string) => ({ id, hash: id.padEnd(64, 'f'), workspace: WS, memberId: 'm-a', label: 'session: dialog', createdAt: new Date().toISOString(), expiresAt: null, revokedAt: null });

describe('rights rounds on SQLite', () => {
  it('a samplan member add or token create while the server runs reads no rights; a removal reads and closes the socket at once', async () => {
    const { db, seen, editor, viewer } = await setUp(60_000);
    const command = async (args: string[]): Promise<void> => {
      const run = await cli([...args, '--workspace', WS, '--db', db]);
      expect(run.code, run.err).toBe(0);
    };
    // A member of no open socket removed: a write that may lower rights, read.
    let n = seen.notices.length;
    await command(['member', 'remove', '--id', 'm-coord']);
    await settled(seen, n);
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('member-removed');
    await eventually(() => rows(seen) > 0 && seen.inFlight === 0, 10_000, 'the round of a removal');

    seen.reads = 0;
    seen.versions = 0;
    n = seen.notices.length;
    await command(['member', 'add', '--id', 'nina', '--name', 'Nina Ek', '--role', 'viewer']);
    await settled(seen, n);
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('member-added');
    n = seen.notices.length;
    await command(['token', 'create', '--member', 'nina', '--label', 'Excel']);
    await settled(seen, n);
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('token-added');
    expect(rows(seen)).toBe(0);

    // The editor's member removed by the command: its socket closed at once (the poll is a minute away).
    n = seen.notices.length;
    await command(['member', 'remove', '--id', 'm-a']);
    const open = new Promise<string>((r) => setTimeout(() => r('still open'), 10_000));
    expect(await Promise.race([editor.closed, open])).toMatchObject({ code: 4401 });
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('member-removed');
    expect(rows(seen)).toBeGreaterThan(0);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  }, 60_000);

  it("a process's first notice, a sign-in, reads no rights", async () => {
    const { mine, seen, viewer } = await setUp(60_000);
    seen.reads = 0;
    seen.versions = 0;
    await mine.putToken(session('first-sign-in'));
    await settled(seen, 0);
    expect(seen.notices).toEqual([{ version: expect.any(Number), kind: 'token-added' }]);
    expect(rows(seen)).toBe(0);
    // The next write that may lower rights still reads.
    await mine.putMember({ workspace: WS, id: 'm-b', name: 'Editor B', role: 'viewer', units: [] });
    await settled(seen, 1);
    await eventually(() => rows(seen) > 0 && seen.inFlight === 0, 10_000, 'the round of a member changed');
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  }, 60_000);

  it('while the notice file cannot be watched, the poll rounds after a sign-in or a member added read no rights', async () => {
    // A folder where the notice file goes: the watch fails, the server polls every 50 ms.
    const { db, mine, seen, editor } = await setUp(50, (file) => mkdirSync(noticePath(file)));
    try {
      // The first poll round reads everything: no rights version is known before it.
      await eventually(() => rows(seen) > 0 && seen.inFlight === 0, 10_000, 'the first poll round');
      seen.reads = 0;
      seen.versions = 0;
      await mine.putToken(session('polled-sign-in'));
      await mine.putMember({ workspace: WS, id: 'm-ny', name: 'Ny medlem', role: 'editor', units: ['clinic-a'] });
      await eventually(() => seen.notices.length >= 2, 10_000, 'the notices of the writes');
      expect(seen.notices.map((x) => x?.kind)).toEqual(['token-added', 'member-added']);
      await eventually(() => (seen.versions ?? 0) >= 5 && seen.inFlight === 0, 10_000, 'five poll rounds after the writes');
      expect(rows(seen)).toBe(0);
      // A stored member written again (renamed) reads, and its socket keeps its access.
      await mine.putMember({ workspace: WS, id: 'm-a', name: 'Editor Anna', role: 'editor', units: ['clinic-a'] });
      await eventually(() => rows(seen) > 0 && seen.inFlight === 0, 10_000, 'the poll round of a member written again');
      expect(editor.ws.readyState).toBe(editor.ws.OPEN);
      // A removal closes the socket within the poll interval.
      await mine.deleteMember(WS, 'm-a');
      const open = new Promise<string>((r) => setTimeout(() => r('still open'), 10_000));
      expect(await Promise.race([editor.closed, open])).toMatchObject({ code: 4401 });
    } finally {
      // Before the store closes: it removes its notice file, which cannot be a folder.
      rmSync(noticePath(db), { recursive: true, force: true });
    }
  }, 60_000);
});

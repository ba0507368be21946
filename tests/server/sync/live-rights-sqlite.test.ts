/**
 * The rights poll of open sockets on SQLite: while nothing is written, a round reads only the
 * rights version (no tokens, members or records), and a token revoked in storage without a hook
 * — by another connection (`samplan token revoke` from the CLI) or through the server's own store —
 * still closes its socket within the poll interval.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { closedAfterEach, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const POLL_MS = 50;

const handles: Storage[] = [];
const dirs: string[] = [];

// Runs after the server below is stopped (after-hooks run last-registered first).
afterEach(async () => {
  for (const s of handles.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** The test's server and raw clients, closed after each test. */
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** A server polling every {@link POLL_MS} on a fresh SQLite file; the counts of its rights reads. */
async function setUp(): Promise<{ file: string; mine: Storage; reads: { tokens: number } }> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-live-rights-'));
  dirs.push(dir);
  const file = join(dir, 'samplan.db');
  const mine = openSqliteStorage(file);
  handles.push(mine);
  const reads = { tokens: 0 };
  const listTokens = mine.listTokens.bind(mine);
  mine.listTokens = (workspace) => (reads.tokens++, listTokens(workspace));
  t.server = await startTestServer({ rightsPollMs: POLL_MS }, { storage: mine });
  return { file, mine, reads };
}

async function connect(): Promise<RawClient> {
  const c = rawClient(t.server as TestServer, 'plan-a', TOKENS.editorA);
  t.clients.push(c);
  await c.opened;
  return c;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The count once it is above 0 and has not moved for four poll intervals; throws after 5 s. */
async function settledCount(count: () => number): Promise<number> {
  const deadline = Date.now() + 5000;
  let last = -1;
  let stillSince = Date.now();
  for (;;) {
    const now = count();
    if (now !== last) {
      last = now;
      stillSince = Date.now();
    } else if (now > 0 && Date.now() - stillSince >= 4 * POLL_MS) {
      return now;
    }
    if (Date.now() > deadline) throw new Error(`rights reads did not settle in 5 s (at ${now})`);
    await sleep(POLL_MS / 5);
  }
}

describe('rights poll on SQLite', () => {
  it('reads no rights while nothing is written', async () => {
    const { reads } = await setUp();
    const socket = await connect();
    // The first round reads everything; then about twenty rounds find the version where it was.
    // On a loaded machine the first round can take longer than a few intervals: wait until it
    // has read and four intervals passed without another read (at most 5 s) before counting.
    const settled = await settledCount(() => reads.tokens);
    await sleep(20 * POLL_MS);
    expect(reads.tokens - settled).toBe(0);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('closes a socket within the interval when another connection revokes its token', async () => {
    const { file } = await setUp();
    const socket = await connect();
    await sleep(4 * POLL_MS);
    const other = openSqliteStorage(file);
    handles.push(other);
    const start = Date.now();
    expect(await other.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it('closes a socket within the interval when its token is revoked through the server’s own store without a hook', async () => {
    const { mine } = await setUp();
    const socket = await connect();
    await sleep(4 * POLL_MS);
    const start = Date.now();
    expect(await mine.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it('decides an open socket again when another connection removes its member', async () => {
    const { file } = await setUp();
    const socket = await connect();
    await sleep(4 * POLL_MS);
    const other = openSqliteStorage(file);
    handles.push(other);
    expect(await other.deleteMember(WS, 'm-a')).toBe(true);
    expect((await socket.closed).code).toBe(4401);
  });
});

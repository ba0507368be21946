/**
 * Admission's cache against rights another process changes in storage without telling this one
 * (`samplan token revoke`, `samplan member remove` from the CLI on the same SQLite file): the next
 * socket is refused at once, before it sees any of the document, even while the cache would still
 * keep its answer (the rights poll, and so the cache's time to live, is a minute here).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

let server: TestServer | null = null;
const handles: Storage[] = [];
const clients: RawClient[] = [];
let dir = '';

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
  server = null;
  for (const s of handles.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server on an SQLite file with a minute's rights poll, and another process's handle on the file. */
async function setUp(): Promise<Storage> {
  dir = mkdtempSync(join(tmpdir(), 'samplan-admission-'));
  const db = join(dir, 'samplan.db');
  const mine = openSqliteStorage(db);
  handles.push(mine);
  server = await startTestServer({ rightsPollMs: 60_000 }, { storage: mine });
  const other = openSqliteStorage(db);
  handles.push(other);
  return other;
}

/** A socket for the editor of clinic A on plan-a; resolves when it opened (or failed to). */
async function connect(): Promise<RawClient> {
  const c = rawClient(server as TestServer, 'plan-a', TOKENS.editorA);
  clients.push(c);
  await c.opened.catch(() => undefined);
  return c;
}

describe('admission after another process changed rights in storage', () => {
  it('refuses a token revoked by another process on the next socket, with nothing of the document sent', async () => {
    const other = await setUp();
    const first = await connect();
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    expect(await other.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    const next = await connect();
    expect(await next.closed).toMatchObject({ code: 4401 });
    expect(next.frames).toEqual([]);
  });

  it('refuses a member another process removed on the next socket', async () => {
    const other = await setUp();
    await connect();
    expect(await other.deleteMember(WS, 'm-a')).toBeTruthy();
    const next = await connect();
    expect((await next.closed).code).toBe(4401);
    expect(next.frames).toEqual([]);
  });
});

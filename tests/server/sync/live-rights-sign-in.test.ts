/**
 * A sign-in (a new token: a sign-in session, a new API token) cannot lower anyone's rights, yet
 * its write moved the rights version and its notice started a rights round of the open sockets in
 * every process. The notice now says what was written (`RightsNotice`), and a process skips the
 * round of a token added (`quiet-versions.ts`) while a revocation still starts one and closes the
 * token's sockets. In one process (the server's own SQLite store: the sign-in route writes
 * through it) and across processes (PostgreSQL: another process's store writes, its notice comes
 * through LISTEN/NOTIFY). A notice that names no write (a writer of an earlier Samplan: a bump
 * of the rights version without a kind; on SQLite the notice file's times without a line) still
 * starts a round.
 * The rights poll is a minute away: what reads or closes here came from a notice.
 */
import { listenedClient } from '../../support/listened-client.js';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { utimesSync } from 'node:fs';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { noticePath } from '../../../server/storage/sqlite-notices.js';
import type { Storage, TokenRecord } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { tempStores } from '../../support/temp-stores.js';
import { listeningNow, settled, watched, type Seen } from './round-reads.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** The server's store and the store that writes the sign-in and the revocation (the same one in one process). */
type Engine = () => Promise<{ mine: Storage; writer: Storage; oldBump(): Promise<void> }>;

const session = (id: string): TokenRecord => ({ id, hash: id.padEnd(64, 'f'), workspace: WS, memberId: 'm-a', label: 'session: dialog', createdAt: new Date().toISOString(), expiresAt: null, revokedAt: null });

function signInCases(engine: Engine): void {
  it('a sign-in starts no rights round; a revocation does and closes its sockets; a notice naming no write starts one', async () => {
    const { mine, writer, oldBump } = await engine();
    const seen: Seen = { reads: 0, inFlight: 0, notices: [] };
    t.server = await startTestServer({ rightsPollMs: 60_000 }, { storage: watched(mine, seen) });
    const connect = async (doc: string, token: string): Promise<RawClient> => {
      const c = rawClient(t.server as TestServer, doc, token);
      t.clients.push(c);
      await c.opened;
      return c;
    };
    const editor = await connect('plan-a', TOKENS.editorA);
    const viewer = await connect('plan-b', TOKENS.viewer);
    await listeningNow(seen);

    // A write that may lower rights (a stored member changed) reads them: the rights in force are known at its version.
    let n = seen.notices.length;
    await writer.putMember({ workspace: WS, id: 'm-b', name: 'Editor B', role: 'editor', units: ['clinic-b', 'clinic-c'] });
    await settled(seen, n);
    expect(seen.reads).toBeGreaterThan(0);

    // Sign-ins: told as tokens added, nothing read.
    seen.reads = 0;
    for (const id of ['sign-in-1', 'sign-in-2']) {
      n = seen.notices.length;
      await writer.putToken(session(id));
      await settled(seen, n);
    }
    expect(seen.notices.slice(-2).map((x) => x?.kind)).toEqual(['token-added', 'token-added']);
    expect(seen.reads).toBe(0);

    // A stored token written again (its expiry moved nearer, say) may lower rights: read.
    n = seen.notices.length;
    await writer.putToken({ ...session('sign-in-1'), expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await settled(seen, n);
    expect(seen.notices.at(-1)?.kind).toBe('token-changed');
    await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of a token written again');

    // A revocation: read, and the token's socket closed (the poll is a minute away).
    await eventually(() => seen.inFlight === 0, 10_000, 'no read under way');
    seen.reads = 0;
    n = seen.notices.length;
    expect(await writer.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    const open = new Promise<string>((r) => setTimeout(() => r('still open'), 10_000));
    expect(await Promise.race([editor.closed, open])).toMatchObject({ code: 4401 });
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('token-revoked');
    expect(seen.reads).toBeGreaterThan(0);
    await eventually(() => seen.inFlight === 0, 10_000, 'no read under way');

    // A notice naming no write: read again.
    seen.reads = 0;
    n = seen.notices.length;
    await oldBump();
    await settled(seen, n);
    expect(seen.notices.at(-1)).toBeNull();
    await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of a notice naming no write');
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  }, 60_000);
}

describe('rights notices in one process: SQLite, the server store writing', () => {
  signInCases(async () => {
    const db = stores.dbFile('sign-in');
    const mine = openSqliteStorage(db, { notices: true });
    stores.keep(mine);
    // A `samplan` command of an earlier Samplan on the file: its write bumps the rights version
    // and its notice is the file's times, which name no write.
    const command = async (): Promise<void> => {
      const raw = new Database(db);
      raw.prepare('UPDATE rights_version SET v = v + 1 WHERE id = 1').run();
      raw.close();
      const now = new Date();
      utimesSync(noticePath(db), now, now);
    };
    return { mine, writer: mine, oldBump: command };
  });
});

const missing = servicesMissing();

describe.skipIf(missing !== null)('rights notices across processes: PostgreSQL', () => {
  const server = usePostgres();
  signInCases(async () => {
    const url = await server.createDb('signin');
    const mine = await openPostgresStorage(url);
    const writer = await openPostgresStorage(url);
    stores.keep(mine, writer);
    // What the bump of a Samplan of before the notice named the write does (no kind).
    const oldBump = async (): Promise<void> => {
      const c = listenedClient({ connectionString: url });
      await c.connect();
      try {
        await c.query('UPDATE rights_version SET v = v + 1 WHERE id = 1');
      } finally {
        await c.end();
      }
    };
    return { mine, writer, oldBump };
  });
});

/**
 * Admission's cache against rights another process changes in storage without telling this one
 * (`samplan token revoke`, `samplan member add` from the CLI, on the same SQLite file or the same
 * PostgreSQL database): the next socket is refused at once, before it sees any of the document, even
 * while the cache would still keep its answer (the rights poll, and so the cache's time to live, is
 * a minute here), and the sockets already open are decided again at that moment, not at the poll.
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { tempStores } from '../../support/temp-stores.js';
import { closedAfterEach, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

/** Far below the minute's poll: what closes an open socket in this time came from the version check. */
const AT_ONCE_MS = 3000;

const stores = tempStores();
/** The test's server and raw clients, closed after each test. */
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** A connection to one store: the server's and another process's, on the same file or database. */
type Engine = () => Promise<{ mine: Storage; other: () => Promise<Storage> }>;

/** A server with a minute's rights poll on `engine`, and another process's handle on the same store. */
async function setUp(engine: Engine, opts: { rightsPollMs?: number; reads?: { records: number } } = {}): Promise<Storage> {
  const { mine, other } = await engine();
  stores.keep(mine);
  const reads = opts.reads;
  const served: Storage = reads ? { ...mine, getDocRecord: (ref) => (reads.records++, mine.getDocRecord(ref)) } : mine;
  t.server = await startTestServer({ rightsPollMs: opts.rightsPollMs ?? 60_000 }, { storage: served });
  const theirs = await other();
  stores.keep(theirs);
  return theirs;
}

/** A socket for the editor of clinic A on plan-a; resolves when it opened (or failed to). */
async function connect(): Promise<RawClient> {
  const c = rawClient(t.server as TestServer, 'plan-a', TOKENS.editorA);
  t.clients.push(c);
  await c.opened.catch(() => undefined);
  return c;
}

function admissionCases(engine: () => Engine): void {
  it('refuses a token revoked by another process on the next socket, with nothing of the document sent, and closes the open one', async () => {
    const other = await setUp(engine());
    const first = await connect();
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    expect(await other.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    const start = Date.now();
    const next = await connect();
    expect(await next.closed).toMatchObject({ code: 4401 });
    expect(next.frames).toEqual([]);
    expect(await first.closed).toMatchObject({ code: 4401 });
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  });

  // The cache's time to live is the rights poll interval (60 ms here); the store's rights version
  // moves on every record write, so a storm four times longer reads the record once, and a record
  // another process deletes in the middle of it is seen by the next socket.
  it('reads the document record once in a connect storm longer than the time to live, and sees a record write in its middle on the next socket', async () => {
    const reads = { records: 0 };
    const other = await setUp(engine(), { rightsPollMs: 60, reads });
    await connect();
    const before = reads.records;
    const started = Date.now();
    for (let wave = 0; wave < 6; wave++) {
      await new Promise((r) => setTimeout(r, 50));
      const sockets = await Promise.all(Array.from({ length: 4 }, connect));
      for (const s of sockets) expect(s.ws.readyState).toBe(s.ws.OPEN);
    }
    expect(Date.now() - started).toBeGreaterThan(4 * 60);
    // Once per time to live would be 4 or more. The rights poll's first round reads every right
    // once (it has seen no version yet) but is no change: it used to empty the cache once.
    expect(reads.records - before).toBe(0);
    await other.deleteDoc({ workspace: WS, doc: 'plan-a' });
    const next = await connect();
    expect((await next.closed).code).toBe(4404);
    expect(next.frames).toEqual([]);
  });

  it('refuses a member another process removed on the next socket', async () => {
    const other = await setUp(engine());
    await connect();
    expect(await other.deleteMember(WS, 'm-a')).toBeTruthy();
    const next = await connect();
    expect((await next.closed).code).toBe(4401);
    expect(next.frames).toEqual([]);
  });
}

describe('admission after another process changed rights in storage: SQLite', () => {
  admissionCases(() => async () => {
    const db = stores.dbFile('admission');
    return { mine: openSqliteStorage(db), other: async () => openSqliteStorage(db) };
  });
});

const missing = servicesMissing();

describe.skipIf(missing !== null)('admission after another process changed rights in storage: PostgreSQL', () => {
  const pg = usePostgres();
  admissionCases(() => async () => {
    const url = await pg.createDb('admission');
    return { mine: await openPostgresStorage(url), other: () => openPostgresStorage(url) };
  });
});

/**
 * The rights poll of open sockets on SQLite: while nothing is written, a round reads only the
 * rights version (no tokens, members or records), and a token revoked in storage without a hook
 * — by another connection (`samplan token revoke` from the CLI) or through the server's own store —
 * still closes its socket within the poll interval.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { closedAfterEach, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const POLL_MS = 50;

const stores = tempStores();
/** The test's server and raw clients, closed after each test. */
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/**
 * What the test sees of the server's rights poll: how often the rights were read (`tokens`, once
 * per workspace of a round that reads everything), how often the rights version was asked (once
 * per poll round, besides admission's), and how many rounds in a row asked it and read nothing.
 */
interface PollReads {
  tokens: number;
  versions: number;
  quietRounds: number;
}

/** A server polling every {@link POLL_MS} on a fresh SQLite file; the counts of its rights reads. */
async function setUp(): Promise<{ file: string; mine: Storage; reads: PollReads }> {
  const file = stores.dbFile('live-rights');
  // As a server opens it: the checkpoint worker starts now, and its first commit (the WAL's
  // header, a row of `write_check`) is a commit of another connection. Counted from then on.
  const mine = openSqliteStorage(file, { checkpointerAtOpen: true });
  stores.keep(mine);
  await until(() => workerPrimed(file), "the checkpoint worker's first commit");
  const reads: PollReads = { tokens: 0, versions: 0, quietRounds: 0 };
  // A round reads the open sockets' tokens by id (`getTokens`); a store without it lists them.
  const listTokens = mine.listTokens.bind(mine);
  mine.listTokens = (workspace) => (reads.tokens++, listTokens(workspace));
  const getTokens = mine.getTokens.bind(mine);
  mine.getTokens = (workspace, ids) => (reads.tokens++, getTokens(workspace, ids));
  const rightsVersion = mine.rightsVersion?.bind(mine);
  if (!rightsVersion) throw new Error('the SQLite store keeps no rights version');
  // A round asks the version, then reads everything or nothing, within one turn of the event
  // loop (SQLite answers synchronously): between two asks, no token read means a quiet round.
  let tokensAtAsk = -1;
  mine.rightsVersion = () => {
    reads.versions++;
    reads.quietRounds = reads.tokens > 0 && reads.tokens === tokensAtAsk ? reads.quietRounds + 1 : 0;
    tokensAtAsk = reads.tokens;
    return rightsVersion();
  };
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

/**
 * Resolves once `done()` holds, looked at every fifth of a poll interval. The time limit only
 * turns a hang into a failure with words: nothing here waits for a time to pass.
 */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 20 s`);
    await sleep(POLL_MS / 5);
  }
}

/** Whether the checkpoint worker of the store on `file` has made its first commit (`sqlite-checkpointer.ts`). */
function workerPrimed(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) FROM write_check').pluck().get() as number) > 0;
  } finally {
    db.close();
  }
}

/** Resolves once a poll round found the rights where the round before left them (it read nothing). */
const pollSettled = (reads: PollReads): Promise<void> => until(() => reads.quietRounds > 0, 'a poll round that reads nothing');

describe('rights poll on SQLite', () => {
  it('reads no rights while nothing is written', async () => {
    const { reads } = await setUp();
    const socket = await connect();
    // The first round reads everything; once a round has found the version where it was, twenty
    // more rounds (counted, however long a loaded machine takes for them) read nothing.
    await pollSettled(reads);
    const settled = reads.tokens;
    const rounds = reads.versions;
    await until(() => reads.versions >= rounds + 20, 'twenty poll rounds');
    expect(reads.tokens - settled).toBe(0);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  // The rights version moved on every commit of another connection (`PRAGMA data_version`): each
  // of the checkpoint worker's (at start, after each idle truncate, at each WAL restart) and each
  // document write of another process made every server read all rights once.
  it('reads no rights while only documents are written, here (the checkpoint worker commits after them) or by another connection', async () => {
    const { file, mine, reads } = await setUp();
    const socket = await connect();
    await pollSettled(reads);
    const settled = reads.tokens;
    const other = openSqliteStorage(file);
    stores.keep(other);
    const doc = new Y.Doc();
    for (let i = 0; i < 6; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('meta').set('title', `Plan ${i}`);
      const update = Y.encodeStateAsUpdate(doc, before);
      await (i % 2 === 0 ? other : mine).appendUpdates({ workspace: WS, doc: 'plan-b' }, [{ update, memberId: null }]);
      const rounds = reads.versions;
      await until(() => reads.versions >= rounds + 3, 'three poll rounds');
    }
    expect(reads.tokens - settled).toBe(0);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  // "Within the interval": by the first poll round after the revocation, counted in rounds, not
  // in milliseconds a loaded machine may stretch. Once the socket is closed no round asks the
  // version any more (no socket is open), so the rounds asked by then are those it took.
  it('closes a socket within the interval when another connection revokes its token', async () => {
    const { file, reads } = await setUp();
    const socket = await connect();
    await pollSettled(reads);
    const other = openSqliteStorage(file);
    stores.keep(other);
    const rounds = reads.versions;
    expect(await other.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(reads.versions - rounds).toBe(1);
  });

  it('closes a socket within the interval when its token is revoked through the server’s own store without a hook', async () => {
    const { mine, reads } = await setUp();
    const socket = await connect();
    await pollSettled(reads);
    const rounds = reads.versions;
    expect(await mine.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(reads.versions - rounds).toBe(1);
  });

  it('decides an open socket again when another connection removes its member', async () => {
    const { file, reads } = await setUp();
    const socket = await connect();
    await pollSettled(reads);
    const other = openSqliteStorage(file);
    stores.keep(other);
    expect(await other.deleteMember(WS, 'm-a')).toBe(true);
    expect((await socket.closed).code).toBe(4401);
  });
});

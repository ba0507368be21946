/**
 * A rights round of open sockets reads their own tokens, one row each, however many sign-in
 * sessions the workspace holds. Every sign-in writes a token and so moves the rights version, and
 * each round listed every token of the workspace with a socket: with thousands of sessions, each
 * sign-in made every server process read all of them. Counted here with a wrapper over the token
 * rows storage hands back, on SQLite as a server opens it; a revocation another connection makes
 * still closes the sockets of that token, and only those.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { TokenRecord } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const POLL_MS = 50;
/** Sign-in sessions stored in the workspace besides the seeded tokens. */
const SESSIONS = 5_000;

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** Token rows handed back by the reads a rights round makes, and how many such reads. */
interface RoundReads {
  rows: number;
  calls: number;
  /** Poll rounds in a row that asked the rights version and read no token. */
  quietRounds: number;
}

const session = (id: string, memberId: string, at: string): TokenRecord => ({ id, hash: id.padEnd(64, 'c'), workspace: WS, memberId, label: 'session: dialog', createdAt: at, expiresAt: null, revokedAt: null });

async function setUp(): Promise<{ file: string; reads: RoundReads }> {
  const file = stores.dbFile('live-rows');
  const mine = openSqliteStorage(file);
  stores.keep(mine);
  // The sessions of other members, written in one transaction of another connection before the server starts.
  const raw = new Database(file);
  const insert = raw.prepare('INSERT INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at) VALUES (@id, @hash, @workspace, @memberId, @label, @createdAt, @expiresAt, @revokedAt)');
  raw.transaction(() => {
    for (let i = 0; i < SESSIONS; i++) insert.run(session(`s${String(i).padStart(5, '0')}`, i % 2 ? 'm-b' : 'm-coord', '2026-01-02T00:00:00.000Z'));
  })();
  raw.close();
  const reads: RoundReads = { rows: 0, calls: 0, quietRounds: 0 };
  const listTokens = mine.listTokens.bind(mine);
  const getTokens = mine.getTokens.bind(mine);
  const counted = (out: TokenRecord[]): TokenRecord[] => ((reads.rows += out.length), reads.calls++, out);
  mine.listTokens = async (workspace) => counted(await listTokens(workspace));
  mine.getTokens = async (workspace, ids) => counted(await getTokens(workspace, ids));
  const rightsVersion = mine.rightsVersion?.bind(mine);
  if (!rightsVersion) throw new Error('the SQLite store keeps no rights version');
  let callsAtAsk = -1;
  mine.rightsVersion = () => {
    reads.quietRounds = reads.calls > 0 && reads.calls === callsAtAsk ? reads.quietRounds + 1 : 0;
    callsAtAsk = reads.calls;
    return rightsVersion();
  };
  t.server = await startTestServer({ rightsPollMs: POLL_MS }, { storage: mine });
  return { file, reads };
}

async function connect(doc: string, token: string): Promise<RawClient> {
  const c = rawClient(t.server as TestServer, doc, token);
  t.clients.push(c);
  await c.opened;
  return c;
}

describe(`open sockets in a workspace with ${SESSIONS} sign-in sessions`, () => {
  it('read their own tokens, one row each, at the round a sign-in of another process starts; a revocation still closes its sockets', async () => {
    const { file, reads } = await setUp();
    const a1 = await connect('plan-a', TOKENS.editorA);
    const a2 = await connect('plan-a', TOKENS.editorA);
    const viewer = await connect('plan-b', TOKENS.viewer);
    // The rounds the sockets' admission started have read the rights, and rounds since read nothing.
    await eventually(() => reads.quietRounds > 2, 20_000, 'poll rounds that read nothing');
    const other = openSqliteStorage(file);
    stores.keep(other);

    // A sign-in on another process: one token written, the rights version moved.
    let before = reads.calls;
    reads.rows = 0;
    await other.putToken(session('new-sign-in', 'm-b', new Date().toISOString()));
    await eventually(() => reads.calls > before, 20_000, 'the round after a sign-in');
    // One workspace with sockets: one read, the two tokens its three sockets hold.
    await eventually(() => reads.quietRounds > 2, 20_000, 'poll rounds that read nothing');
    expect({ rows: reads.rows, calls: reads.calls }).toEqual({ rows: 2, calls: before + 1 });

    before = reads.calls;
    reads.rows = 0;
    expect(await other.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await a1.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(await a2.closed).toMatchObject({ code: 4401, reason: 'Token revoked' });
    expect(reads.calls).toBeGreaterThan(before);
    expect(reads.rows / (reads.calls - before)).toBeLessThanOrEqual(2);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  });
});

/**
 * A rights round of open sockets reads their own members, one row each, however many members the
 * workspace holds. Every sign-in moves the rights version, and each round listed every member of
 * the workspace with a socket: with a county's thousands of members, each sign-in made every
 * server process read all of them. Counted here with a wrapper over the member rows storage hands
 * back, on SQLite as a server opens it; a role lowered by another connection still closes the
 * sockets of that member, and only those.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { MemberRecord } from '../../../server/storage/storage.js';
import { tempStores } from '../../support/temp-stores.js';
import { closedAfterEach, eventually, rawClient, startTestServer, TOKENS, WS, type RawClient, type TestServer } from './support.js';

const POLL_MS = 50;
/** Members stored in the workspace besides the seeded ones. */
const MEMBERS = 3_000;

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** Member rows handed back by the reads a rights round makes, and how many such reads. */
interface RoundReads {
  rows: number;
  calls: number;
  /** Poll rounds in a row that asked the rights version and read no member. */
  quietRounds: number;
}

async function setUp(): Promise<{ file: string; reads: RoundReads }> {
  const file = stores.dbFile('live-members');
  const mine = openSqliteStorage(file);
  stores.keep(mine);
  // The other members, written in one transaction of another connection before the server starts.
  const raw = new Database(file);
  const insert = raw.prepare("INSERT INTO members (workspace, id, name, role, units) VALUES (?, ?, ?, 'editor', '[\"clinic-b\"]')");
  raw.transaction(() => {
    for (let i = 0; i < MEMBERS; i++) insert.run(WS, `p${String(i).padStart(5, '0')}`, `Person ${i}`);
  })();
  raw.close();
  const reads: RoundReads = { rows: 0, calls: 0, quietRounds: 0 };
  const listMembers = mine.listMembers.bind(mine);
  const getMembers = mine.getMembers.bind(mine);
  const counted = (out: MemberRecord[]): MemberRecord[] => ((reads.rows += out.length), reads.calls++, out);
  mine.listMembers = async (workspace) => counted(await listMembers(workspace));
  mine.getMembers = async (workspace, ids) => counted(await getMembers(workspace, ids));
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

describe(`open sockets in a workspace with ${MEMBERS} more members`, () => {
  it('read their own members, one row each, at the round a sign-in of another process starts; a lowered role still closes its sockets', async () => {
    const { file, reads } = await setUp();
    const a1 = await connect('plan-a', TOKENS.editorA);
    const a2 = await connect('plan-a', TOKENS.editorA);
    const viewer = await connect('plan-b', TOKENS.viewer);
    await eventually(() => reads.quietRounds > 2, 20_000, 'poll rounds that read nothing');
    const other = openSqliteStorage(file);
    stores.keep(other);

    // A sign-in on another process: one token written, the rights version moved.
    let before = reads.calls;
    reads.rows = 0;
    const at = new Date().toISOString();
    await other.putToken({ id: 'new-sign-in', hash: 'n'.repeat(64), workspace: WS, memberId: 'p00001', label: 'session: dialog', createdAt: at, expiresAt: null, revokedAt: null });
    await eventually(() => reads.calls > before, 20_000, 'the round after a sign-in');
    // One workspace with sockets: one read, the two members its three sockets belong to.
    await eventually(() => reads.quietRounds > 2, 20_000, 'poll rounds that read nothing');
    expect({ rows: reads.rows, calls: reads.calls }).toEqual({ rows: 2, calls: before + 1 });

    before = reads.calls;
    reads.rows = 0;
    expect(await other.updateMember?.({ workspace: WS, id: 'm-a', name: 'Editor A', role: 'viewer', units: ['clinic-a'] })).toBe(true);
    expect(await a1.closed).toMatchObject({ code: 4403, reason: 'Your role no longer allows writing this document' });
    expect(await a2.closed).toMatchObject({ code: 4403, reason: 'Your role no longer allows writing this document' });
    expect(reads.calls).toBeGreaterThan(before);
    expect(reads.rows / (reads.calls - before)).toBeLessThanOrEqual(2);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  });
});

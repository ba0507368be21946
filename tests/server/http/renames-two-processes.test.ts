/**
 * Renames of one document through two server processes on one PostgreSQL database. The turn that
 * orders a document's renames (`KeyedQueue` in the route, `followTitle` one at a time) is per
 * process: two renames through two processes at once each made their title update on a document
 * that lacked the other's, so Yjs kept the title of the higher client id, not the one answered
 * last, and the record and the lines told another story. Now a rename runs holding the document's
 * turn in storage (`DocumentStore.inDocTurn`: an advisory lock in PostgreSQL) and is made on the
 * document caught up with what other processes stored: the rename answered last is the title of
 * the record and of the document, and the `rename` lines chain, each naming the title it replaced.
 */
import { describe, expect, it } from 'vitest';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import pg from 'pg';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { onEveryConnectionError } from '../../../server/storage/postgres-faults.js';
import { DocTurnBusyError, DocTurnsFullError, docTurnsFor, postgresDocTurns } from '../../../server/storage/postgres-doc-turn.js';
import { metaOf } from '../../../shared/doc/index.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { createToken } from '../../../server/auth/tokens.js';
import { appOver, AT, seedPlanA } from './plan-a-seed.js';
import { WS } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };
const ROUNDS = 6;

describe.skipIf(servicesMissing() !== null)('renames of one document through two processes at once (PostgreSQL)', () => {
  const server = usePostgres();

  it('ends each round with the title answered last in the record and the document, and lines that chain', async () => {
    const url = await server.createDb('renamestwo');
    const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
    const kim = await seedPlanA(a);
    await a.putMember({ workspace: WS, id: 'ada', name: 'Ada Lund', role: 'admin', units: ['vc-a'] });
    const ada = (await createToken(a, { workspace: WS, memberId: 'ada', label: 'test', clock: () => new Date(AT) })).secret;
    const apps = [a, b].map(appOver);
    const first = (await a.getDocRecord(ref))?.title as string;
    try {
      const answered: string[] = [];
      const rename = async (app: number, token: string, title: string) => {
        const res = await apps[app]!.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title }),
        });
        expect(res.status).toBe(200);
        answered.push(title);
      };
      // Both rooms loaded, as on two busy servers.
      for (const app of apps) expect((await app.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, { headers: { authorization: `Bearer ${kim}` } })).status).toBe(200);
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all([rename(0, kim, `Plan Kim ${round}`), rename(1, ada, `Plan Ada ${round}`)]);
        const last = answered[answered.length - 1];
        const seen = { round, record: (await b.getDocRecord(ref))?.title, document: metaOf(await loadFromStorage(b, ref))?.title };
        expect(seen).toEqual({ round, record: last, document: last });
      }
      const lines = (await a.listAudit(WS, 100)).filter((l) => l.action === 'rename').reverse();
      const chain = lines.map((l) => /^"(.*)" → "(.*)"$/.exec(l.detail ?? '')?.slice(1));
      expect(chain.map((pair) => pair?.[1])).toEqual(answered);
      expect(chain.map((pair) => pair?.[0])).toEqual([first, ...answered.slice(0, -1)]);
    } finally {
      for (const app of apps) await app.close();
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('gives a document’s turn to one process at a time, and refuses in words one kept too long', async () => {
    const url = await server.createDb('docturns');
    // pool.end() resolves before the sockets close: the server stopping after this block ends the
    // connections still closing, which pg-pool emits as `error` (thrown with no listener, failing
    // the run though every test passed). The storage listens the same way (postgres-faults.ts).
    const pools = [1, 2].map(() => onEveryConnectionError(new pg.Pool({ connectionString: url, max: 2 }), () => undefined));
    try {
      const [turnA, turnB] = pools.map((pool) => postgresDocTurns(pool, 2, 300));
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inA = new Promise<void>((r) => (entered = r));
      const a = turnA!(ref, async () => (entered(), await held));
      await inA;
      // Another document's turn is free meanwhile; this one's is not, and is refused after the wait.
      expect(await turnB!({ ...ref, doc: 'plan-b' }, async () => 'other')).toBe('other');
      const refused = await turnB!(ref, async () => 'ran').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DocTurnBusyError);
      expect(String((refused as Error).message)).toContain('nothing was changed');
      release();
      await a;
      expect(await turnB!(ref, async () => 'ran')).toBe('ran');
    } finally {
      for (const pool of pools) await pool.end();
    }
  });

  it('takes at most half the pool for turns, so their holders’ own writes still get a connection, and refuses one more in words', async () => {
    const url = await server.createDb('docturnsfull');
    // Two connections, given up after a second: turns holding both would leave their writes none.
    const pool = onEveryConnectionError(new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 1000 }), () => undefined);
    try {
      expect([1, 2, 10].map(docTurnsFor)).toEqual([1, 1, 5]);
      const inTurn = postgresDocTurns(pool, docTurnsFor(2), 300);
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inA = new Promise<void>((r) => (entered = r));
      // The holder writes only after another document's turn was asked for meanwhile.
      const a = inTurn(ref, async () => {
        entered();
        await held;
        return (await pool.query('SELECT 1 AS one')).rows[0] as { one: number };
      });
      await inA;
      const refused = await inTurn({ ...ref, doc: 'plan-b' }, async () => (await pool.query('SELECT 2 AS two')).rows[0]).catch((err: unknown) => err);
      release();
      expect(await a).toEqual({ one: 1 });
      expect(refused).toBeInstanceOf(DocTurnsFullError);
      expect(String((refused as Error).message)).toContain('was not changed');
      // Free again once the holder let go.
      expect(await inTurn({ ...ref, doc: 'plan-b' }, async () => 'ran')).toBe('ran');
    } finally {
      await pool.end();
    }
  });

  it('renames through a pool of one connection: the turn does not take the connection its own writes need', async () => {
    const url = await server.createDb('renamesone');
    // Given up after a second: a turn holding the only connection would leave its writes none.
    const storage = await openPostgresStorage(url, { poolSize: 1, connectTimeoutMs: 1000 });
    const kim = await seedPlanA(storage);
    const one = appOver(storage);
    try {
      const res = await one.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${kim}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Plan Kim' }),
      });
      expect(res.status).toBe(200);
      expect([(await storage.getDocRecord(ref))?.title, metaOf(await loadFromStorage(storage, ref))?.title]).toEqual(['Plan Kim', 'Plan Kim']);
    } finally {
      await one.close();
      await storage.close();
    }
  });

  it('answers a rename over the turns its pool allows 503 documents-busy in words, renaming nothing', async () => {
    const url = await server.createDb('renamesfull');
    const storage = await openPostgresStorage(url, { poolSize: 2 });
    const kim = await seedPlanA(storage);
    const one = appOver(storage);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inOther = new Promise<void>((r) => (entered = r));
    // Another document's rename holds the one turn a pool of two allows.
    const other = storage.inDocTurn!({ ...ref, doc: 'plan-b' }, async () => (entered(), await held));
    try {
      await inOther;
      const res = await one.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${kim}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Plan Kim' }),
      });
      const body = (await res.json()) as { error?: { code?: string; details?: { message?: { sv?: string } } } };
      expect({ status: res.status, retry: res.headers.get('retry-after'), code: body.error?.code }).toEqual({ status: 503, retry: '1', code: 'documents-busy' });
      expect(body.error?.details?.message?.sv).toContain('bytte inte namn');
      expect((await storage.getDocRecord(ref))?.title).not.toBe('Plan Kim');
    } finally {
      release();
      await other;
      await one.close();
      await storage.close();
    }
  });
});

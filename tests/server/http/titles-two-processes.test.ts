/**
 * Look-alike titles through two server processes on one PostgreSQL database (`title-turn.ts`). The
 * check and the write were one step within a process only (`KeyedQueue`): two processes at once,
 * each renaming, copying or creating a document of the unit with look-alike titles, each found no
 * twin and both stored theirs. Now the step also holds the titles' turn in storage
 * (`Storage.inScopeTurn`, an advisory lock; a rename takes it in its document's turn's transaction).
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { onEveryConnectionError } from '../../../server/storage/postgres-faults.js';
import { DocTurnsFullError, postgresTurns, ScopeTurnBusyError } from '../../../server/storage/postgres-doc-turn.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { createToken } from '../../../server/auth/tokens.js';
import { appOver, AT, seedPlanA } from './plan-a-seed.js';
import { WS } from './support.js';

const ROUNDS = 3;

describe.skipIf(servicesMissing() !== null)('look-alike titles through two processes at once (PostgreSQL)', () => {
  const server = usePostgres();

  it('lets one of two renames, copies or creations at once through two processes take a look-alike title; the other is asked about', async () => {
    const url = await server.createDb('titlestwo');
    // A pool of one, as a small deployment has: a rename holds its document's turn and the titles' turn on one connection.
    const [a, b] = [await openPostgresStorage(url, { poolSize: 1 }), await openPostgresStorage(url)];
    const kim = await seedPlanA(a);
    await a.putMember({ workspace: WS, id: 'ada', name: 'Ada Lund', role: 'admin', units: ['vc-a'] });
    const ada = (await createToken(a, { workspace: WS, memberId: 'ada', label: 'test', clock: () => new Date(AT) })).secret;
    const apps = [a, b].map(appOver);
    const call = (app: number, token: string, method: string, path: string, body: unknown) =>
      apps[app]!.app.request(`/v1/workspaces/${WS}/documents${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const make = async (title: string): Promise<string> => {
      const res = await call(0, kim, 'POST', '', { kind: 'activity-plan', ownerUnit: 'vc-a', title });
      expect(res.status).toBe(201);
      return ((await res.json()) as { document: { doc: string } }).document.doc;
    };
    const titled = async (pattern: RegExp) => (await b.listDocs(WS)).filter((d) => d.ownerUnit === 'vc-a' && pattern.test(d.title));
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const [x, y] = [await make(`Plan X ${round}`), await make(`Plan Y ${round}`)];
        const renames = await Promise.all([call(0, kim, 'PATCH', `/${x}`, { title: `Plan ${2030 + round}` }), call(1, ada, 'PATCH', `/${y}`, { title: `plan  ${2030 + round}` })]);
        expect(renames.map((r) => r.status).sort()).toEqual([200, 409]);
        const refused = renames.find((r) => r.status === 409) as Response;
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('doc-duplicate');
        expect(await titled(new RegExp(`${2030 + round}`))).toHaveLength(1);

        const copyTitle = `Friskvård ${2040 + round}`;
        const made = await Promise.all([call(0, kim, 'POST', `/${x}/copy`, { title: copyTitle }), call(1, ada, 'POST', '', { kind: 'activity-plan', ownerUnit: 'vc-a', title: copyTitle.toLowerCase() })]);
        expect(made.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(await titled(new RegExp(`${2040 + round}`))).toHaveLength(1);
      }
    } finally {
      for (const app of apps) await app.close();
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('holds a scope’s turn in the document turn’s transaction, refuses in words one kept too long, and lets go with the outer turn', async () => {
    const url = await server.createDb('scopeturns');
    const pools = [1, 2].map(() => onEveryConnectionError(new pg.Pool({ connectionString: url, max: 1 }), () => undefined));
    try {
      const [turnsA, turnsB] = pools.map((pool) => postgresTurns(pool, 1, 300));
      const scope = { workspace: WS, key: 'title ["a"]', words: 'the titles of plans of vc-a' };
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inA = new Promise<void>((r) => (entered = r));
      let later: Promise<string> | undefined;
      // In a pool of one, the scope's turn is taken on the document turn's own connection.
      const a = turnsA!.inDocTurn({ workspace: WS, doc: 'x' }, () =>
        turnsA!.inScopeTurn(scope, async () => {
          entered();
          await held;
          // Work started in the turn that runs on after it ends asks for a turn of its own.
          later = new Promise<void>((r) => setTimeout(r, 50)).then(() => turnsA!.inScopeTurn(scope, async () => 'after'));
          return 'in';
        }),
      );
      await inA;
      const refused = await turnsB!.inScopeTurn(scope, async () => 'ran').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(ScopeTurnBusyError);
      expect(String((refused as Error).message)).toBe('the titles of plans of vc-a is being changed by another server process; nothing was changed');
      // Another scope is free meanwhile.
      expect(await turnsB!.inScopeTurn({ ...scope, key: 'title ["b"]' }, async () => 'other')).toBe('other');
      release();
      expect(await a).toBe('in');
      expect(await later).toBe('after');
      expect(await turnsB!.inScopeTurn(scope, async () => 'ran')).toBe('ran');
      // Two turns of one pool at once, neither inside the other: the second is refused (a pool of one).
      let free = () => {};
      const first = turnsB!.inScopeTurn(scope, () => new Promise<string>((r) => (free = () => r('first'))));
      await new Promise((r) => setTimeout(r, 50));
      expect(await turnsB!.inScopeTurn({ ...scope, key: 'title ["c"]' }, async () => 'second').catch((err: unknown) => err)).toBeInstanceOf(DocTurnsFullError);
      free();
      expect(await first).toBe('first');
    } finally {
      for (const pool of pools) await pool.end();
    }
  });
});

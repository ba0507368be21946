import net from 'node:net';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { listenedClient } from '../../support/listened-client.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { appendManyPostgres } from '../../../server/storage/postgres-append.js';
import { PG_MIGRATIONS } from '../../../server/storage/postgres-schema.js';
import { writeDumpToSqlite } from '../../../server/storage/sqlite-dump.js';
import type { AppendItem, Storage } from '../../../server/storage/storage.js';
import { DocIdTakenError, DocRecordGoneError } from '../../../server/storage/storage-records.js';
import { StorageUnavailableError } from '../../../server/storage/watched.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { rowsText, runStorageContract } from './contract.js';
import { made } from './made.js';
import { postgresOldAccessTokens } from './postgres-old-access-tokens.js';
import { postgresOldRemovals } from './postgres-old-removals.js';
import { postgresReadonly } from './postgres-readonly.js';

const missing = servicesMissing();

/** Run `statements` on the database at `url` on a connection of their own, as a hand in psql would. */
async function byHand(url: string, ...statements: (string | { text: string; values: unknown[] })[]): Promise<void> {
  const c = listenedClient({ connectionString: url });
  await c.connect();
  try {
    for (const q of statements) await (typeof q === 'string' ? c.query(q) : c.query(q.text, q.values));
  } finally {
    await c.end();
  }
}

describe.skipIf(missing !== null)('postgres storage', () => {
  const server = usePostgres();

  runStorageContract('postgres', async (opts) => {
    const url = await server.createDb('contract');
    let current: Storage = await openPostgresStorage(url, { ...opts, writeBackup: writeDumpToSqlite });
    return {
      storage: current,
      async reopen() {
        await current.close();
        current = await openPostgresStorage(url, { ...opts, writeBackup: writeDumpToSqlite });
        return current;
      },
      cleanup: () => current.close(),
      async allRows() {
        const c = listenedClient({ connectionString: url });
        await c.connect();
        try {
          const tables = (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).rows.map((r: { tablename: string }) => r.tablename);
          const texts = [];
          for (const t of tables) texts.push(rowsText((await c.query(`SELECT * FROM ${pg.escapeIdentifier(t)}`)).rows));
          return texts.join('\n');
        } finally {
          await c.end();
        }
      },
      refuseAppends: (doc) =>
        byHand(
          url,
          `CREATE FUNCTION refuse_append() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'appends refused by the test'; END $$`,
          `CREATE TRIGGER refuse_append BEFORE INSERT ON update_log FOR EACH ROW WHEN (NEW.doc = ${pg.escapeLiteral(doc)}) EXECUTE FUNCTION refuse_append()`,
        ),
      refuseAudit: () =>
        byHand(
          url,
          `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit lines refused by the test'; END $$`,
          'CREATE TRIGGER refuse_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
        ),
      loseHead: (ref) => byHand(url, { text: 'DELETE FROM doc_heads WHERE workspace = $1 AND doc = $2', values: [ref.workspace, ref.doc] }),
      lowerHead: (ref, seq) => byHand(url, { text: 'UPDATE doc_heads SET last_seq = $3 WHERE workspace = $1 AND doc = $2', values: [ref.workspace, ref.doc, seq] }),
      loseRows: (ref, what) =>
        byHand(
          url,
          ...(what.snapshot ? [{ text: 'DELETE FROM snapshots WHERE workspace = $1 AND doc = $2', values: [ref.workspace, ref.doc] }] : []),
          ...(what.updates ? [{ text: 'DELETE FROM update_log WHERE workspace = $1 AND doc = $2', values: [ref.workspace, ref.doc] }] : []),
        ),
    };
  }, { groupCommit: true, lostHeads: true });

  describe('schema', () => {
    it('migrates once however many processes open it at the same time, and again changes nothing', async () => {
      const url = await server.createDb('schema');
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStorage(url)));
      await Promise.all(stores.map((s) => s.close()));
      await (await openPostgresStorage(url)).close();
      const c = listenedClient({ connectionString: url });
      await c.connect();
      const { rows } = await c.query('SELECT version FROM samplan_schema ORDER BY version');
      await c.end();
      expect(rows.map((r: { version: number }) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    });

    it('refuses a database written by a newer schema version', async () => {
      const url = await server.createDb('newer');
      await (await openPostgresStorage(url)).close();
      const c = listenedClient({ connectionString: url });
      await c.connect();
      await c.query('INSERT INTO samplan_schema (version) VALUES ($1)', [PG_MIGRATIONS.length + 1]);
      await c.end();
      await expect(openPostgresStorage(url)).rejects.toThrow(/newer than this Samplan supports/);
    });

    postgresOldRemovals(server);
    postgresOldAccessTokens(server);
    postgresReadonly(server);
  });

  describe('several processes on one database', () => {
    it('numbers appends of two pools to one document without gaps or duplicates', async () => {
      const url = await server.createDb('two');
      const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
      const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
      await made(a, ref);
      const seqs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendUpdates(ref, [{ update: new Uint8Array([i]), memberId: null }])),
      );
      expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const log = await a.listUpdates(ref, 0, 100);
      seqs.forEach((seq, i) => expect(Array.from(log[seq - 1]?.update ?? [])).toEqual([i]));
      const before = await b.dataVersion();
      await a.appendUpdates(ref, [{ update: new Uint8Array([99]), memberId: null }]);
      await expect.poll(() => b.dataVersion(), { timeout: 5000 }).not.toBe(before);
      await a.close();
      await b.close();
    });

    it('makes a document once when two pools make it under one id at once (a copy or creation in each process)', async () => {
      const url = await server.createDb('makings');
      const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
      try {
        const at = '2026-01-15T10:00:00.000Z';
        const making = (doc: string, title: string): AppendItem => ({
          update: new Uint8Array([title.length]),
          memberId: null,
          record: { workspace: 'hbi-stockholm', doc, kind: 'activity-plan', title, ownerUnit: 'vc-husby', createdAt: at, updatedAt: at },
          creates: true,
        });
        for (let i = 0; i < 6; i++) {
          const ref = { workspace: 'hbi-stockholm', doc: `plan-${i}` };
          const both = await Promise.allSettled([a.appendUpdates(ref, [making(ref.doc, 'Plan A')]), b.appendUpdates(ref, [making(ref.doc, 'Plan BB')])]);
          expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
          expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(DocIdTakenError);
          expect((await a.loadDoc(ref)).lastSeq).toBe(1);
        }
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('moves the rights version with every token, member and document-record write of another pool, once it is visible', async () => {
      const url = await server.createDb('rights');
      const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
      const ws = 'hbi-stockholm';
      const at = '2026-01-01T00:00:00.000Z';
      const writes: [string, () => Promise<unknown>][] = [
        ['put member', () => a.putMember({ workspace: ws, id: 'nina', name: 'Nina Ek', role: 'editor', units: ['vc-husby'] })],
        ['change role', () => a.putMember({ workspace: ws, id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] })],
        ['put token', () => a.putToken({ id: 't1', hash: 'h1', workspace: ws, memberId: 'nina', label: '', createdAt: at, expiresAt: null, revokedAt: null })],
        ['revoke token', () => a.revokeToken('t1', at)],
        ['put document record', () => a.putDocRecord({ workspace: ws, doc: 'plan', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-husby', createdAt: at, updatedAt: at })],
        ['delete document', () => a.deleteDoc({ workspace: ws, doc: 'plan' })],
        ['remove member', () => a.deleteMember(ws, 'nina')],
      ];
      for (const [what, write] of writes) {
        const before = await (b.rightsVersion as () => Promise<number>)();
        await write();
        expect({ what, moved: (await (b.rightsVersion as () => Promise<number>)()) !== before }).toEqual({ what, moved: true });
      }
      expect(await a.revokeToken('t1', at)).toBe(false);
      expect(await a.deleteMember(ws, 'nina')).toBe(false);
      await made(a, { workspace: ws, doc: 'other' });
      const before = await (b.rightsVersion as () => Promise<number>)();
      await a.appendUpdates({ workspace: ws, doc: 'other' }, [{ update: new Uint8Array([1]), memberId: null }]);
      expect(await (b.rightsVersion as () => Promise<number>)()).toBe(before);
      await a.close();
      await b.close();
    });

    it('group-commits overlapping documents from two pools in opposite orders without a deadlock or a gap', async () => {
      const url = await server.createDb('groups');
      const [a, b] = [await openPostgresStorage(url), await openPostgresStorage(url)];
      const docs = Array.from({ length: 6 }, (_, i) => ({ workspace: 'hbi-stockholm', doc: `plan-${i}` }));
      await made(a, ...docs);
      const calls = Array.from({ length: 200 }, (_, i) => {
        const order = i % 2 ? docs : [...docs].reverse();
        const store = i % 2 ? a : b;
        return (store.appendMany as NonNullable<Storage['appendMany']>)(order.map((ref) => ({ ref, updates: [{ update: new Uint8Array([i % 256, i >> 8]), memberId: null }] })));
      });
      const results = await Promise.allSettled(calls);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      for (const ref of docs) {
        const log = await a.listUpdates(ref, 0, 1000);
        expect(log.map((h) => h.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(new Set(log.map((h) => Array.from(h.update).join())).size).toBe(200);
      }
      await a.close();
      await b.close();
    }, 60_000);
  });

  describe('the per-edit statements', () => {
    it('go named, so each pooled connection parses and plans them once, and a SELECT * never does', async () => {
      const url = await server.createDb('prepared');
      const s = await openPostgresStorage(url, { poolSize: 2 });
      await made(s, { workspace: 'hbi-stockholm', doc: 'plan' }, { workspace: 'hbi-stockholm', doc: 'goals' });
      const sent: { text: string; name?: string }[] = [];
      const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
      pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
        const first = a[0] as string | { text: string; name?: string };
        sent.push(typeof first === 'string' ? { text: first } : first);
        return query.apply(this, a);
      } as typeof pg.Client.prototype.query;
      const [plan, goals] = [{ workspace: 'hbi-stockholm', doc: 'plan' }, { workspace: 'hbi-stockholm', doc: 'goals' }];
      const one = (b: number) => [{ update: new Uint8Array([b]), memberId: 'm1' }];
      try {
        for (let i = 1; i <= 3; i++) {
          expect(await s.appendUpdates(plan, one(i))).toBe(2 * i - 1);
          expect(await s.appendMany!([{ ref: plan, updates: one(10 + i) }, { ref: goals, updates: one(20 + i) }])).toEqual([2 * i, i]);
        }
        expect(await s.appendUpdates(plan, [])).toBe(6);
        expect((await s.lastSeqs('hbi-stockholm', ['plan', 'goals'])).get('goals')).toBe(3);
        expect((await s.loadDoc(plan)).updates).toHaveLength(6);
        expect((await s.listUpdates(goals, 1, 10)).map((u) => u.seq)).toEqual([2, 3]);
        expect(await s.dataVersion()).toBeGreaterThan(0);
        await s.rightsVersion!();
        await s.getDocRecords('hbi-stockholm', ['plan']);
      } finally {
        pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
        await s.close();
      }
      const hot = [/INSERT INTO doc_heads/, /FROM doc_heads WHERE/, /FROM snapshots/, /FROM update_log/, /appends_committed$/, /FROM rights_version/];
      for (const pattern of hot) {
        const calls = sent.filter((q) => pattern.test(q.text.trim()));
        expect(calls.length, String(pattern)).toBeGreaterThan(0);
        expect(calls.filter((q) => !q.name), String(pattern)).toEqual([]);
      }
      expect(sent.filter((q) => /SELECT \* FROM (?!unnest)/.test(q.text) && q.name)).toEqual([]);
      // One name, one text: pg refuses a known name with another text.
      const texts = new Map<string, Set<string>>();
      for (const q of sent) if (q.name) texts.set(q.name, (texts.get(q.name) ?? new Set()).add(q.text));
      expect([...texts.values()].every((t) => t.size === 1)).toBe(true);
    }, 60_000);

    it('take one round trip per commit: one statement, written to the socket at once, no BEGIN or COMMIT of their own', async () => {
      const url = await server.createDb('round_trips');
      const s = await openPostgresStorage(url, { poolSize: 1 });
      const [plan, goals] = [{ workspace: 'hbi-stockholm', doc: 'plan' }, { workspace: 'hbi-stockholm', doc: 'goals' }];
      await made(s, plan, goals);
      const one = (b: number) => [{ update: new Uint8Array([b]), memberId: 'm1' }];
      const texts: string[] = [];
      let writes = 0;
      const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
      // What reaches the socket's handle: one `_write` per chunk, or one `_writev` for the chunks a cork gathered.
      const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
      const [write, writev] = [proto._write, proto._writev];
      try {
        // Parsed and planned once per connection first, so that the counted calls are the steady state.
        await s.appendUpdates(plan, one(1));
        await s.appendMany!([{ ref: plan, updates: one(2) }, { ref: goals, updates: one(3) }]);
        pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
          const first = a[0] as string | { text: string };
          texts.push(typeof first === 'string' ? first : first.text);
          return query.apply(this, a);
        } as typeof pg.Client.prototype.query;
        proto._write = function (this: net.Socket, ...a: unknown[]) {
          writes++;
          return write.apply(this, a);
        };
        proto._writev = function (this: net.Socket, ...a: unknown[]) {
          writes++;
          return writev.apply(this, a);
        };
        for (const commit of [() => s.appendUpdates(plan, one(4)), () => s.appendMany!([{ ref: plan, updates: one(5) }, { ref: goals, updates: one(6) }])]) {
          [texts.length, writes] = [0, 0];
          await commit();
          expect(texts).toHaveLength(1);
          expect(texts.filter((t) => /^\s*(BEGIN|COMMIT)/i.test(t))).toEqual([]);
          expect(writes).toBe(1);
        }
      } finally {
        pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
        [proto._write, proto._writev] = [write, writev];
        await s.close();
      }
    }, 60_000);
  });

  describe('the document record on appends', () => {
    it('is rewritten once its updatedAt is a grain old, not by every commit of a busy document', async () => {
      const url = await server.createDb('grain');
      let now = new Date('2026-03-02T10:00:00.000Z');
      const s = await openPostgresStorage(url, { clock: () => now });
      const c = listenedClient({ connectionString: url });
      await c.connect();
      const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
      /** The record's row version (xmin moves whenever PostgreSQL writes a new version of the row) and updated_at. */
      const row = async () => (await c.query('SELECT xmin::text AS v, updated_at FROM docs WHERE workspace = $1 AND doc = $2', [ref.workspace, ref.doc])).rows[0] as { v: string; updated_at: string };
      try {
        const old = '2026-03-02T09:00:00.000Z';
        await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Husby', ownerUnit: 'husby', createdAt: old, updatedAt: old });
        await made(s, { ...ref, doc: 'other' });
        await s.appendUpdates(ref, [{ update: new Uint8Array([1]), memberId: null }]);
        const first = await row();
        expect(first.updated_at).toBe(now.toISOString());
        now = new Date('2026-03-02T10:00:59.000Z');
        await s.appendUpdates(ref, [{ update: new Uint8Array([2]), memberId: null }]);
        await s.appendMany!([{ ref, updates: [{ update: new Uint8Array([3]), memberId: null }] }, { ref: { ...ref, doc: 'other' }, updates: [{ update: new Uint8Array([4]), memberId: null }] }]);
        expect(await row()).toEqual(first);
        now = new Date('2026-03-02T10:01:01.000Z');
        await s.appendMany!([{ ref, updates: [{ update: new Uint8Array([5]), memberId: null }] }, { ref: { ...ref, doc: 'other' }, updates: [{ update: new Uint8Array([6]), memberId: null }] }]);
        expect((await row()).updated_at).toBe('2026-03-02T10:01:01.000Z');
        expect((await s.listUpdates(ref, 0, 10)).map((u) => u.seq)).toEqual([1, 2, 3, 4]);
      } finally {
        await c.end();
        await s.close();
      }
    });
  });

  describe('two processes on one database, a document deleted in B while A appends', () => {
    it('refuses A’s append, alone and in a group commit (all or none), and leaves no update row of a document with no record', async () => {
      const url = await server.createDb('needs_record');
      const a = await openPostgresStorage(url);
      const b = await openPostgresStorage(url);
      const c = listenedClient({ connectionString: url });
      await c.connect();
      const at = '2026-03-02T09:00:00.000Z';
      const ref = (doc: string) => ({ workspace: 'hbi-stockholm', doc });
      const record = (doc: string) => ({ ...ref(doc), kind: 'activity-plan', title: doc, ownerUnit: 'husby', createdAt: at, updatedAt: at });
      const edit = (byte: number, more: Partial<AppendItem> = {}): AppendItem[] => [{ update: new Uint8Array([byte]), memberId: 'm-a', ...more }];
      try {
        expect(await a.appendUpdates(ref('plan'), edit(1, { record: record('plan'), creates: true }))).toBe(1);
        expect(await a.appendUpdates(ref('kept'), edit(1, { record: record('kept'), creates: true }))).toBe(1);
        await b.deleteDoc(ref('plan'));
        await expect(a.appendUpdates(ref('plan'), edit(2))).rejects.toBeInstanceOf(DocRecordGoneError);
        await expect(a.appendUpdates(ref('plan'), edit(3, { takeBacks: [{ at: Date.parse(at), data: new Uint8Array([9]) }] }))).rejects.toBeInstanceOf(DocRecordGoneError);
        await expect(a.appendMany!([{ ref: ref('kept'), updates: edit(2) }, { ref: ref('plan'), updates: edit(4) }])).rejects.toBeInstanceOf(DocRecordGoneError);
        const orphans = await c.query("SELECT count(*)::int AS n FROM update_log u WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.workspace = u.workspace AND d.doc = u.doc)");
        expect(orphans.rows[0]).toEqual({ n: 0 });
        expect((await b.loadDoc(ref('kept'))).lastSeq).toBe(1);
        expect(await a.appendMany!([{ ref: ref('kept'), updates: edit(5) }])).toEqual([2]);
        expect(await a.appendAfter(ref('~rounds'), 0, edit(1))).toBe(1);
        await expect(a.appendAfter(ref('plan'), 0, edit(8))).rejects.toBeInstanceOf(DocRecordGoneError);
        // The group's refusal names the document its statement found without a record, also when
        // that record is made again before the refusal is answered (no second read to ask it).
        let first = true;
        const remade = {
          query: async (...args: [pg.QueryConfig | string, unknown[]?]) => {
            const answered = await c.query(...(args as [string, unknown[]]));
            if (first) [first] = [false, await b.putDocRecord(record('plan'))];
            return answered;
          },
        } as unknown as Pick<pg.Pool, 'query'>;
        await expect(appendManyPostgres(remade, [{ ref: ref('kept'), updates: edit(6) }, { ref: ref('plan'), updates: edit(7) }], at, null)).rejects.toMatchObject({
          name: 'DocRecordGoneError',
          ref: ref('plan'),
        });
        expect((await b.loadDoc(ref('kept'))).lastSeq).toBe(2);
      } finally {
        await c.end();
        await a.close();
        await b.close();
      }
    });
  });

  describe('when PostgreSQL is unreachable', () => {
    it('refuses reads and writes as unavailable, and works again once it is back', async () => {
      const url = await server.createDb('down');
      const s = await openPostgresStorage(url, { connectTimeoutMs: 1000 });
      const ref = { workspace: 'hbi-stockholm', doc: 'plan' };
      await made(s, ref);
      await s.appendUpdates(ref, [{ update: new Uint8Array([1]), memberId: null }]);
      await server.stop();
      try {
        await expect(s.appendUpdates(ref, [{ update: new Uint8Array([2]), memberId: null }])).rejects.toBeInstanceOf(StorageUnavailableError);
        await expect(s.loadDoc(ref)).rejects.toBeInstanceOf(StorageUnavailableError);
        await expect(s.checkWritable()).rejects.toBeInstanceOf(StorageUnavailableError);
      } finally {
        await server.start();
      }
      await expect(s.checkWritable()).resolves.toBeUndefined();
      expect((await s.loadDoc(ref)).lastSeq).toBe(1);
      await s.close();
    }, 60_000);
  });
});

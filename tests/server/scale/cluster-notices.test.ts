/**
 * Other writers' changes told through PostgreSQL `LISTEN/NOTIFY` (`postgres-notices.ts`): server
 * processes whose rights and foreign-write polls are a minute away still close a revoked token's
 * sockets and show a `samplan` command's append at once, because storage tells them; when the
 * listening connection is killed they read again once it is back; and while it cannot come back,
 * a process falls back to polling.
 */
import * as Y from 'yjs';
import type pg from 'pg';
import { listenedClient } from '../../support/listened-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { NOTICES_APPLICATION } from '../../../server/storage/postgres-notices.js';
import type { Storage } from '../../../server/storage/storage.js';
import { insertRow } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { startNode, syncUrl, useCluster } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
/** Far below the minute's polls of the told processes. */
const AT_ONCE_MS = 3000;
const MINUTE = '60000';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Close codes of `clients`, or 'still open' for those not closed within `ms`. */
function closedWithin(clients: SyncClient[], ms: number): Promise<(number | string)[]> {
  const open = new Promise<string>((r) => setTimeout(() => r('still open'), ms));
  return Promise.all(clients.map((c) => Promise.race([c.closed.then((e) => e.code), open])));
}

describe.skipIf(missing !== null)('changes told through PostgreSQL LISTEN/NOTIFY', () => {
  /** Two processes that poll for nothing within a minute: what reaches them in seconds was told. */
  const cluster = useCluster({ db: 'notices', nodes: 2, env: { SAMPLAN_TEST_RIGHTS_POLL_MS: MINUTE, SAMPLAN_TEST_FOREIGN_POLL_MS: MINUTE } });
  const told = cluster.nodes;
  /** The storage of a `samplan` command: no fan-out, no watcher. */
  let cli: Storage;
  let admin: pg.Client;

  beforeAll(async () => {
    cli = await openPostgresStorage(cluster.dbUrl);
    // On another database: the test database's connections are refused for a while below.
    admin = listenedClient({ connectionString: cluster.pg.url('postgres') });
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await cli?.close();
  }, 60_000);

  /** The listening connections of the processes, as PostgreSQL sees them. */
  const listeners = async (): Promise<number> =>
    Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [NOTICES_APPLICATION])).rows[0].n);

  it('holds one listening connection per process', async () => {
    await eventually(async () => (await listeners()) === told.length, AT_ONCE_MS, 'a listener per process');
  });

  it('closes a token revoked straight in storage (no fan-out) on every process at once', async () => {
    const victims = told.map((n) => new SyncClient(syncUrl(n, 'plan-a', TOKENS.editorA)));
    await Promise.all(victims.map((v) => v.synced));
    expect(await cli.revokeToken('t-m-a', new Date().toISOString())).toBe(true);
    expect(await closedWithin(victims, AT_ONCE_MS)).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
  }, 30_000);

  it('shows an append of a `samplan` command to the clients of every process at once', async () => {
    const readers = told.map((n) => new SyncClient(syncUrl(n, 'county', TOKENS.coordinator)));
    await Promise.all(readers.map((r) => r.synced));
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate((readers[0] as SyncClient).doc));
    const before = Y.encodeStateVector(shadow);
    insertRow(shadow, { title: 'Från kommandoraden' }, { id: 'cli-row' });
    await cli.appendUpdates({ workspace: WS, doc: 'county' }, [{ memberId: 'm-coord', update: Y.encodeStateAsUpdate(shadow, before) }]);
    await eventually(() => readers.every((r) => rowsMap(r.doc).has('cli-row')), AT_ONCE_MS, 'the row on every process');
    readers.forEach((r) => r.close());
  }, 30_000);

  it('reads rights again once its killed listening connection is back, so a revocation made meanwhile closes the sockets', async () => {
    const victims = told.map((n) => new SyncClient(syncUrl(n, 'plan-b', TOKENS.editorB)));
    await Promise.all(victims.map((v) => v.synced));
    const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [NOTICES_APPLICATION]);
    expect(killed.rowCount).toBe(told.length);
    // Made while no process listens: told to nobody.
    expect(await cli.revokeToken('t-m-b', new Date().toISOString())).toBe(true);
    expect(await closedWithin(victims, AT_ONCE_MS + 2000)).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    await eventually(async () => (await listeners()) === told.length, AT_ONCE_MS, 'the listeners back');
  }, 30_000);

  it('polls while the listening connection cannot come back, and listens again after', async () => {
    // A process with the default half-second rights poll; its pool is warm before connections are refused.
    const node = await startNode(cluster.dbUrl, cluster.redis.url, 0, {});
    try {
      const victim = new SyncClient(syncUrl(node, 'plan-a', TOKENS.viewer));
      await victim.synced;
      await eventually(async () => (await listeners()) === told.length + 1, AT_ONCE_MS, 'its listener');
      // Requests at once, so that its pool holds idle connections for a poll round's parallel
      // reads: while connections are refused below it cannot open new ones (nor could it if the
      // database were down; here only the listener is to be kept out).
      const reads = await Promise.all(
        Array.from({ length: 8 }, () => fetch(`${node.url}/v1/workspaces/${WS}/documents`, { headers: { authorization: `Bearer ${TOKENS.coordinator}` } })),
      );
      expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
      await cli.listTokens(WS);
      await admin.query('ALTER DATABASE samplan_test ALLOW_CONNECTIONS false');
      try {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [NOTICES_APPLICATION]);
        // Long enough for the reconnects to fail a few times.
        await sleep(600);
        expect(await listeners()).toBe(0);
        expect(await cli.revokeToken('t-m-v', new Date().toISOString())).toBe(true);
        expect(await closedWithin([victim], AT_ONCE_MS)).toEqual([CloseCode.unauthorized]);
      } finally {
        await admin.query('ALTER DATABASE samplan_test ALLOW_CONNECTIONS true');
      }
      await eventually(async () => (await listeners()) === told.length + 1, 5000, 'every listener back');
    } finally {
      await node.stop();
    }
  }, 60_000);
});

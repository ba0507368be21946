/**
 * A rights change answered by one process is in force on every process of the cluster: three
 * processes on PostgreSQL and Redis, a member writing continuously (a stock y-websocket client,
 * a row every 5 ms) on process 1 and process 2 while an admin demotes her, revokes her token or
 * removes her through REST on process 0, or archives the document. No row she sends after the
 * answer may be stored.
 *
 * Each process applies the rights changes it hears over Redis 400 ms late
 * (`SAMPLAN_TEST_RIGHTS_DELAY_MS`, a loaded process reading its subscription late) and reads rights
 * from storage only every minute: what closes the window before the answer is the
 * acknowledgement the route waits for (`server/fanout/rights-acks.ts`). Without it the answer came
 * while the others had not applied the change yet, and rows sent after it were stored (PostgreSQL's
 * notice only narrows the window to a round's reads).
 */
import type { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/tokens.js';
import { insertRow } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { RIGHTS_REASONS } from '../../../server/sync/rights.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { syncUrl, useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { stockClient } from '../../support/stock-client.js';
import { TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const ADMIN = `spl_${'test-admin-'.padEnd(43, '0')}`;
/** A second editor of clinic A, removed in the last test. */
const EDITOR_C = `spl_${'test-editor-c-'.padEnd(43, '0')}`;
/** How late each process applies a rights change heard over Redis. */
const DELAY_MS = 400;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A stock client writing a row every 5 ms, each row id recording whether the answer had come. */
interface Writer {
  provider: WebsocketProvider;
  /** Ids of the rows written after the answer. */
  after: string[];
  /** Ids of the rows written before it. */
  before: string[];
  /** The first close the client saw, code and reason. */
  closes: { code: number; reason: string }[];
  stop(): void;
}

function writeContinuously(node: ClusterNode, doc: string, token: string, tag: string, answered: () => boolean): Writer {
  const provider = stockClient(node.port, doc, token);
  const w: Writer = { provider, after: [], before: [], closes: [], stop: () => clearInterval(timer) };
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) w.closes.push({ code: event.code, reason: event.reason });
  });
  let n = 0;
  const timer = setInterval(() => {
    if (!provider.synced && w.before.length === 0) return;
    const id = `${tag}-${n++}`;
    (answered() ? w.after : w.before).push(id);
    insertRow(provider.doc, { title: id }, { id });
  }, 5);
  return w;
}

describe.skipIf(missing !== null)('a rights change answered on one process is in force on all of them', () => {
  const cluster = useCluster({
    db: 'rights_window',
    nodes: 3,
    env: { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000', SAMPLAN_TEST_RIGHTS_DELAY_MS: String(DELAY_MS) },
    seed: async (storage) => {
      await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
      const at = '2026-01-01T00:00:00.000Z';
      await storage.putToken({ id: 't-m-admin', hash: hashSecret(ADMIN), workspace: WS, memberId: 'm-admin', label: 'Admin', createdAt: at, expiresAt: null, revokedAt: null });
      await storage.putMember({ workspace: WS, id: 'm-c', name: 'Editor C', role: 'editor', units: ['clinic-a'] });
      await storage.putToken({ id: 't-m-c', hash: hashSecret(EDITOR_C), workspace: WS, memberId: 'm-c', label: 'Editor C', createdAt: at, expiresAt: null, revokedAt: null });
    },
  });
  const node = cluster.node;
  const admin = (path: string, init: RequestInit): Promise<Response> =>
    fetch(`${node(0).url}/v1/workspaces/${WS}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });

  /**
   * Write on processes 1 and 2, make the change on process 0, write on for twice the delay after
   * the answer; then read what is stored through a fresh client. Answers the writers.
   */
  async function change(doc: string, token: string, tag: string, request: () => Promise<Response>): Promise<Writer[]> {
    let answered = false;
    const writers = [1, 2].map((i) => writeContinuously(node(i), doc, token, `${tag}-${i}`, () => answered));
    cluster.providers.push(...writers.map((w) => w.provider));
    await eventually(() => writers.every((w) => w.provider.synced && w.before.length > 20), 20_000, 'the writers to write');
    const res = await request();
    answered = true;
    const body = (await res.json()) as { unconfirmed?: unknown };
    expect(res.status).toBe(200);
    expect(body.unconfirmed).toBeUndefined();
    await sleep(2 * DELAY_MS);
    for (const w of writers) w.stop();
    await sleep(500);
    for (const w of writers) w.provider.destroy();
    const fresh = new SyncClient(syncUrl(node(0), doc, ADMIN));
    await fresh.synced;
    const stored = new Set(rowsMap(fresh.doc).keys());
    fresh.close();
    for (const w of writers) {
      // The writes flowed before the change, and went on after the answer.
      expect(w.before.filter((id) => stored.has(id)).length).toBeGreaterThan(10);
      expect(w.after.length).toBeGreaterThan(10);
      expect(w.after.filter((id) => stored.has(id))).toEqual([]);
    }
    return writers;
  }

  it('stores nothing a member demoted to viewer sends after the answer, on any process', async () => {
    const writers = await change('plan-a', TOKENS.editorA, 'demote', () =>
      admin('/members', { method: 'POST', body: JSON.stringify({ id: 'm-a', name: 'Editor A', role: 'viewer', units: [] }) }),
    );
    for (const w of writers) expect(w.closes[0]?.code).toBe(CloseCode.forbidden);
  }, 90_000);

  it('stores nothing a revoked token sends after the answer, on any process', async () => {
    const writers = await change('plan-b', TOKENS.editorB, 'revoke', () => admin('/tokens', { method: 'DELETE', body: JSON.stringify({ id: 't-m-b' }) }));
    for (const w of writers) expect(w.closes[0]).toEqual({ code: CloseCode.unauthorized, reason: RIGHTS_REASONS.revoked });
  }, 90_000);

  it('stores nothing a removed member sends after the answer, on any process, and names the removal', async () => {
    const writers = await change('plan-a', EDITOR_C, 'remove', () => admin('/members/m-c', { method: 'DELETE' }));
    for (const w of writers) expect(w.closes[0]).toEqual({ code: CloseCode.unauthorized, reason: RIGHTS_REASONS.removed });
  }, 90_000);

  it('stores nothing written to a document after the answer that archived it, on any process', async () => {
    await change('plan-a', TOKENS.coordinator, 'archive', () => admin('/documents/plan-a/archive', { method: 'POST' }));
  }, 90_000);
});

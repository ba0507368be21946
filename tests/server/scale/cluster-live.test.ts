/**
 * Presence and rights across three server processes on PostgreSQL and Redis, at once: the
 * processes read rights from storage only every 60 s here, so whatever reaches another process
 * within the deadlines below (3 s, well under the 15 s presence renewal and the poll) came
 * through the fan-out. Stock y-websocket clients for presence, the bench's client for writes.
 */
import type { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/tokens.js';
import { insertRow } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { Notice } from '../../../shared/protocol/notices.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { setCells } from '../../../shared/doc/index.js';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { syncUrl, useCluster, type ClusterNode } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { stockClient } from '../../support/stock-client.js';
import { TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const ADMIN = `spl_${'test-admin-'.padEnd(43, '0')}`;
/** How soon a change made on one process must show on another; far below the poll and the renewal. */
const AT_ONCE_MS = 3000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A stock y-websocket client of `doc` on `node`; with `notices`, one that asks for them and keeps them. */
const provider = (node: ClusterNode, doc: string, token: string, notices?: Notice[]): WebsocketProvider => stockClient(node.port, doc, token, { notices });

/** The names a client shows for the others' presence. */
const namesSeenBy = (p: WebsocketProvider): string[] =>
  [...p.awareness.getStates().entries()]
    .filter(([id]) => id !== p.awareness.clientID)
    .map(([, s]) => (s as { user?: { name?: string } }).user?.name ?? '');

const rowsOf = (client: SyncClient): string[] => [...client.doc.getMap('rows').keys()];

describe.skipIf(missing !== null)('presence and rights across three processes, at once', () => {
  const cluster = useCluster({
    db: 'live',
    nodes: 3,
    env: { SAMPLAN_TEST_RIGHTS_POLL_MS: '60000' },
    seed: async (storage) => {
      await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
      const at = '2026-01-01T00:00:00.000Z';
      await storage.putToken({ id: 't-m-admin', hash: hashSecret(ADMIN), workspace: WS, memberId: 'm-admin', label: 'Admin', createdAt: at, expiresAt: null, revokedAt: null });
    },
  });
  const node = cluster.node;
  const admin = (i: number, path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${node(i).url}/v1/workspaces/${WS}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    });

  it('shows a client’s presence to clients of other processes at once, to those that join later too, and its leaving', async () => {
    const a = provider(node(0), 'plan-b', TOKENS.editorB);
    const open: WebsocketProvider[] = [a];
    try {
      await eventually(() => a.synced, 10_000, 'the first client to sync');
      a.awareness.setLocalStateField('user', { name: 'whatever the client says', color: '#0f6cbd' });
      await sleep(200);
      // The document is not loaded on process 1 yet: loading it asks the others for their presence.
      const b = provider(node(1), 'plan-b', TOKENS.viewer);
      open.push(b);
      await eventually(() => b.synced, 10_000, 'the second client to sync');
      await eventually(() => namesSeenBy(b).includes('Editor B'), AT_ONCE_MS, 'a client joining another process to see the first');
      // Loaded there now: a second client of that process is shown what it kept.
      const c = provider(node(1), 'plan-b', TOKENS.coordinator);
      open.push(c);
      await eventually(() => c.synced, 10_000, 'the third client to sync');
      await eventually(() => namesSeenBy(c).includes('Editor B'), AT_ONCE_MS, 'a later client of that process to see the first');
      a.awareness.setLocalStateField('user', { name: 'x', color: '#d13438' });
      await eventually(
        () => [...b.awareness.getStates().values()].some((s) => (s as { user?: { color?: string } }).user?.color === '#d13438'),
        AT_ONCE_MS,
        'a change of presence to cross processes',
      );
      a.destroy();
      await eventually(() => !namesSeenBy(b).includes('Editor B') && !namesSeenBy(c).includes('Editor B'), AT_ONCE_MS, 'the leaving to cross processes');
    } finally {
      for (const p of open) p.destroy();
    }
  }, 60_000);

  it('tells open sockets on the other processes at once that a document was archived, and takes a write back there', async () => {
    const heard: Notice[][] = [[], []];
    const writer = provider(node(1), 'county', TOKENS.coordinator, heard[0]);
    const reader = provider(node(2), 'county', TOKENS.viewer, heard[1]);
    try {
      await eventually(() => writer.synced && reader.synced, 10_000, 'both clients to sync');
      insertRow(writer.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: 'arch-1' });
      await eventually(() => rowsMap(reader.doc).get('arch-1')?.get('measure') === 'Hälsodag', AT_ONCE_MS, 'the row on the other process');
      expect((await admin(0, '/documents/county/archive', { method: 'POST' })).status).toBe(200);
      await eventually(() => heard.every((h) => h.some((n) => n.type === 'doc-state' && n.state.archivedAt !== null)), AT_ONCE_MS, 'the archive notice on both other processes');
      setCells(writer.doc, 'arch-1', { measure: 'Efter arkivering' });
      await eventually(() => heard[0]?.some((n) => n.type === 'refusal' && n.refusal.code === 'archived') === true, AT_ONCE_MS, 'the refusal notice');
      await eventually(() => rowsMap(writer.doc).get('arch-1')?.get('measure') === 'Hälsodag', AT_ONCE_MS, 'the change taken back');
      await sleep(300);
      expect(rowsMap(reader.doc).get('arch-1')?.get('measure')).toBe('Hälsodag');
      expect((await admin(0, '/documents/county/unarchive', { method: 'POST' })).status).toBe(200);
      await eventually(() => heard.every((h) => h.at(-1)?.type === 'doc-state' && (h.at(-1) as Extract<Notice, { type: 'doc-state' }>).state.archivedAt === null), AT_ONCE_MS, 'the restore notice');
      setCells(writer.doc, 'arch-1', { measure: 'Efter återställning' });
      await eventually(() => rowsMap(reader.doc).get('arch-1')?.get('measure') === 'Efter återställning', AT_ONCE_MS, 'a write after the restore');
      expect(writer.wsconnected && reader.wsconnected).toBe(true);
    } finally {
      writer.destroy();
      reader.destroy();
    }
  }, 60_000);

  it('refuses the writes of a member demoted to viewer on another process, on both other processes', async () => {
    const observer = new SyncClient(syncUrl(node(0), 'plan-a', TOKENS.viewer));
    const victims = [1, 2].map((i) => new SyncClient(syncUrl(node(i), 'plan-a', TOKENS.editorA)));
    await Promise.all([observer.synced, ...victims.map((v) => v.synced)]);
    victims.forEach((v, i) => v.write((doc) => insertRow(doc, { title: 'before' }, { id: `demote-before-${i}` })));
    await eventually(() => rowsOf(observer).filter((r) => r.startsWith('demote-before-')).length === 2, 10_000, 'the writes before the change');
    const res = await admin(0, '/members', { method: 'POST', body: JSON.stringify({ id: 'm-a', name: 'Editor A', role: 'viewer', units: [] }) });
    expect(res.status).toBe(200);
    // Long enough for a Redis hop on a loaded machine, far shorter than the 60 s rights poll.
    await sleep(1000);
    victims.forEach((v, i) => v.write((doc) => insertRow(doc, { title: 'after' }, { id: `demote-after-${i}` })));
    for (const v of victims) expect((await v.closed).code).toBe(CloseCode.forbidden);
    const fresh = new SyncClient(syncUrl(node(0), 'plan-a', TOKENS.viewer));
    await fresh.synced;
    expect(rowsOf(fresh).filter((r) => r.startsWith('demote-')).sort()).toEqual(['demote-before-0', 'demote-before-1']);
    for (const c of [observer, fresh]) c.close();
  }, 60_000);

  it('closes the sockets of a token revoked on another process, on both other processes', async () => {
    const victims = [1, 2].map((i) => new SyncClient(syncUrl(node(i), 'plan-b', TOKENS.editorB)));
    await Promise.all(victims.map((v) => v.synced));
    const res = await admin(0, '/tokens', { method: 'DELETE', body: JSON.stringify({ id: 't-m-b' }) });
    expect(res.status).toBe(200);
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 30_000);

  it('closes the sockets of a member removed on another process, on both other processes', async () => {
    const victims = [0, 1].map((i) => new SyncClient(syncUrl(node(i), 'county', TOKENS.coordinator)));
    await Promise.all(victims.map((v) => v.synced));
    const res = await admin(2, '/members/m-coord', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const start = Date.now();
    const codes = await Promise.all(victims.map(async (v) => (await v.closed).code));
    expect(codes).toEqual([CloseCode.unauthorized, CloseCode.unauthorized]);
    expect(Date.now() - start).toBeLessThan(AT_ONCE_MS);
  }, 30_000);
});
